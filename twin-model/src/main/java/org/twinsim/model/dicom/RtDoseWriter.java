package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;

/**
 * Writes a dose grid as a multi-frame RT Dose (PS3.3 A.18: Patient, General Study, RT Series,
 * Frame of Reference, General Equipment, General Image, Image Plane, Image Pixel, Multi-frame,
 * RT Dose, SOP Common).
 *
 * <p>One frame per slice of the dose grid: Image Position (Patient) is the first frame's first
 * voxel centre and Grid Frame Offset Vector (3004,000C) holds each frame's offset along the slice
 * normal relative to it (first value 0, PS3.3 C.8.8.3.2). Pixels are 16-bit unsigned; dose (Gy) =
 * stored * Dose Grid Scaling, the scaling chosen so the maximum dose uses the whole range: the
 * rounding error is at most half a step, max / 131070 (1.2 mGy for a 78 Gy plan). 32-bit pixels
 * would be finer, but dicom3tools' dciodvfy (1.00~20220618) aborts on 32-bit OW pixel data, and a
 * file that the reference validator cannot check is worth less than the extra digits.
 * Dose Units GY, Dose Type PHYSICAL.
 *
 * <p>Dose Summation Type PLAN and FRACTION require a Referenced RT Plan Sequence (type 1C): twinsim
 * does not export RT Ion Plans yet, so the caller gives the UID of its plan, or a fresh UID stands
 * for it (the reference then points to an instance that is not part of the export).
 */
final class RtDoseWriter {
  static final String RT_ION_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.8";
  static final int MAX_STORED = 0xFFFF;

  private RtDoseWriter() {
  }

  /** Writes {@code file}; returns its SOP Instance UID. */
  static String write(Path file, Volume doseGy, String frameOfReferenceUid, DoseSummationType summation,
                      String referencedPlanSopInstanceUid, StudyContext study, int seriesNumber,
                      String transferSyntaxUid) throws IOException {
    Grid3 g = doseGy.grid();
    float[] d = doseGy.data();
    double max = 0;
    for (int i = 0; i < d.length; i++) {
      float v = d[i];
      if (!(v >= 0) || !Float.isFinite(v)) {
        throw new IllegalArgumentException("dose at voxel " + i + " is " + v + " Gy; expected finite values >= 0");
      }
      max = Math.max(max, v);
    }
    double scaling = max == 0 ? 1.0 : scalingFor(max);
    String sop = study.options().uids().next();
    AttributeList l = new AttributeList();
    study.putCommon(l, SOPClass.RTDoseStorage, sop);
    study.putSeries(l, "RTDOSE", study.options().uids().next(), seriesNumber,
        summation == DoseSummationType.PLAN ? "Plan dose" : "Fraction dose");
    DicomValues.put(l, Tags.OperatorsName);
    DicomValues.put(l, Tags.FrameOfReferenceUID, frameOfReferenceUid);
    DicomValues.put(l, Tags.PositionReferenceIndicator);
    // General Image
    DicomValues.putInt(l, Tags.InstanceNumber, 1);
    DicomValues.put(l, Tags.ContentDate, DicomValues.date(study.options().dateTime()));
    DicomValues.put(l, Tags.ContentTime, DicomValues.time(study.options().dateTime()));
    // Image Plane
    DicomValues.putDs(l, Tags.PixelSpacing, g.spacingYMm(), g.spacingXMm());
    DicomValues.putDs(l, Tags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
    DicomValues.putDs(l, Tags.ImagePositionPatient, g.originXMm(), g.originYMm(), g.originZMm());
    DicomValues.putDs(l, Tags.SliceThickness, g.spacingZMm());
    // Image Pixel + RT Dose
    DicomValues.putInt(l, Tags.SamplesPerPixel, 1);
    DicomValues.put(l, Tags.PhotometricInterpretation, "MONOCHROME2");
    DicomValues.putInt(l, Tags.Rows, g.ny());
    DicomValues.putInt(l, Tags.Columns, g.nx());
    DicomValues.putInt(l, Tags.BitsAllocated, 16);
    DicomValues.putInt(l, Tags.BitsStored, 16);
    DicomValues.putInt(l, Tags.HighBit, 15);
    DicomValues.putInt(l, Tags.PixelRepresentation, 0);
    // Multi-frame
    DicomValues.putInt(l, Tags.NumberOfFrames, g.nz());
    DicomValues.putTag(l, Tags.FrameIncrementPointer, Tags.GridFrameOffsetVector);
    double[] offsets = new double[g.nz()];
    for (int k = 0; k < g.nz(); k++) {
      offsets[k] = k * g.spacingZMm();
    }
    DicomValues.putDs(l, Tags.GridFrameOffsetVector, offsets);
    DicomValues.put(l, Tags.DoseUnits, "GY");
    DicomValues.put(l, Tags.DoseType, "PHYSICAL");
    DicomValues.put(l, Tags.DoseSummationType, summation.name());
    DicomValues.putDs(l, Tags.DoseGridScaling, scaling);
    AttributeList plan = DicomValues.addItem(DicomValues.putSequence(l, Tags.ReferencedRTPlanSequence));
    DicomValues.put(plan, Tags.ReferencedSOPClassUID, RT_ION_PLAN_STORAGE);
    DicomValues.put(plan, Tags.ReferencedSOPInstanceUID,
        referencedPlanSopInstanceUid != null ? referencedPlanSopInstanceUid : study.options().uids().next());
    if (summation == DoseSummationType.FRACTION) {
      AttributeList fg = DicomValues.addItem(DicomValues.putSequence(plan, Tags.ReferencedFractionGroupSequence));
      DicomValues.putInt(fg, Tags.ReferencedFractionGroupNumber, 1);
    }
    short[] stored = new short[d.length];
    for (int i = 0; i < d.length; i++) {
      stored[i] = (short) Math.min(MAX_STORED, Math.round(d[i] / scaling));
    }
    try {
      OtherWordAttribute px = new OtherWordAttribute(Tags.PixelData);
      px.setValues(stored);
      l.put(px);
    } catch (DicomException e) {
      throw new IOException("cannot encode dose pixel data: " + e.getMessage(), e);
    }
    DicomFileWriter.write(l, file, transferSyntaxUid);
    return sop;
  }

  /** Dose Grid Scaling for a maximum dose: max / 65535, rounded up to 8 significant digits. */
  static double scalingFor(double maxGy) {
    double s = new BigDecimal(maxGy / MAX_STORED).round(new MathContext(8, RoundingMode.UP)).doubleValue();
    s = DicomValues.dsRoundTrip(s);
    while (maxGy / s > MAX_STORED) {
      s = DicomValues.dsRoundTrip(s * (1 + 1e-7));
    }
    return s;
  }
}
