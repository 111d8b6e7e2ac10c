package org.twinsim.model.twin;

import java.util.List;

/**
 * A covariance function k(x, x') of a Gaussian process with its hyperparameters held in log space
 * (theta = log of each positive hyperparameter, as in Rasmussen and Williams 2006, GPML sec. 5.4.1,
 * and scikit-learn). Implementations are immutable; {@link #withTheta} gives a copy with new values.
 *
 * <p>Inputs are points {@code x[i]} of equal dimension. Matrices are flat row-major {@code double[]}
 * owned by the caller: {@code out[i * m + j]} for an n x m result; each method overwrites every
 * element of its output and reads nothing from it.
 *
 * <p>Noise convention (GPML eq. 2.20, cov(y) = K + sigma_n^2 I): a white-noise term adds its variance
 * to the diagonal of {@link #covariance} (the training covariance) only; it contributes nothing to
 * {@link #crossCovariance}, even for coinciding points, so a cross-covariance is always that of the
 * latent function. {@link #diagonal} gives the prior variance at each point with or without it.
 */
public interface Kernel {

  /** Number of hyperparameters, the length of {@link #theta()}. */
  int parameterCount();

  /** The hyperparameters in log space (a fresh copy), in the order of {@link #parameterNames()}. */
  double[] theta();

  /** Lower bounds of theta (log space, a fresh copy). */
  double[] lowerBounds();

  /** Upper bounds of theta (log space, a fresh copy). */
  double[] upperBounds();

  /** One name per hyperparameter, e.g. {@code "lengthScale"}, prefixed by position in composites. */
  List<String> parameterNames();

  /** This kernel with hyperparameters {@code theta} (log space; bounds unchanged). Not modified: theta. */
  Kernel withTheta(double[] theta);

  /**
   * Training covariance K(X, X), white noise included on the diagonal.
   *
   * @param x n points; not modified
   * @param out n*n, row-major; overwritten
   */
  void covariance(double[][] x, double[] out);

  /**
   * Cross-covariance K(A, B) of the latent function (no white noise).
   *
   * @param a n points; not modified
   * @param b m points; not modified
   * @param out n*m, row-major; overwritten
   */
  void crossCovariance(double[][] a, double[][] b, double[] out);

  /**
   * Prior variance k(x_i, x_i) at each point.
   *
   * @param x n points; not modified
   * @param withNoise whether white-noise terms are included (the variance of an observation) or not
   *     (the variance of the latent function)
   * @param out n; overwritten
   */
  void diagonal(double[][] x, boolean withNoise, double[] out);

  /**
   * K(X, X) as {@link #covariance} and its derivative with respect to each log hyperparameter,
   * dK/dtheta_p (GPML eq. 5.9 needs these).
   *
   * @param x n points; not modified
   * @param kOut n*n, overwritten with K(X, X)
   * @param gradOut parameterCount() arrays of n*n, each overwritten with dK/dtheta_p
   */
  void covarianceGradient(double[][] x, double[] kOut, double[][] gradOut);

  /** Natural-unit description, e.g. {@code 1.2^2 * SE(lengthScale=3) + White(noise=0.5)}. */
  @Override
  String toString();

  /** The sum kernel this + other (GPML sec. 4.2.4). */
  default Kernel plus(Kernel other) {
    return new SumKernel(this, other);
  }

  /** The product kernel this * other (GPML sec. 4.2.4). */
  default Kernel times(Kernel other) {
    return new ProductKernel(this, other);
  }
}
