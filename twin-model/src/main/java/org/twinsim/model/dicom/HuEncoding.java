package org.twinsim.model.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How HU are stored in 16-bit CT pixels: {@code HU = stored * RescaleSlope + RescaleIntercept}
 * (PS3.3 C.7.6.3.1.4 and C.11.1.1.2, Modality LUT), with stored values signed or unsigned
 * (Pixel Representation 1 or 0).
 *
 * <p>{@link #choose(float[])} picks an encoding under which integer HU round-trip exactly:
 * <ol>
 *   <li>integer HU in [-1024, 64511]: unsigned, slope 1, intercept -1024 (the usual scanner
 *       convention, readable by every viewer);</li>
 *   <li>integer HU in [-32768, 32767]: signed, slope 1, intercept 0;</li>
 *   <li>integer HU spanning at most 65535: unsigned, slope 1, intercept = minimum;</li>
 *   <li>otherwise (fractional HU, e.g. a simulated CBCT with noise, or a wider range): unsigned,
 *       intercept = floor(minimum), slope = range / 65535 rounded up to 6 significant digits; the
 *       error is then at most slope / 2 (about 0.03 HU for a 4000 HU range).</li>
 * </ol>
 * Slope and intercept are chosen as values whose decimal strings (VR DS) parse back to exactly the
 * same double, so writer and reader apply the same numbers.
 *
 * @param signed whether stored values are two's complement (Pixel Representation 1)
 * @param rescaleSlope Rescale Slope (0028,1053), HU per stored unit, > 0
 * @param rescaleIntercept Rescale Intercept (0028,1052), HU
 */
public record HuEncoding(boolean signed, double rescaleSlope, double rescaleIntercept) {

  public HuEncoding {
    if (!(rescaleSlope > 0) || !Double.isFinite(rescaleSlope) || !Double.isFinite(rescaleIntercept)) {
      throw new IllegalArgumentException("rescale slope must be positive and finite and the intercept finite, got "
          + rescaleSlope + " and " + rescaleIntercept);
    }
  }

  /** Smallest storable value. */
  public int minStored() {
    return signed ? Short.MIN_VALUE : 0;
  }

  /** Largest storable value. */
  public int maxStored() {
    return signed ? Short.MAX_VALUE : 0xFFFF;
  }

  /** The stored value for a HU value (rounded, clamped to the 16-bit range). */
  public int encode(float hu) {
    long q = Math.round((hu - rescaleIntercept) / rescaleSlope);
    return (int) Math.max(minStored(), Math.min(maxStored(), q));
  }

  /** The HU value of a stored value. */
  public float decode(int stored) {
    return (float) (stored * rescaleSlope + rescaleIntercept);
  }

  /** Whether every value survives encode then decode unchanged. */
  public boolean isExactFor(float[] hu) {
    for (float v : hu) {
      if (decode(encode(v)) != v) {
        return false;
      }
    }
    return true;
  }

  /** The encoding described in the class comment; throws on NaN or infinite values. */
  public static HuEncoding choose(float[] hu) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    boolean integers = true;
    for (int i = 0; i < hu.length; i++) {
      float v = hu[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("HU value at voxel " + i + " is " + v + "; expected finite values");
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      integers &= v == Math.rint(v);
    }
    if (hu.length == 0) {
      return new HuEncoding(false, 1, -1024);
    }
    if (integers) {
      if (lo >= -1024 && hi <= 0xFFFF - 1024) {
        return new HuEncoding(false, 1, -1024);
      }
      if (lo >= Short.MIN_VALUE && hi <= Short.MAX_VALUE) {
        return new HuEncoding(true, 1, 0);
      }
      if (hi - lo <= 0xFFFF) {
        return new HuEncoding(false, 1, lo);
      }
    }
    double intercept = Math.floor(lo);
    double range = hi - intercept;
    if (range == 0) {
      return new HuEncoding(false, 1, intercept);
    }
    double slope = new BigDecimal(range / 0xFFFF).round(new MathContext(6, RoundingMode.UP)).doubleValue();
    slope = DicomValues.dsRoundTrip(slope);
    while (range / slope > 0xFFFF) {
      slope = DicomValues.dsRoundTrip(Math.nextUp(slope) * (1 + 1e-6));
    }
    return new HuEncoding(false, slope, intercept);
  }
}
