package org.twinsim.model.twin;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Settings of the hyperparameter search. A null field takes its default.
 *
 * @param restarts extra starts drawn uniformly within the log-space bounds, after the start from
 *     the kernel's own hyperparameters (scikit-learn's n_restarts_optimizer); default 5
 * @param seed run seed of the restarts' stream {@code twin.gp.restarts} (RandomStreams); default 0
 * @param maxEvaluations objective evaluations per start; default 3000
 * @param relativeTolerance stop a start when an iteration changes the likelihood by less than this,
 *     relative; default 1e-10 (on a cohort's summed log likelihood of ~ -2000 that is 2e-7, far
 *     below any difference in the forecasts)
 */
public record OptimizerParameters(Integer restarts, Long seed, Integer maxEvaluations, Double relativeTolerance) {
  public static final OptimizerParameters DEFAULT = new OptimizerParameters(null, null, null, null);

  public OptimizerParameters {
    restarts = restarts == null ? 5 : InvalidParameterException.atLeast("restarts", restarts, 0);
    seed = seed == null ? 0L : seed;
    maxEvaluations = maxEvaluations == null ? 3000 : InvalidParameterException.atLeast("maxEvaluations", maxEvaluations, 10);
    relativeTolerance = relativeTolerance == null ? 1e-10
        : InvalidParameterException.inRange("relativeTolerance", relativeTolerance, 0, 1e-2);
  }
}
