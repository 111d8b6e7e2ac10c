package org.twinsim.model.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ROIs and contours of an RT Structure Set (PS3.3 C.8.8.5 Structure Set, C.8.8.6 ROI
 * Contour, C.8.8.8 RT ROI Observations) and checks that its sequences are complete: each contour's
 * Contour Data must hold 3 x Number of Contour Points values, each ROI Contour item must refer to
 * a defined ROI.
 */
final class StructureSetParser {
  private StructureSetParser() {
  }

  /** One contour: its geometric type and points {x0, y0, z0, x1, ...} in mm. */
  record Contour(String geometricType, double[] points) {
  }

  /**
   * One ROI.
   *
   * @param referencedFrameOfReferenceUid the ROI's frame of reference, "" when absent
   */
  record Roi(int number, String name, String referencedFrameOfReferenceUid, String interpretedType,
             List<Contour> contours) {
  }

  /**
   * A parsed structure set.
   *
   * @param frameOfReferenceUids frames of reference of the Referenced Frame of Reference Sequence
   * @param referencedSeriesUids series of its RT Referenced Series Sequences
   */
  record StructureSet(Path file, String sopInstanceUid, String label, String patientId,
                      Set<String> frameOfReferenceUids, Set<String> referencedSeriesUids, List<Roi> rois,
                      List<String> warnings) {
  }

