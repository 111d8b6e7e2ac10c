package org.twinsim.model.twin;

import java.util.Arrays;
import java.util.List;

/**
 * White noise k(x_p, x_q) = s delta_pq, s the noise variance (the sigma_n^2 delta_pq term of
 * GPML eq. 2.20; scikit-learn's WhiteKernel, noise_level = s). It sits on the diagonal of the
 * training covariance only: it is zero in every cross-covariance, so predictions see it only through
 * {@link #diagonal} with noise. dK/dlog s = s I.
 */
public final class WhiteNoise implements Kernel {
  private final double logNoise;
  private final double lower;
  private final double upper;

  /** Bounds [1e-5, 1e5] like scikit-learn's defaults. */
  public WhiteNoise(double noiseVariance) {
    this(noiseVariance, KernelSupport.DEFAULT_LOWER, KernelSupport.DEFAULT_UPPER);
  }

  /**
   * @param noiseVariance s, squared units of the outputs
   * @param lowerBound lower bound of s for optimisation
   * @param upperBound upper bound of s
   */
  public WhiteNoise(double noiseVariance, double lowerBound, double upperBound) {
    logNoise = KernelSupport.logOf("noiseVariance", noiseVariance, lowerBound, upperBound);
    lower = Math.log(lowerBound);
    upper = Math.log(upperBound);
  }

  private WhiteNoise(WhiteNoise from, double[] theta) {
    KernelSupport.checkTheta(theta, 1, "White");
    logNoise = theta[0];
    lower = from.lower;
    upper = from.upper;
  }

  /** The noise variance s, natural units. */
  public double noiseVariance() {
    return Math.exp(logNoise);
  }

  @Override
  public int parameterCount() {
    return 1;
  }

  @Override
  public double[] theta() {
    return new double[] {logNoise};
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
    return List.of("noiseVariance");
  }

  @Override
  public WhiteNoise withTheta(double[] theta) {
    return new WhiteNoise(this, theta);
  }

  @Override
  public void covariance(double[][] x, double[] out) {
    int n = x.length;
    KernelSupport.checkLength(out, n * n, "White");
    Arrays.fill(out, 0, n * n, 0.0);
    double s = noiseVariance();
    for (int i = 0; i < n; i++) {
      out[i * n + i] = s;
    }
  }

  @Override
  public void crossCovariance(double[][] a, double[][] b, double[] out) {
    KernelSupport.dimension(a, b);
    KernelSupport.checkLength(out, a.length * b.length, "White");
    Arrays.fill(out, 0, a.length * b.length, 0.0);
  }

  @Override
  public void diagonal(double[][] x, boolean withNoise, double[] out) {
    KernelSupport.checkLength(out, x.length, "White");
    Arrays.fill(out, 0, x.length, withNoise ? noiseVariance() : 0.0);
  }

  @Override
  public void covarianceGradient(double[][] x, double[] kOut, double[][] gradOut) {
    covariance(x, kOut);
    System.arraycopy(kOut, 0, gradOut[0], 0, x.length * x.length);
  }

  @Override
  public String toString() {
    return "White(noiseVariance=" + KernelSupport.fmt(noiseVariance()) + ")";
  }
}
