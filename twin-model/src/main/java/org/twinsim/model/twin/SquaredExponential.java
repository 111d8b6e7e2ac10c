package org.twinsim.model.twin;

/**
 * Squared-exponential kernel k(x, x') = exp(-r^2 / 2), r^2 = sum_d ((x_d - x'_d) / l_d)^2
 * (GPML eq. 4.9; scikit-learn's RBF); dk/dlog l_d = k ((x_d - x'_d) / l_d)^2.
 */
public final class SquaredExponential extends StationaryKernel {

  /** Isotropic, bounds [1e-5, 1e5] like scikit-learn's defaults. */
  public SquaredExponential(double lengthScale) {
    this(new double[] {lengthScale}, KernelSupport.DEFAULT_LOWER, KernelSupport.DEFAULT_UPPER);
  }

  /**
   * @param lengthScales one (isotropic) or one per input dimension, natural units of the inputs
   * @param lowerBound lower bound of every length scale for optimisation, natural units
   * @param upperBound upper bound of every length scale, natural units
   */
  public SquaredExponential(double[] lengthScales, double lowerBound, double upperBound) {
    super(lengthScales, lowerBound, upperBound);
  }

  private SquaredExponential(SquaredExponential from, double[] theta) {
    super(from, theta);
  }

  @Override
  public SquaredExponential withTheta(double[] theta) {
    return new SquaredExponential(this, theta);
  }

  @Override
  String name() {
    return "SE";
  }

  @Override
  double value(double r2) {
    return Math.exp(-0.5 * r2);
  }

  @Override
  double gradientFactor(double r2) {
    return Math.exp(-0.5 * r2);
  }
}
