package org.twinsim.model.twin;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Numerical settings of Gaussian-process fitting. A null field takes its default.
 *
 * @param alpha fixed value added to the diagonal of the training covariance at fit, in squared
 *     output units, not part of any prediction (scikit-learn's {@code alpha}); default 1e-10, as
 *     scikit-learn's. Model the observation noise with a {@link WhiteNoise} term instead.
 * @param initialJitter first jitter tried when the Cholesky factorisation fails, relative to the
 *     mean diagonal of the covariance; default 1e-10
 * @param maxJitter largest relative jitter tried (x10 per try) before giving up with
 *     {@link IllConditionedCovarianceException}; default 1e-6, small enough to change predictions by
 *     about 1e-6 relative at most
 */
public record GpParameters(Double alpha, Double initialJitter, Double maxJitter) {
  public static final GpParameters DEFAULT = new GpParameters(null, null, null);

  public GpParameters {
    alpha = alpha == null ? 1e-10 : InvalidParameterException.nonNegative("alpha", alpha);
    initialJitter = initialJitter == null ? 1e-10 : InvalidParameterException.positive("initialJitter", initialJitter);
    maxJitter = maxJitter == null ? 1e-6 : InvalidParameterException.nonNegative("maxJitter", maxJitter);
  }
}
