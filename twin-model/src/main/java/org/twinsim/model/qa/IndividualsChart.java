package org.twinsim.model.qa;

/**
 * Shewhart individuals chart (I chart of the I-MR pair; Montgomery, Introduction to Statistical
 * Quality Control, 7th ed., section 6.4): limits at centre +/- L sigma, with sigma estimated from
 * a baseline as the average moving range / d2 (d2 = 1.128 for ranges of two). The usual method of
 * machine-QA statistical process control (REFERENCES.md: 3-sigma I-MR charts). In control, a
 * value falls outside 3-sigma limits with probability 0.0027 (in-control average run length 370).
 */
public final class IndividualsChart implements ControlChart {
  /** d2 of ranges of two observations (Montgomery, Appendix VI). */
  public static final double D2 = 1.128;
  private final double centre;
  private final double sigma;
  private final double width;

  /** A chart with known centre and sigma, limits at {@code widthSigma} sigma. */
  public IndividualsChart(double centre, double sigma, double widthSigma) {
    if (!(sigma > 0) || !(widthSigma > 0) || !Double.isFinite(centre)) {
      throw new IllegalArgumentException("individuals chart needs a finite centre and positive sigma and width, got "
          + centre + ", " + sigma + ", " + widthSigma);
    }
    this.centre = centre;
    this.sigma = sigma;
    this.width = widthSigma;
  }

  /** A 3-sigma chart whose centre and sigma (average moving range / d2) come from a baseline. */
  public static IndividualsChart fromBaseline(double[] baseline) {
    if (baseline.length < 2) {
      throw new IllegalArgumentException("individuals chart baseline needs at least 2 values, got " + baseline.length);
    }
    double mean = 0;
    for (double v : baseline) {
      mean += v / baseline.length;
    }
    double mr = 0;
    for (int i = 1; i < baseline.length; i++) {
      mr += Math.abs(baseline[i] - baseline[i - 1]) / (baseline.length - 1);
    }
    double sigma = mr / D2;
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("individuals chart baseline has no variation (all values equal)");
    }
    return new IndividualsChart(mean, sigma, 3.0);
  }

  public double centre() {
    return centre;
  }

  public double sigma() {
    return sigma;
  }

  @Override
  public ChartSignal update(double x) {
    double z = (x - centre) / sigma;
    return Math.abs(z) > width ? new ChartSignal(true, x, "beyond " + width + " sigma") : ChartSignal.quiet(x);
  }

  @Override
  public void reset() {
  }

  @Override
  public String name() {
    return "shewhart-I";
  }
}
