package org.twinsim.model.twin;

import java.util.Arrays;
import java.util.List;

/**
 * Constant (bias) kernel k(x, x') = c: a random offset ~ N(0, c) shared by all points (the
 * sigma_0^2 term of GPML sec. 4.2.2; scikit-learn's ConstantKernel, constant_value = c). Alone it
 * models a per-patient systematic error; as a factor it is an amplitude. dK/dlog c = K.
 */
public final class ConstantKernel implements Kernel {
  private final double logValue;
  private final double lower;
  private final double upper;

  /** Bounds [1e-5, 1e5] like scikit-learn's defaults. */
  public ConstantKernel(double value) {
    this(value, KernelSupport.DEFAULT_LOWER, KernelSupport.DEFAULT_UPPER);
  }

  /**
   * @param value the constant covariance c, squared units of the outputs
   * @param lowerBound lower bound of c for optimisation
   * @param upperBound upper bound of c
   */
  public ConstantKernel(double value, double lowerBound, double upperBound) {
    logValue = KernelSupport.logOf("value", value, lowerBound, upperBound);
    lower = Math.log(lowerBound);
    upper = Math.log(upperBound);
  }

  private ConstantKernel(ConstantKernel from, double[] theta) {
    KernelSupport.checkTheta(theta, 1, "Constant");
    logValue = theta[0];
    lower = from.lower;
    upper = from.upper;
  }

  /** The constant c, natural units. */
  public double value() {
    return Math.exp(logValue);
  }

  @Override
  public int parameterCount() {
    return 1;
  }

  @Override
  public double[] theta() {
    return new double[] {logValue};
  }

  @Override
  public double[] lowerBounds() {
    return new double[] {lower};
  }

  @Override
  public double[] upperBounds() {
    return new double[] {upper};
  }

  @Override
  public List<String> parameterNames() {
    return List.of("value");
  }

  @Override
  public ConstantKernel withTheta(double[] theta) {
    return new ConstantKernel(this, theta);
  }

  @Override
  public void covariance(double[][] x, double[] out) {
    KernelSupport.checkLength(out, x.length * x.length, "Constant");
    Arrays.fill(out, 0, x.length * x.length, value());
  }

  @Override
  public void crossCovariance(double[][] a, double[][] b, double[] out) {
    KernelSupport.dimension(a, b);
    KernelSupport.checkLength(out, a.length * b.length, "Constant");
    Arrays.fill(out, 0, a.length * b.length, value());
  }

  @Override
  public void diagonal(double[][] x, boolean withNoise, double[] out) {
    KernelSupport.checkLength(out, x.length, "Constant");
    Arrays.fill(out, 0, x.length, value());
  }

  @Override
  public void covarianceGradient(double[][] x, double[] kOut, double[][] gradOut) {
    int nn = x.length * x.length;
    covariance(x, kOut);
    System.arraycopy(kOut, 0, gradOut[0], 0, nn);
  }

  @Override
  public String toString() {
    return KernelSupport.fmt(Math.sqrt(value())) + "^2";
  }
}
