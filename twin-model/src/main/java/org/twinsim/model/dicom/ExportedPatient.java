package org.twinsim.model.dicom;

import java.nio.file.Path;

/**
 * What {@link DicomExport#writePatient} wrote: the identifiers later exports of the same patient
 * (CBCTs, fraction doses) refer to.
 *
 * @param dir the export folder
 * @param study the study (pseudonym, Study Instance UID, frame of reference, date)
 * @param ct the planning CT series
 * @param structureSetFile the RT Structure Set file
 * @param structureSetSopInstanceUid its SOP Instance UID
 * @param doseFile the RT Dose file, or null when no dose was exported
 * @param doseSopInstanceUid its SOP Instance UID, or null
 */
public record ExportedPatient(Path dir, StudyReference study, ExportedSeries ct, Path structureSetFile,
                              String structureSetSopInstanceUid, Path doseFile, String doseSopInstanceUid) {

  public Pseudonym pseudonym() {
    return study.pseudonym();
  }

  public String frameOfReferenceUid() {
    return study.frameOfReferenceUid();
  }
}
