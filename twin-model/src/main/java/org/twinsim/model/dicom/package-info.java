/**
 * DICOM import and export, built on PixelMed and named after the standard (PS3.3 modules and
 * attributes). Start from the two facades: {@link org.twinsim.model.dicom.DicomExport} writes a
 * patient (CT Image series, RT Structure Set, RT Dose; CBCT series of the same study) into a new
 * folder atomically, and {@link org.twinsim.model.dicom.DicomImport} reads a folder holding a CT
 * series and an RT Structure Set into an {@link org.twinsim.model.dicom.ImportedPatient} (grid,
 * HU volume, label map, per-ROI findings, warnings).
 *
 * <p>How the parts fit. Export: {@code CtSeriesWriter} (CT Image IOD, PS3.3 A.3, HU stored as
 * {@link org.twinsim.model.dicom.HuEncoding}), {@code RtStructWriter} (RT Structure Set IOD, A.19;
 * contours by {@link org.twinsim.model.dicom.MarchingSquares}), {@code RtDoseWriter} (RT Dose IOD,
 * A.18), {@code AtomicFolder} (temporary folder renamed into place). Import: {@code DicomFileReader}
 * (recognise DICOM, {@code DicomStructure} checks the byte structure since PixelMed does not notice
 * truncation, then PixelMed parses), {@code CtSlice} + {@code CtAssembler} (one axial series into
 * a {@code Grid3} and HU {@code Volume}), {@code StructureSetParser} + {@code LabelMapBuilder}
 * (ROIs rasterised by {@link org.twinsim.model.dicom.PolygonRasterizer}, names mapped by
 * {@link org.twinsim.model.dicom.StructureSynonyms}).
 *
 * <p>Privacy: exports carry only a {@link org.twinsim.model.dicom.Pseudonym}; an import derives the
 * pseudonym from the patient's ID and name and redacts both from every result and message.
 * Conformance of the exports is checked in the tests with dicom3tools (dciodvfy, dcentvfy) and
 * their geometry with pydicom.
 */
package org.twinsim.model.dicom;
