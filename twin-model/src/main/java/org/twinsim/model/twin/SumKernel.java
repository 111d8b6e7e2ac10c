package org.twinsim.model.twin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sum k1 + k2 of two kernels (GPML sec. 4.2.4): a sum of independent processes. Hyperparameters are
 * k1's followed by k2's, as in scikit-learn's Sum; dK/dtheta = dK1/dtheta or dK2/dtheta.
 */
public final class SumKernel implements Kernel {
  private final Kernel k1;
  private final Kernel k2;

  public SumKernel(Kernel k1, Kernel k2) {
    if (k1 == null || k2 == null) {
      throw new IllegalArgumentException("SumKernel: both terms are required");
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
    return concat(k1.theta(), k2.theta());
  }

  @Override
  public double[] lowerBounds() {
    return concat(k1.lowerBounds(), k2.lowerBounds());
  }

  @Override
  public double[] upperBounds() {
    return concat(k1.upperBounds(), k2.upperBounds());
  }

  @Override
  public List<String> parameterNames() {
    return names("k1.", k1, "k2.", k2);
  }

  @Override
  public SumKernel withTheta(double[] theta) {
    KernelSupport.checkTheta(theta, parameterCount(), "Sum");
    int p1 = k1.parameterCount();
    return new SumKernel(k1.withTheta(Arrays.copyOfRange(theta, 0, p1)),
        k2.withTheta(Arrays.copyOfRange(theta, p1, theta.length)));
  }

  @Override
  public void covariance(double[][] x, double[] out) {
    int nn = x.length * x.length;
    double[] tmp = new double[nn];
    k1.covariance(x, out);
    k2.covariance(x, tmp);
    for (int i = 0; i < nn; i++) {
      out[i] += tmp[i];
    }
  }

  @Override
  public void crossCovariance(double[][] a, double[][] b, double[] out) {
    int nm = a.length * b.length;
    double[] tmp = new double[nm];
    k1.crossCovariance(a, b, out);
    k2.crossCovariance(a, b, tmp);
    for (int i = 0; i < nm; i++) {
      out[i] += tmp[i];
    }
  }

  @Override
  public void diagonal(double[][] x, boolean withNoise, double[] out) {
    double[] tmp = new double[x.length];
    k1.diagonal(x, withNoise, out);
    k2.diagonal(x, withNoise, tmp);
    for (int i = 0; i < x.length; i++) {
      out[i] += tmp[i];
    }
  }

  @Override
  public void covarianceGradient(double[][] x, double[] kOut, double[][] gradOut) {
    int nn = x.length * x.length;
    int p1 = k1.parameterCount();
    double[] tmp = new double[nn];
    k1.covarianceGradient(x, kOut, Arrays.copyOfRange(gradOut, 0, p1));
    k2.covarianceGradient(x, tmp, Arrays.copyOfRange(gradOut, p1, gradOut.length));
    for (int i = 0; i < nn; i++) {
      kOut[i] += tmp[i];
    }
  }

  @Override
  public String toString() {
    return k1 + " + " + k2;
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static List<String> names(String p1, Kernel k1, String p2, Kernel k2) {
    List<String> names = new ArrayList<>();
    for (String s : k1.parameterNames()) {
      names.add(p1 + s);
    }
    for (String s : k2.parameterNames()) {
      names.add(p2 + s);
    }
    return List.copyOf(names);
  }
}
