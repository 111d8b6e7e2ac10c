package org.twinsim.model.twin;

/**
 * Gaussian-process regression with a constant prior mean, by the Cholesky algorithm of Rasmussen
 * and Williams 2006 (GPML Algorithm 2.1): L = chol(K + alpha I), alpha = L^T \ (L \ (y - m)),
 * predictive mean and variance eqs. 2.25-2.26, log marginal likelihood eq. 2.30. The kernel's
 * hyperparameters are fixed here; {@link HyperparameterOptimizer} chooses them.
 *
 * <p>Immutable and thread-safe; {@link #fit} returns an immutable {@link GpPosterior}.
 */
public final class GaussianProcess {
  private final Kernel kernel;
  private final GpParameters parameters;

  public GaussianProcess(Kernel kernel) {
    this(kernel, GpParameters.DEFAULT);
  }

  public GaussianProcess(Kernel kernel, GpParameters parameters) {
    if (kernel == null) {
      throw new IllegalArgumentException("GaussianProcess: kernel is required");
    }
    this.kernel = kernel;
    this.parameters = parameters == null ? GpParameters.DEFAULT : parameters;
  }

  public Kernel kernel() {
    return kernel;
  }

  public GpParameters parameters() {
    return parameters;
  }

  /** Posterior given the data, zero prior mean. */
  public GpPosterior fit(Dataset data) {
    return fit(data, 0.0);
  }

  /** Posterior given the data and a constant prior mean m (the GP models y - m). */
  public GpPosterior fit(Dataset data, double priorMean) {
    if (!Double.isFinite(priorMean)) {
      throw new IllegalArgumentException("priorMean must be finite, got " + priorMean);
    }
    return GpPosterior.fit(kernel, data, priorMean, parameters);
  }

  /** Convenience for {@code fit(new Dataset(x, y), priorMean)}. */
  public GpPosterior fit(double[][] x, double[] y, double priorMean) {
    return fit(new Dataset(x, y), priorMean);
  }

  /**
   * Log marginal likelihood log p(y | X, theta) (GPML eq. 5.8) and, if {@code gradientOut} is not
   * null, its gradient with respect to the kernel's log hyperparameters (GPML eq. 5.9), written into
   * {@code gradientOut} (length {@code kernel.parameterCount()}, overwritten).
   */
  public double logMarginalLikelihood(Dataset data, double priorMean, double[] gradientOut) {
    MarginalLikelihood ml = new MarginalLikelihood(java.util.List.of(data), parameters, priorMean);
    MarginalLikelihood.Evaluation e = ml.evaluate(kernel, gradientOut != null);
    if (gradientOut != null) {
      System.arraycopy(e.gradient(), 0, gradientOut, 0, e.gradient().length);
    }
    return e.value();
  }
}
