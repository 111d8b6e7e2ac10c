package org.twinsim.model.twin;

/**
 * Matern kernel with nu = 5/2, k(r) = (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r),
 * r = sqrt(sum_d ((x_d - x'_d) / l_d)^2) (GPML eq. 4.17); once-mean-square-differentiable paths
 * twice, rougher than {@link SquaredExponential}. dk/dlog l_d = 5/3 (1 + sqrt(5) r) exp(-sqrt(5) r)
 * ((x_d - x'_d) / l_d)^2.
 */
public final class Matern52 extends StationaryKernel {
  private static final double SQRT5 = Math.sqrt(5.0);

  /** Isotropic, bounds [1e-5, 1e5] like scikit-learn's defaults. */
  public Matern52(double lengthScale) {
    this(new double[] {lengthScale}, KernelSupport.DEFAULT_LOWER, KernelSupport.DEFAULT_UPPER);
  }

  /**
   * @param lengthScales one (isotropic) or one per input dimension, natural units of the inputs
   * @param lowerBound lower bound of every length scale for optimisation, natural units
   * @param upperBound upper bound of every length scale, natural units
   */
  public Matern52(double[] lengthScales, double lowerBound, double upperBound) {
    super(lengthScales, lowerBound, upperBound);
  }

  private Matern52(Matern52 from, double[] theta) {
    super(from, theta);
  }

  @Override
  public Matern52 withTheta(double[] theta) {
    return new Matern52(this, theta);
  }

  @Override
  String name() {
    return "Matern52";
  }

  @Override
  double value(double r2) {
    double s = SQRT5 * Math.sqrt(r2);
    return (1 + s + s * s / 3) * Math.exp(-s);
  }

  @Override
  double gradientFactor(double r2) {
    double s = SQRT5 * Math.sqrt(r2);
    return 5.0 / 3.0 * (1 + s) * Math.exp(-s);
  }
}
