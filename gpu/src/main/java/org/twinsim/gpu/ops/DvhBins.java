package org.twinsim.gpu.ops;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Dose bins of a differential dose-volume histogram: bin b holds doses in {@code [b w, (b+1) w)},
 * the last bin also everything above, bin 0 also everything below zero. The bin of a dose d is
 * {@code (int) (d / w)} evaluated in single precision ({@code (float) d / (float) w}), identically
 * on both backends; NaN doses are not counted.
 *
 * @param binWidthGy bin width w, Gy (> 0)
 * @param bins number of bins, 1..{@value #MAX_BINS} (the GPU keeps one block's histogram in 48 KiB
 *     of shared memory with its label table)
 */
public record DvhBins(double binWidthGy, int bins) {
  /** Largest number of bins. */
  public static final int MAX_BINS = 12_000;

  public DvhBins {
    InvalidParameterException.positive("binWidthGy", binWidthGy);
    if ((float) binWidthGy <= 0f || Float.isInfinite((float) binWidthGy)) {
      throw new InvalidParameterException("binWidthGy", "expected a width representable as a positive float, got " + binWidthGy);
    }
    if (bins < 1 || bins > MAX_BINS) {
      throw new InvalidParameterException("bins", "expected 1.." + MAX_BINS + ", got " + bins);
    }
  }

  /** The bin width as the float both backends divide by. */
  public float binWidthFloat() {
    return (float) binWidthGy;
  }

  /** The bin of one dose, or -1 for NaN (not counted). The single definition both backends follow. */
  public int binOf(float doseGy) {
    if (Float.isNaN(doseGy)) {
      return -1;
    }
    float q = doseGy / binWidthFloat();
    return q < 0f ? 0 : (q >= (float) bins ? bins - 1 : (int) q);
  }
}
