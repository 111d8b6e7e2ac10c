package org.twinsim.model.twin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unit-variance stationary kernel k(r^2) of the scaled squared distance
 * r^2 = sum_d ((x_d - x'_d) / l_d)^2, with one length scale shared by all input dimensions
 * (isotropic) or one per dimension (automatic relevance determination, GPML eq. 5.2 with
 * M = diag(l)^-2). Multiply by a {@link ConstantKernel} for an amplitude.
 */
abstract sealed class StationaryKernel implements Kernel permits SquaredExponential, Matern52 {
  private final double[] logLength;
  private final double[] lower;
  private final double[] upper;

  StationaryKernel(double[] lengthScales, double lowerBound, double upperBound) {
    if (lengthScales == null || lengthScales.length == 0) {
      throw new IllegalArgumentException(name() + ": expected at least one length scale");
    }
    logLength = new double[lengthScales.length];
    lower = new double[lengthScales.length];
    upper = new double[lengthScales.length];
    for (int d = 0; d < lengthScales.length; d++) {
      String field = lengthScales.length == 1 ? "lengthScale" : "lengthScale[" + d + "]";
      logLength[d] = KernelSupport.logOf(field, lengthScales[d], lowerBound, upperBound);
      lower[d] = Math.log(lowerBound);
      upper[d] = Math.log(upperBound);
    }
  }

  /** Copy with new log length scales and the same bounds. */
  StationaryKernel(StationaryKernel from, double[] theta) {
    KernelSupport.checkTheta(theta, from.logLength.length, from.name());
    logLength = theta.clone();
    lower = from.lower;
    upper = from.upper;
  }

  /** Short name for messages and {@link #toString()}. */
  abstract String name();

  /** k as a function of the scaled squared distance r^2. */
  abstract double value(double r2);

  /**
   * -2 dk/d(r^2): with dr^2/dlog l_d = -2 ((x_d - x'_d) / l_d)^2 this gives
   * dk/dlog l_d = factor(r^2) * ((x_d - x'_d) / l_d)^2.
   */
  abstract double gradientFactor(double r2);

  /** The length scales, natural units (a fresh copy). */
  public double[] lengthScales() {
    double[] l = new double[logLength.length];
    for (int d = 0; d < l.length; d++) {
      l[d] = Math.exp(logLength[d]);
    }
    return l;
  }

  @Override
  public int parameterCount() {
    return logLength.length;
  }

  @Override
  public double[] theta() {
    return logLength.clone();
  }

  @Override
  public double[] lowerBounds() {
    return lower.clone();
  }

  @Override
  public double[] upperBounds() {
    return upper.clone();
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (int d = 0; d < logLength.length; d++) {
      names.add(logLength.length == 1 ? "lengthScale" : "lengthScale[" + d + "]");
    }
    return names;
  }

  /** 1 / l_d for each input dimension d (isotropic: the single length scale repeated). */
  private double[] inverseScales(int dim) {
    if (logLength.length != 1 && logLength.length != dim) {
      throw new IllegalArgumentException(name() + ": " + logLength.length
          + " length scales (one per input dimension) but the inputs have dimension " + dim);
    }
    double[] inv = new double[dim];
    for (int d = 0; d < dim; d++) {
      inv[d] = Math.exp(-logLength[logLength.length == 1 ? 0 : d]);
    }
    return inv;
  }

  private static double scaledDistance2(double[] a, double[] b, double[] inv) {
    double r2 = 0;
    for (int d = 0; d < inv.length; d++) {
      double u = (a[d] - b[d]) * inv[d];
      r2 += u * u;
    }
    return r2;
  }

  @Override
  public void covariance(double[][] x, double[] out) {
    crossCovariance(x, x, out);
  }

  @Override
  public void crossCovariance(double[][] a, double[][] b, double[] out) {
    int n = a.length;
    int m = b.length;
    KernelSupport.checkLength(out, n * m, name());
    double[] inv = inverseScales(KernelSupport.dimension(a, b));
    if (a == b) {
      for (int i = 0; i < n; i++) {
        out[i * n + i] = value(0);
        for (int j = 0; j < i; j++) {
          double k = value(scaledDistance2(a[i], a[j], inv));
          out[i * n + j] = k;
          out[j * n + i] = k;
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = value(scaledDistance2(a[i], b[j], inv));
      }
    }
  }

  @Override
  public void diagonal(double[][] x, boolean withNoise, double[] out) {
    KernelSupport.checkLength(out, x.length, name());
    Arrays.fill(out, 0, x.length, value(0));
  }

  @Override
  public void covarianceGradient(double[][] x, double[] kOut, double[][] gradOut) {
    int n = x.length;
    int dim = KernelSupport.dimension(x);
    double[] inv = inverseScales(dim);
    KernelSupport.checkLength(kOut, n * n, name());
    boolean iso = logLength.length == 1;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double r2 = scaledDistance2(x[i], x[j], inv);
        double k = value(r2);
        kOut[i * n + j] = k;
        kOut[j * n + i] = k;
        double f = gradientFactor(r2);
        if (iso) {
          double g = f * r2;
          gradOut[0][i * n + j] = g;
          gradOut[0][j * n + i] = g;
        } else {
          for (int d = 0; d < dim; d++) {
            double u = (x[i][d] - x[j][d]) * inv[d];
            double g = f * u * u;
            gradOut[d][i * n + j] = g;
            gradOut[d][j * n + i] = g;
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    double[] l = lengthScales();
    StringBuilder s = new StringBuilder(name()).append("(lengthScale=");
    if (l.length == 1) {
      s.append(KernelSupport.fmt(l[0]));
    } else {
      s.append('[');
      for (int d = 0; d < l.length; d++) {
        s.append(d == 0 ? "" : ", ").append(KernelSupport.fmt(l[d]));
      }
      s.append(']');
    }
    return s.append(')').toString();
  }
}
