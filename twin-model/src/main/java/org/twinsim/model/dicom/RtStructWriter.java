package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Structure;

/**
 * Writes a {@link LabelMap} as an RT Structure Set (PS3.3 A.19: Patient, General Study, RT Series,
 * General Equipment, Structure Set, ROI Contour, RT ROI Observations, Approval, SOP Common)
 * referencing an exported CT series.
 *
 * <p>Each structure becomes one ROI (ROI Number = its label) whose CLOSED_PLANAR contours are the
 * {@link MarchingSquares} contours of its mask on each slice, the mask including the structure's
 * descendants ({@link LabelMap#mask}), so that nested structures keep their full extent in any
 * planning system. Each contour references its CT slice in a Contour Image Sequence; the
 * Referenced Frame of Reference Sequence lists the study, the series and all its slices.
 * Coordinates are written to 0.1 um (4 decimals), far below the half-voxel distance that separates
 * every contour from every voxel centre.
 */
final class RtStructWriter {
  /** Detached Study Management SOP Class, the customary Referenced SOP Class UID of RT Referenced Study items. */
  static final String STUDY_REFERENCE_SOP_CLASS = "1.2.840.10008.3.1.2.3.1";

  private RtStructWriter() {
  }

  /** Writes {@code file}; returns its SOP Instance UID. */
  static String write(Path file, LabelMap labels, ExportedSeries ct, StudyContext study, int seriesNumber,
                      String transferSyntaxUid) throws IOException {
    Grid3 g = ct.grid();
    labels.grid().requireSame(g, "RT Structure Set: label map and CT");
    String sop = study.options().uids().next();
    AttributeList l = new AttributeList();
    study.putCommon(l, SOPClass.RTStructureSetStorage, sop);
    study.putSeries(l, "RTSTRUCT", study.options().uids().next(), seriesNumber, "Structures");
    DicomValues.put(l, Tags.OperatorsName);
    // Frame of Reference module (dciodvfy expects it in an RT Structure Set; planning systems use it)
    DicomValues.put(l, Tags.FrameOfReferenceUID, ct.frameOfReferenceUid());
    DicomValues.put(l, Tags.PositionReferenceIndicator);
    // Structure Set module
    DicomValues.put(l, Tags.StructureSetLabel, "twinsim");
    DicomValues.put(l, Tags.StructureSetName, "twinsim structures");
    DicomValues.put(l, Tags.StructureSetDate, DicomValues.date(study.options().dateTime()));
    DicomValues.put(l, Tags.StructureSetTime, DicomValues.time(study.options().dateTime()));
    DicomValues.putInt(l, Tags.InstanceNumber, 1);
    AttributeList forItem = DicomValues.addItem(DicomValues.putSequence(l, Tags.ReferencedFrameOfReferenceSequence));
    DicomValues.put(forItem, Tags.FrameOfReferenceUID, ct.frameOfReferenceUid());
    AttributeList studyItem = DicomValues.addItem(DicomValues.putSequence(forItem, Tags.RTReferencedStudySequence));
    DicomValues.put(studyItem, Tags.ReferencedSOPClassUID, STUDY_REFERENCE_SOP_CLASS);
    DicomValues.put(studyItem, Tags.ReferencedSOPInstanceUID, study.studyInstanceUid());
    AttributeList seriesItem = DicomValues.addItem(DicomValues.putSequence(studyItem, Tags.RTReferencedSeriesSequence));
    DicomValues.put(seriesItem, Tags.SeriesInstanceUID, ct.seriesInstanceUid());
    SequenceAttribute images = DicomValues.putSequence(seriesItem, Tags.ContourImageSequence);
    for (String sliceSop : ct.sopInstanceUids()) {
      AttributeList im = DicomValues.addItem(images);
      DicomValues.put(im, Tags.ReferencedSOPClassUID, SOPClass.CTImageStorage);
      DicomValues.put(im, Tags.ReferencedSOPInstanceUID, sliceSop);
    }
    SequenceAttribute rois = DicomValues.putSequence(l, Tags.StructureSetROISequence);
    SequenceAttribute contours = DicomValues.putSequence(l, Tags.ROIContourSequence);
    SequenceAttribute observations = DicomValues.putSequence(l, Tags.RTROIObservationsSequence);
    int contourNumber = 1;
    for (Structure s : labels.structures()) {
      AttributeList roi = DicomValues.addItem(rois);
      DicomValues.putInt(roi, Tags.ROINumber, s.label());
      DicomValues.put(roi, Tags.ReferencedFrameOfReferenceUID, ct.frameOfReferenceUid());
      DicomValues.put(roi, Tags.ROIName, s.name());
      DicomValues.put(roi, Tags.ROIGenerationAlgorithm, "AUTOMATIC");

      AttributeList rc = DicomValues.addItem(contours);
      int[] c = RoiStyle.colour(s.name());
      DicomValues.putInt(rc, Tags.ROIDisplayColor, c[0], c[1], c[2]);
      boolean[] mask = labels.mask(s.name());
      SequenceAttribute seq = new SequenceAttribute(Tags.ContourSequence);
      for (int k = 0; k < g.nz(); k++) {
        List<double[]> polys = MarchingSquares.sliceContours(mask, g, k);
        for (double[] p : polys) {
          AttributeList ci = DicomValues.addItem(seq);
          DicomValues.putInt(ci, Tags.ContourNumber, contourNumber++);
          AttributeList ref = DicomValues.addItem(DicomValues.putSequence(ci, Tags.ContourImageSequence));
          DicomValues.put(ref, Tags.ReferencedSOPClassUID, SOPClass.CTImageStorage);
          DicomValues.put(ref, Tags.ReferencedSOPInstanceUID, ct.sopInstanceUids().get(k));
          DicomValues.put(ci, Tags.ContourGeometricType, "CLOSED_PLANAR");
          int n = p.length / 2;
          DicomValues.putInt(ci, Tags.NumberOfContourPoints, n);
          String z = DicomValues.ds(round4(g.z(k)));
          String[] xyz = new String[3 * n];
          for (int v = 0; v < n; v++) {
            xyz[3 * v] = DicomValues.ds(round4(p[2 * v]));
            xyz[3 * v + 1] = DicomValues.ds(round4(p[2 * v + 1]));
            xyz[3 * v + 2] = z;
          }
          DicomValues.putDsStrings(ci, Tags.ContourData, xyz);
        }
      }
      if (seq.getNumberOfItems() > 0) {
        rc.put(seq); // an ROI without voxels has no Contour Sequence (type 3; empty is not allowed)
      }
      // ReferencedROINumber after ROIDisplayColor/ContourSequence is fine: AttributeList sorts by tag.
      DicomValues.putInt(rc, Tags.ReferencedROINumber, s.label());

      AttributeList ob = DicomValues.addItem(observations);
      DicomValues.putInt(ob, Tags.ObservationNumber, s.label());
      DicomValues.putInt(ob, Tags.ReferencedROINumber, s.label());
      DicomValues.put(ob, Tags.RTROIInterpretedType, RoiStyle.interpretedType(s.name()).isEmpty()
          ? new String[0] : new String[] {RoiStyle.interpretedType(s.name())});
      DicomValues.put(ob, Tags.ROIInterpreter);
    }
    DicomValues.put(l, Tags.ApprovalStatus, "UNAPPROVED");
    insertCharacterSet(l);
    DicomFileWriter.write(l, file, transferSyntaxUid);
    return sop;
  }

  private static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /** Adds Specific Character Set (0008,0005) when a string (e.g. a ROI name) is not plain ASCII. */
  static void insertCharacterSet(AttributeList l) {
    try {
      l.insertSuitableSpecificCharacterSetForAllStringValues();
    } catch (com.pixelmed.dicom.DicomException e) {
      throw new IllegalStateException("cannot choose a character set: " + e.getMessage(), e);
    }
  }
}
