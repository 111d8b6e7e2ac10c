package org.twinsim.model.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One CT Image Storage instance as the importer needs it: identifiers, geometry (Image Plane
 * module, PS3.3 C.7.6.2), pixel encoding (Image Pixel, C.7.6.3; CT Image, C.8.2.1) and the stored
 * pixel values. {@link #from} checks everything a slice must have and that Pixel Data holds
 * exactly Rows x Columns x Samples per Pixel x Bits Allocated / 8 bytes.
 */
record CtSlice(Path file, String sopInstanceUid, String seriesInstanceUid, String frameOfReferenceUid,
               String seriesDescription, double[] imagePositionPatient, double[] imageOrientationPatient,
               double rowSpacingMm, double columnSpacingMm, int rows, int columns, double rescaleSlope,
               double rescaleIntercept, boolean rescaleMissing, boolean signed, int bitsStored,
               Integer pixelPaddingValue, Integer pixelPaddingRangeLimit, double sliceThicknessMm,
               double gantryTiltDeg, boolean localizer, short[] stored) {

  /** Reads and checks a slice; throws a {@link Problem.Failure} naming the file. */
  static CtSlice from(DicomFileReader.Read read) {
    Path f = read.file();
    AttributeList l = read.list();
    try {
      String[] imageType = Attribute.getStringValues(l, Tags.ImageType);
      boolean localizer = imageType != null && imageType.length >= 3 && "LOCALIZER".equalsIgnoreCase(imageType[2].trim());
      String sop = DicomValues.string(l, Tags.SOPInstanceUID);
      String series = DicomValues.string(l, Tags.SeriesInstanceUID);
      if (sop == null || sop.isEmpty()) {
        throw Problem.fail(f, "CT image has no SOP Instance UID (0008,0018)");
      }
      if (series == null || series.isEmpty()) {
        throw Problem.fail(f, "CT image has no Series Instance UID (0020,000E)");
      }
      String forUid = DicomValues.stringOrEmpty(l, Tags.FrameOfReferenceUID);
      double[] ipp = DicomValues.doubles(l, Tags.ImagePositionPatient);
      double[] iop = DicomValues.doubles(l, Tags.ImageOrientationPatient);
      double[] ps = DicomValues.doubles(l, Tags.PixelSpacing);
      if (localizer) {
        return new CtSlice(f, sop, series, forUid, "", ipp, iop, 0, 0, 0, 0, 1, 0, false, false, 16, null, null,
            0, 0, true, new short[0]);
      }
      if (read.compressed()) {
        throw Problem.fail(f, "compressed pixel data (transfer syntax " + read.transferSyntaxUid()
            + ") is not supported: decompress the series first, e.g. with dcmdjpeg or gdcmconv --raw");
      }
      require(f, ipp, 3, "Image Position (Patient) (0020,0032)");
      require(f, iop, 6, "Image Orientation (Patient) (0020,0037)");
      require(f, ps, 2, "Pixel Spacing (0028,0030)");
      if (!(ps[0] > 0 && ps[1] > 0)) {
        throw Problem.fail(f, "Pixel Spacing must be positive, got " + ps[0] + "\\" + ps[1]);
      }
      int rows = DicomValues.intOr(l, Tags.Rows, -1);
      int cols = DicomValues.intOr(l, Tags.Columns, -1);
      if (rows <= 0 || cols <= 0) {
        throw Problem.fail(f, "Rows (0028,0010) and Columns (0028,0011) must be present and positive");
      }
      int spp = DicomValues.intOr(l, Tags.SamplesPerPixel, 1);
      String photometric = DicomValues.stringOrEmpty(l, Tags.PhotometricInterpretation).toUpperCase(Locale.ROOT);
      int bitsAllocated = DicomValues.intOr(l, Tags.BitsAllocated, -1);
      int bitsStored = DicomValues.intOr(l, Tags.BitsStored, bitsAllocated);
      int highBit = DicomValues.intOr(l, Tags.HighBit, bitsStored - 1);
      int pixelRepresentation = DicomValues.intOr(l, Tags.PixelRepresentation, 0);
      if (spp != 1 || !photometric.equals("MONOCHROME2")) {
        throw Problem.fail(f, "unsupported CT pixels: Samples per Pixel " + spp + ", Photometric Interpretation '"
            + photometric + "' (expected 1 and MONOCHROME2)");
      }
      if (bitsAllocated != 16 || bitsStored < 1 || bitsStored > 16 || highBit != bitsStored - 1
          || (pixelRepresentation != 0 && pixelRepresentation != 1)) {
        throw Problem.fail(f, "unsupported CT pixel encoding: Bits Allocated " + bitsAllocated + ", Bits Stored "
            + bitsStored + ", High Bit " + highBit + ", Pixel Representation " + pixelRepresentation
            + " (expected 16 bits allocated, High Bit = Bits Stored - 1, representation 0 or 1)");
      }
      long expectedBytes = (long) rows * cols * spp * bitsAllocated / 8;
      Attribute px = l.get(Tags.PixelData);
      if (px == null) {
        throw Problem.fail(f, "CT image has no Pixel Data (7FE0,0010): the file is incomplete");
      }
      short[] stored;
      if (px instanceof OtherByteAttribute) {
        byte[] b = px.getByteValues();
        checkLength(f, b.length, expectedBytes, rows, cols, spp, bitsAllocated);
        stored = new short[rows * cols];
        for (int i = 0; i < stored.length; i++) {
          stored[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
      } else {
        stored = px.getShortValues();
        checkLength(f, stored == null ? 0 : 2L * stored.length, expectedBytes, rows, cols, spp, bitsAllocated);
      }
      double[] slope = DicomValues.doubles(l, Tags.RescaleSlope);
      double[] intercept = DicomValues.doubles(l, Tags.RescaleIntercept);
      boolean rescaleMissing = slope == null || intercept == null;
      double s = slope == null ? 1 : slope[0];
      double c = intercept == null ? 0 : intercept[0];
      if (!(s != 0) || !Double.isFinite(s) || !Double.isFinite(c)) {
        throw Problem.fail(f, "invalid Rescale Slope/Intercept " + s + " / " + c);
      }
      Attribute pad = l.get(Tags.PixelPaddingValue);
      Attribute padLimit = l.get(Tags.PixelPaddingRangeLimit);
      Integer padding = pad == null || pad.getVM() == 0 ? null : pad.getIntegerValues()[0];
      Integer paddingLimit = padLimit == null || padLimit.getVM() == 0 ? null : padLimit.getIntegerValues()[0];
      double[] thick = DicomValues.doubles(l, Tags.SliceThickness);
      double[] tilt = DicomValues.doubles(l, Tags.GantryDetectorTilt);
      return new CtSlice(f, sop, series, forUid, DicomValues.stringOrEmpty(l, Tags.SeriesDescription), ipp, iop,
          ps[0], ps[1], rows, cols, s, c, rescaleMissing, pixelRepresentation == 1, bitsStored, padding, paddingLimit,
          thick == null ? 0 : thick[0], tilt == null ? 0 : tilt[0], false, stored);
    } catch (DicomException e) {
      throw Problem.fail(f, "unreadable value in CT image: " + e.getMessage());
    } catch (NumberFormatException e) {
      throw Problem.fail(f, "malformed number in CT image: " + e.getMessage());
    }
  }

  private static void require(Path f, double[] v, int n, String what) {
    if (v == null || v.length < n) {
      throw Problem.fail(f, "CT image lacks " + what + (v == null ? "" : " (has " + v.length + " of " + n + " values)"));
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(v[i])) {
        throw Problem.fail(f, what + " holds a non-finite value");
      }
    }
  }

  private static void checkLength(Path f, long bytes, long expected, int rows, int cols, int spp, int bits) {
    if (bytes != expected) {
      throw Problem.fail(f, "Pixel Data holds " + bytes + " bytes but Rows x Columns x Samples per Pixel x Bits Allocated/8 = "
          + rows + " x " + cols + " x " + spp + " x " + bits + "/8 = " + expected + ": the file is truncated or damaged");
    }
  }

  /** The HU of a stored value: masked to Bits Stored, sign-extended if signed, then rescaled. */
  float hu(int storedIndex) {
    int v = stored[storedIndex] & 0xFFFF;
    if (bitsStored < 16) {
      v &= (1 << bitsStored) - 1;
    }
    if (signed) {
      v = (v << (32 - bitsStored)) >> (32 - bitsStored);
    }
    return (float) (v * rescaleSlope + rescaleIntercept);
  }

  /** Whether a stored value is Pixel Padding (PS3.3 C.7.5.1.1.2). */
  boolean isPadding(int storedIndex) {
    if (pixelPaddingValue == null) {
      return false;
    }
    int v = stored[storedIndex] & 0xFFFF;
    if (bitsStored < 16) {
      v &= (1 << bitsStored) - 1;
    }
    if (signed) {
      v = (v << (32 - bitsStored)) >> (32 - bitsStored);
    }
    int a = normalise(pixelPaddingValue);
    if (pixelPaddingRangeLimit == null) {
      return v == a;
    }
    int b = normalise(pixelPaddingRangeLimit);
    return v >= Math.min(a, b) && v <= Math.max(a, b);
  }

  private int normalise(int raw) {
    // PixelMed reads US/SS by VR; with implicit VR the dictionary says "US or SS": re-interpret by representation
    int v = raw & 0xFFFF;
    return signed ? (short) v : v;
  }
}
