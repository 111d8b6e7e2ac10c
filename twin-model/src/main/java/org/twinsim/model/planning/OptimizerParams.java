package org.twinsim.model.planning;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Settings of the spot-weight optimisation. Null fields take their defaults.
 *
 * @param maxIterations iterations of the projected quasi-Newton method over all stages (default 200)
 * @param relativeTolerance stop when the objective improves by less than this fraction over
 *     {@code 5} iterations (default 1e-5)
 * @param memory L-BFGS correction pairs (default 10)
 * @param robustMode scenario combination (default {@link RobustMode#MINIMAX})
 * @param minimaxStages smoothing stages of the minimax: the worst case is approximated by
 *     {@code tau log sum exp(F_s / tau)} with tau = 10%, 2%, 0.4% ... of the current worst value
 *     (default 3)
 * @param threads worker threads of the matrix products; 0 = all processors (default)
 */
public record OptimizerParams(Integer maxIterations, Double relativeTolerance, Integer memory, RobustMode robustMode,
                              Integer minimaxStages, Integer threads) {
  public OptimizerParams {
    maxIterations = maxIterations == null ? 200 : InvalidParameterException.atLeast("maxIterations", maxIterations, 1);
    relativeTolerance = relativeTolerance == null ? 1e-5
        : InvalidParameterException.inRange("relativeTolerance", relativeTolerance, 0, 0.1);
    memory = memory == null ? 10 : InvalidParameterException.atLeast("memory", memory, 1);
    robustMode = robustMode == null ? RobustMode.MINIMAX : robustMode;
    minimaxStages = minimaxStages == null ? 3 : InvalidParameterException.atLeast("minimaxStages", minimaxStages, 1);
    threads = threads == null ? 0 : InvalidParameterException.atLeast("threads", threads, 0);
  }

  public static OptimizerParams defaults() {
    return new OptimizerParams(null, null, null, null, null, null);
  }

  public OptimizerParams withThreads(int t) {
    return new OptimizerParams(maxIterations, relativeTolerance, memory, robustMode, minimaxStages, t);
  }

  public OptimizerParams withRobustMode(RobustMode m) {
    return new OptimizerParams(maxIterations, relativeTolerance, memory, m, minimaxStages, threads);
  }

  public OptimizerParams withMaxIterations(int n) {
    return new OptimizerParams(n, relativeTolerance, memory, robustMode, minimaxStages, threads);
  }
}
