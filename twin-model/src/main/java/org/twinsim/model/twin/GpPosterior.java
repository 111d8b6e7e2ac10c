package org.twinsim.model.twin;

/**
 * A Gaussian process conditioned on training data (GPML Algorithm 2.1): the Cholesky factor of the
 * training covariance and the weights alpha = K^-1 (y - m). Immutable; predictions allocate only
 * scratch arrays proportional to the sizes involved.
 */
public final class GpPosterior {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final Kernel kernel;
  private final double[][] x;
  private final double priorMean;
  private final CholeskyFactor factor;
  private final double[] alpha;
  private final double logMarginalLikelihood;

  private GpPosterior(Kernel kernel, double[][] x, double priorMean, CholeskyFactor factor, double[] alpha,
                      double lml) {
    this.kernel = kernel;
    this.x = x;
    this.priorMean = priorMean;
    this.factor = factor;
    this.alpha = alpha;
    this.logMarginalLikelihood = lml;
  }

  static GpPosterior fit(Kernel kernel, Dataset data, double priorMean, GpParameters p) {
    double[][] x = data.xShared();
    double[] y = data.yShared();
    int n = y.length;
    double[] k = new double[n * n];
    kernel.covariance(x, k);
    CholeskyFactor f = CholeskyFactor.of(k, n, p, kernel.toString());
    double[] alpha = new double[n];
    double fit = 0;
    for (int i = 0; i < n; i++) {
      alpha[i] = y[i] - priorMean;
    }
    double[] r = alpha.clone();
    f.solve(alpha, alpha);
    for (int i = 0; i < n; i++) {
      fit += r[i] * alpha[i];
    }
    double lml = -0.5 * fit - 0.5 * f.logDeterminant() - 0.5 * n * LOG_2PI; // GPML eq. 2.30
    return new GpPosterior(kernel, x, priorMean, f, alpha, lml);
  }

  public Kernel kernel() {
    return kernel;
  }

  /** Number of training points. */
  public int size() {
    return alpha.length;
  }

  public double priorMean() {
    return priorMean;
  }

  /** Jitter that had to be added to the diagonal (0 if none), squared output units. */
  public double jitter() {
    return factor.jitter;
  }

  /** log p(y | X, theta) of the training data (GPML eq. 2.30). */
  public double logMarginalLikelihood() {
    return logMarginalLikelihood;
  }

  /** The weights K^-1 (y - m) (a fresh copy). */
  public double[] alpha() {
    return alpha.clone();
  }

  /**
   * Predictive mean and variance at each point of {@code xs} (GPML eqs. 2.25-2.26):
   * mean = m + k*^T alpha, variance = k(x*, x*) - v^T v with v = L \ k*.
   *
   * @param xs m points; not modified
   * @param withNoise true: variance of a new observation (white-noise terms included);
   *     false: variance of the latent function
   * @param meanOut m; overwritten
   * @param varianceOut m, clipped at 0; overwritten
   */
  public void predict(double[][] xs, boolean withNoise, double[] meanOut, double[] varianceOut) {
    int m = xs.length;
    int n = alpha.length;
    KernelSupport.checkLength(meanOut, m, "predict meanOut");
    KernelSupport.checkLength(varianceOut, m, "predict varianceOut");
    kernel.diagonal(xs, withNoise, varianceOut);
    if (n == 0) {
      java.util.Arrays.fill(meanOut, 0, m, priorMean);
      return;
    }
    double[] kStar = new double[m * n];
    kernel.crossCovariance(xs, x, kStar);
    double[] v = new double[n];
    for (int i = 0; i < m; i++) {
      double mean = priorMean;
      for (int j = 0; j < n; j++) {
        v[j] = kStar[i * n + j];
        mean += v[j] * alpha[j];
      }
      factor.solveLower(v, v);
      double vv = 0;
      for (int j = 0; j < n; j++) {
        vv += v[j] * v[j];
      }
      meanOut[i] = mean;
      varianceOut[i] = Math.max(0.0, varianceOut[i] - vv);
    }
  }

  /**
   * Predictive covariance K(X*, X*) - V^T V, V = L \ K(X, X*) (GPML eq. 2.24).
   *
   * @param xs m points; not modified
   * @param withNoise whether white-noise terms are included on the diagonal
   * @return m*m, row-major
   */
  public double[] predictCovariance(double[][] xs, boolean withNoise) {
    int m = xs.length;
    int n = alpha.length;
    double[] cov = new double[m * m];
    if (withNoise) {
      kernel.covariance(xs, cov);
    } else {
      kernel.crossCovariance(xs, xs, cov);
    }
    if (n == 0) {
      return cov;
    }
    double[] kStar = new double[m * n];
    kernel.crossCovariance(xs, x, kStar);
    double[] vt = new double[m * n]; // row i: L \ k*(x_i)
    double[] col = new double[n];
    for (int i = 0; i < m; i++) {
      System.arraycopy(kStar, i * n, col, 0, n);
      factor.solveLower(col, col);
      System.arraycopy(col, 0, vt, i * n, n);
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int r = 0; r < n; r++) {
          s += vt[i * n + r] * vt[j * n + r];
        }
        cov[i * m + j] -= s;
        if (j != i) {
          cov[j * m + i] -= s;
        }
      }
    }
    return cov;
  }
}
