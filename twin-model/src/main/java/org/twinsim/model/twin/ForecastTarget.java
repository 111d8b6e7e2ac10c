package org.twinsim.model.twin;

/**
 * Which quantity a forecast is the distribution of. The twin is trained on and fed the
 * registrations' measurements (true shift + registration error), so its white-noise variance holds
 * both the per-fraction random motion and the registration error.
 */
public enum ForecastTarget {
  /** The next registration measurement of the shift: every white-noise term included. */
  MEASUREMENT,
  /**
   * The next fraction's TRUE shift: white noise minus the registration's error variance
   * ({@link TwinParameters#registrationNoiseSdMm()}), clipped at 0.
   */
  TRUE_SHIFT,
  /**
   * The patient's underlying (latent) position at that time: the systematic part and any trend,
   * without the per-fraction random motion; its spread is the remaining uncertainty of the estimate.
   */
  LATENT
}
