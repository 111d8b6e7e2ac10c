package org.twinsim.model.qa;

/**
 * Two-sided tabular CUSUM (Page 1954, Biometrika 41:100; Montgomery, Introduction to Statistical
 * Quality Control, 7th ed., section 9.1): C+ = max(0, C+ + z - k), C- = max(0, C- - z - k) with
 * z = (x - target) / sigma; signals when either exceeds h. With k = 0.5 and h = 4 or 5 (sigma units)
 * it detects shifts of about one sigma far sooner than a Shewhart chart, which makes it the chart
 * for slow machine drifts (range, output). Siegmund's approximation gives its average run lengths.
 */
public final class TabularCusum implements ControlChart {
  private final double target;
  private final double sigma;
  private final double k;
  private final double h;
  private double upper;
  private double lower;

  /**
   * @param target in-control mean
   * @param sigma in-control standard deviation of one measurement
   * @param k reference value, sigma units (usually 0.5: tuned to a 1-sigma shift)
   * @param h decision interval, sigma units (usually 4 or 5)
   */
  public TabularCusum(double target, double sigma, double k, double h) {
    if (!(sigma > 0) || !(k >= 0) || !(h > 0) || !Double.isFinite(target)) {
      throw new IllegalArgumentException("CUSUM needs finite target, sigma > 0, k >= 0, h > 0; got "
          + target + ", " + sigma + ", " + k + ", " + h);
    }
    this.target = target;
    this.sigma = sigma;
    this.k = k;
    this.h = h;
  }

  @Override
  public ChartSignal update(double x) {
    double z = (x - target) / sigma;
    upper = Math.max(0, upper + z - k);
    lower = Math.max(0, lower - z - k);
    if (upper > h) {
      return new ChartSignal(true, upper, "CUSUM upward (h=" + h + ")");
    }
    if (lower > h) {
      return new ChartSignal(true, -lower, "CUSUM downward (h=" + h + ")");
    }
    return ChartSignal.quiet(upper >= lower ? upper : -lower);
  }

  @Override
  public void reset() {
    upper = 0;
    lower = 0;
  }

  @Override
  public String name() {
    return "cusum";
  }

  /**
   * Siegmund's (1985) approximation of the one-sided CUSUM average run length for a mean shift of
   * {@code deltaSigma}: ARL = (exp(-2 D b) + 2 D b - 1) / (2 D^2), D = delta - k, b = h + 1.166.
   */
  public static double siegmundArl(double deltaSigma, double k, double h) {
    double d = deltaSigma - k;
    double b = h + 1.166;
    if (Math.abs(d) < 1e-9) {
      return b * b;
    }
    return (Math.exp(-2 * d * b) + 2 * d * b - 1) / (2 * d * d);
  }
}
