package org.twinsim.model.twin;

import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.param.InvalidParameterException;

/**
 * How the population prior is built and trained. A null field takes its default.
 *
 * <p>Per axis the kernel is bias + amplitude * Matern 5/2 (trend) + white:
 * k(t, t') = Sigma^2 + tau^2 k_M52(|t - t'| / l) + s^2 delta. Bias is the per-patient systematic
 * shift (van Herk 2004: Sigma), white the per-fraction random shift plus registration error
 * (sigma^2 + sigma_reg^2); the trend term captures slow drifts (weight loss, filling habits) and is
 * driven to its lower bound when the training cohort has none. Bounds (natural units):
 * Sigma^2 in [1e-4, 1e3] mm^2, tau^2 in [1e-6, 1e2] mm^2, l in [2, 1000] time units,
 * s^2 in [1e-2, 1e3] mm^2. Bladder volume, when given, is modelled the same way on ln(mL)
 * (bounds 1e-6 to 10 for the variances).
 *
 * @param trend whether the trend term is part of the kernel; default true
 * @param trendLengthStart starting trend length scale, time units; default 10
 * @param registrationNoiseSdMm SD of the registration's error in each measured shift, LR/SI/AP, mm;
 *     used only to turn a measurement forecast into a true-shift forecast; default 0 (unknown:
 *     {@link ForecastTarget#TRUE_SHIFT} then equals {@link ForecastTarget#MEASUREMENT})
 * @param optimizer hyperparameter search settings; default {@link OptimizerParameters#DEFAULT}
 * @param gp numerical settings; default {@link GpParameters#DEFAULT}
 */
public record TwinParameters(Boolean trend, Double trendLengthStart, Axes3 registrationNoiseSdMm,
                             OptimizerParameters optimizer, GpParameters gp) {
  public static final TwinParameters DEFAULT = new TwinParameters(null, null, null, null, null);

  public TwinParameters {
    trend = trend == null ? Boolean.TRUE : trend;
    trendLengthStart = trendLengthStart == null ? 10.0
        : InvalidParameterException.inRange("trendLengthStart", trendLengthStart, 2, 1000);
    registrationNoiseSdMm = registrationNoiseSdMm == null ? Axes3.of(0, 0, 0) : registrationNoiseSdMm;
    optimizer = optimizer == null ? OptimizerParameters.DEFAULT : optimizer;
    gp = gp == null ? GpParameters.DEFAULT : gp;
  }

  /** These parameters with the registration's error SD (LR/SI/AP, mm). */
  public TwinParameters withRegistrationNoiseSdMm(Axes3 sdMm) {
    return new TwinParameters(trend, trendLengthStart, sdMm, optimizer, gp);
  }
}
