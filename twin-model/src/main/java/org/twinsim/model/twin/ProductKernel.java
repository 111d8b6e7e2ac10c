package org.twinsim.model.twin;

import java.util.Arrays;
import java.util.List;

/**
 * Product k1 * k2 of two kernels (GPML sec. 4.2.4). Hyperparameters are k1's followed by k2's, as in
 * scikit-learn's Product; by the product rule dK/dtheta = dK1/dtheta .* K2 or K1 .* dK2/dtheta
 * (element-wise). Noise: white terms vanish off the diagonal, so the latent part (withNoise false,
 * cross-covariances) is the product of the factors' latent parts.
 */
public final class ProductKernel implements Kernel {
  private final Kernel k1;
  private final Kernel k2;

  public ProductKernel(Kernel k1, Kernel k2) {
    if (k1 == null || k2 == null) {
      throw new IllegalArgumentException("ProductKernel: both factors are required");
    }
    this.k1 = k1;
    this.k2 = k2;
  }

  public Kernel first() {
    return k1;
  }

  public Kernel second() {
    return k2;
  }

  @Override
  public int parameterCount() {
    return k1.parameterCount() + k2.parameterCount();
  }

  @Override
  public double[] theta() {
    return SumKernel.concat(k1.theta(), k2.theta());
  }

  @Override
  public double[] lowerBounds() {
    return SumKernel.concat(k1.lowerBounds(), k2.lowerBounds());
  }

  @Override
  public double[] upperBounds() {
    return SumKernel.concat(k1.upperBounds(), k2.upperBounds());
  }

  @Override
  public List<String> parameterNames() {
    return SumKernel.names("k1.", k1, "k2.", k2);
  }

  @Override
  public ProductKernel withTheta(double[] theta) {
    KernelSupport.checkTheta(theta, parameterCount(), "Product");
    int p1 = k1.parameterCount();
    return new ProductKernel(k1.withTheta(Arrays.copyOfRange(theta, 0, p1)),
        k2.withTheta(Arrays.copyOfRange(theta, p1, theta.length)));
  }

  @Override
  public void covariance(double[][] x, double[] out) {
    int nn = x.length * x.length;
    double[] tmp = new double[nn];
    k1.covariance(x, out);
    k2.covariance(x, tmp);
    for (int i = 0; i < nn; i++) {
      out[i] *= tmp[i];
    }
  }

  @Override
  public void crossCovariance(double[][] a, double[][] b, double[] out) {
    int nm = a.length * b.length;
    double[] tmp = new double[nm];
    k1.crossCovariance(a, b, out);
    k2.crossCovariance(a, b, tmp);
    for (int i = 0; i < nm; i++) {
      out[i] *= tmp[i];
    }
  }

  @Override
  public void diagonal(double[][] x, boolean withNoise, double[] out) {
    double[] tmp = new double[x.length];
    k1.diagonal(x, withNoise, out);
    k2.diagonal(x, withNoise, tmp);
    for (int i = 0; i < x.length; i++) {
      out[i] *= tmp[i];
    }
  }

  @Override
  public void covarianceGradient(double[][] x, double[] kOut, double[][] gradOut) {
    int nn = x.length * x.length;
    int p1 = k1.parameterCount();
    double[] kk2 = new double[nn];
    k1.covarianceGradient(x, kOut, Arrays.copyOfRange(gradOut, 0, p1));
    k2.covarianceGradient(x, kk2, Arrays.copyOfRange(gradOut, p1, gradOut.length));
    for (int p = 0; p < p1; p++) {
      double[] g = gradOut[p];
      for (int i = 0; i < nn; i++) {
        g[i] *= kk2[i];
      }
    }
    for (int p = p1; p < gradOut.length; p++) {
      double[] g = gradOut[p];
      for (int i = 0; i < nn; i++) {
        g[i] *= kOut[i];
      }
    }
    for (int i = 0; i < nn; i++) {
      kOut[i] *= kk2[i];
    }
  }

  @Override
  public String toString() {
    String a = k1 instanceof SumKernel ? "(" + k1 + ")" : k1.toString();
    String b = k2 instanceof SumKernel ? "(" + k2 + ")" : k2.toString();
    return a + " * " + b;
  }
}
