package org.twinsim.model.twin;

/**
 * The training covariance K + alpha I stayed numerically not positive definite after adding the
 * largest allowed jitter to its diagonal (coinciding inputs without noise, length scales far longer
 * than the data span, or a kernel that is not positive semi-definite).
 */
public class IllConditionedCovarianceException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  public IllConditionedCovarianceException(String message) {
    super(message);
  }
}