  static StructureSet parse(Path f, AttributeList l) {
    try {
      List<String> warnings = new ArrayList<>();
      Set<String> fors = new LinkedHashSet<>();
      Set<String> seriesRefs = new LinkedHashSet<>();
      SequenceAttribute rfor = DicomValues.sequence(l, Tags.ReferencedFrameOfReferenceSequence);
      if (rfor != null) {
        for (int i = 0; i < rfor.getNumberOfItems(); i++) {
          AttributeList item = rfor.getItem(i).getAttributeList();
          String uid = DicomValues.string(item, Tags.FrameOfReferenceUID);
          if (uid != null && !uid.isEmpty()) {
            fors.add(uid);
          }
          SequenceAttribute studies = DicomValues.sequence(item, Tags.RTReferencedStudySequence);
          for (int s = 0; studies != null && s < studies.getNumberOfItems(); s++) {
            SequenceAttribute series = DicomValues.sequence(studies.getItem(s).getAttributeList(),
                Tags.RTReferencedSeriesSequence);
            for (int r = 0; series != null && r < series.getNumberOfItems(); r++) {
              String su = DicomValues.string(series.getItem(r).getAttributeList(), Tags.SeriesInstanceUID);
              if (su != null && !su.isEmpty()) {
                seriesRefs.add(su);
              }
            }
          }
        }
      }
      SequenceAttribute ssroi = DicomValues.sequence(l, Tags.StructureSetROISequence);
      SequenceAttribute roiContours = DicomValues.sequence(l, Tags.ROIContourSequence);
      if (ssroi == null) {
        throw Problem.fail(f, "RT Structure Set lacks the Structure Set ROI Sequence (3006,0020): incomplete file");
      }
      if (roiContours == null) {
        throw Problem.fail(f, "RT Structure Set lacks the ROI Contour Sequence (3006,0039): incomplete file");
      }
      Map<Integer, String> names = new LinkedHashMap<>();
      Map<Integer, String> roiFor = new LinkedHashMap<>();
      for (int i = 0; i < ssroi.getNumberOfItems(); i++) {
        AttributeList item = ssroi.getItem(i).getAttributeList();
        int number = DicomValues.intOr(item, Tags.ROINumber, Integer.MIN_VALUE);
        if (number == Integer.MIN_VALUE) {
          throw Problem.fail(f, "item " + (i + 1) + " of the Structure Set ROI Sequence has no ROI Number");
        }
        if (names.containsKey(number)) {
          throw Problem.fail(f, "ROI Number " + number + " is defined twice in the Structure Set ROI Sequence");
        }
        String name = DicomValues.stringOrEmpty(item, Tags.ROIName);
        names.put(number, name.isEmpty() ? "ROI " + number : name);
        roiFor.put(number, DicomValues.stringOrEmpty(item, Tags.ReferencedFrameOfReferenceUID));
      }
      Map<Integer, String> types = new LinkedHashMap<>();
      SequenceAttribute obs = DicomValues.sequence(l, Tags.RTROIObservationsSequence);
      if (obs == null) {
        warnings.add("the RT Structure Set has no RT ROI Observations Sequence (ROI types unknown)");
      } else {
        for (int i = 0; i < obs.getNumberOfItems(); i++) {
          AttributeList item = obs.getItem(i).getAttributeList();
          int ref = DicomValues.intOr(item, Tags.ReferencedROINumber, Integer.MIN_VALUE);
          String type = DicomValues.stringOrEmpty(item, Tags.RTROIInterpretedType).toUpperCase(Locale.ROOT);
          if (ref != Integer.MIN_VALUE && !type.isEmpty()) {
            types.putIfAbsent(ref, type);
          }
        }
      }
      Map<Integer, List<Contour>> contours = new LinkedHashMap<>();
      for (int i = 0; i < roiContours.getNumberOfItems(); i++) {
        AttributeList item = roiContours.getItem(i).getAttributeList();
        int ref = DicomValues.intOr(item, Tags.ReferencedROINumber, Integer.MIN_VALUE);
        if (ref == Integer.MIN_VALUE) {
          throw Problem.fail(f, "item " + (i + 1) + " of the ROI Contour Sequence has no Referenced ROI Number");
        }
        if (!names.containsKey(ref)) {
          warnings.add("contours of ROI number " + ref + " refer to no ROI of the Structure Set ROI Sequence; ignored");
          continue;
        }
        List<Contour> list = contours.computeIfAbsent(ref, k -> new ArrayList<>());
        SequenceAttribute cs = DicomValues.sequence(item, Tags.ContourSequence);
        for (int c = 0; cs != null && c < cs.getNumberOfItems(); c++) {
          AttributeList ci = cs.getItem(c).getAttributeList();
          String type = DicomValues.stringOrEmpty(ci, Tags.ContourGeometricType).toUpperCase(Locale.ROOT);
          int n = DicomValues.intOr(ci, Tags.NumberOfContourPoints, -1);
          Attribute data = ci.get(Tags.ContourData);
          double[] pts = data == null || data.getVM() == 0 ? new double[0] : data.getDoubleValues();
          if (n < 0) {
            n = pts.length / 3; // type 1, but some exporters omit it; the data decide
            if (pts.length % 3 != 0) {
              throw Problem.fail(f, "ROI '" + names.get(ref) + "': contour " + (c + 1) + " has " + pts.length
                  + " coordinates, not a multiple of 3: damaged Contour Data");
            }
          }
          if (pts.length != 3 * n) {
            throw Problem.fail(f, "ROI '" + names.get(ref) + "': contour " + (c + 1) + " declares " + n
                + " points but Contour Data holds " + pts.length + " values (expected " + 3 * n
                + "): damaged or truncated RT Structure Set");
          }
          for (double v : pts) {
            if (!Double.isFinite(v)) {
              throw Problem.fail(f, "ROI '" + names.get(ref) + "': contour " + (c + 1) + " has a non-finite coordinate");
            }
          }
          list.add(new Contour(type, pts));
        }
      }
      List<Roi> rois = new ArrayList<>();
      for (Map.Entry<Integer, String> e : names.entrySet()) {
        int number = e.getKey();
        rois.add(new Roi(number, e.getValue(), roiFor.get(number), types.getOrDefault(number, ""),
            List.copyOf(contours.getOrDefault(number, List.of()))));
      }
      return new StructureSet(f, DicomValues.stringOrEmpty(l, Tags.SOPInstanceUID),
          DicomValues.stringOrEmpty(l, Tags.StructureSetLabel), DicomValues.stringOrEmpty(l, Tags.PatientID),
          fors, seriesRefs, List.copyOf(rois), warnings);
    } catch (DicomException e) {
      throw Problem.fail(f, "unreadable value in RT Structure Set: " + e.getMessage());
    } catch (NumberFormatException e) {
      throw Problem.fail(f, "malformed number in RT Structure Set: " + e.getMessage());
    }
  }
}
