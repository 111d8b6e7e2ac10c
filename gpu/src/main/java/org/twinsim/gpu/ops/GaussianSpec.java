package org.twinsim.gpu.ops;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Separable Gaussian smoothing of a volume, one 1-D pass per axis (x, then y, then z).
 *
 * <p>Rule (both backends): along an axis of spacing h the standard deviation in voxels is
 * {@code s = sigmaMm / h}; the kernel has taps {@code t = -r..r} with {@code r = ceil(truncate * s)},
 * weights {@code exp(-t^2 / (2 s^2))} computed in double, normalised to sum 1 over the truncated
 * taps, then rounded to float (so a constant volume stays constant to float rounding). An axis with
 * {@code sigmaMm = 0} is left as is (one tap of weight 1). At the volume's edges the nearest edge
 * voxel is repeated (clamp-to-edge, zero-flux Neumann boundary, as ITK's default boundary condition
 * for its Gaussian operators). Each pass sums {@code w[t] * in[clamp(c + t)]} from t = -r to r in
 * single precision with one rounding per operation.
 *
 * @param sigmaXMm standard deviation along x, mm (>= 0)
 * @param sigmaYMm standard deviation along y, mm (>= 0)
 * @param sigmaZMm standard deviation along z, mm (>= 0)
 * @param truncate kernel half-width in standard deviations; default {@value #DEFAULT_TRUNCATE}
 *     (the truncated tails hold 0.27% of the weight before normalisation)
 */
public record GaussianSpec(double sigmaXMm, double sigmaYMm, double sigmaZMm, double truncate) {
  /** Default kernel half-width, standard deviations. */
  public static final double DEFAULT_TRUNCATE = 3.0;
  /** Largest kernel radius accepted, taps each side. */
  public static final int MAX_RADIUS = 512;

  public GaussianSpec {
    InvalidParameterException.nonNegative("sigmaXMm", sigmaXMm);
    InvalidParameterException.nonNegative("sigmaYMm", sigmaYMm);
    InvalidParameterException.nonNegative("sigmaZMm", sigmaZMm);
    InvalidParameterException.inRange("truncate", truncate, 0.5, 10.0);
  }

  /** The same sigma on every axis, default truncation. */
  public static GaussianSpec isotropic(double sigmaMm) {
    return new GaussianSpec(sigmaMm, sigmaMm, sigmaMm, DEFAULT_TRUNCATE);
  }

  /** Sigma along axis 0 (x), 1 (y) or 2 (z), mm. */
  public double sigmaMm(int axis) {
    return switch (axis) {
      case 0 -> sigmaXMm;
      case 1 -> sigmaYMm;
      case 2 -> sigmaZMm;
      default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
    };
  }

  /**
   * The normalised float weights (length 2r+1, centre at index r) for an axis of voxel spacing
   * {@code spacingMm}; {@code {1}} when the axis is not smoothed.
   *
   * @throws InvalidParameterException when the kernel would exceed {@link #MAX_RADIUS} taps each side
   */
  public float[] weights(int axis, double spacingMm) {
    double s = sigmaMm(axis) / spacingMm;
    if (s == 0) {
      return new float[] {1f};
    }
    double rr = Math.ceil(truncate * s);
    if (rr > MAX_RADIUS) {
      throw new InvalidParameterException("sigma" + "XYZ".charAt(axis) + "Mm", "expected a kernel of at most "
          + MAX_RADIUS + " voxels each side, got " + (long) rr + " (sigma " + sigmaMm(axis) + " mm at spacing "
          + spacingMm + " mm)");
    }
    int r = (int) rr;
    double[] w = new double[2 * r + 1];
    double sum = 0;
    for (int t = -r; t <= r; t++) {
      w[t + r] = Math.exp(-(double) t * t / (2 * s * s));
      sum += w[t + r];
    }
    float[] f = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      f[i] = (float) (w[i] / sum);
    }
    return f;
  }
}
