package org.twinsim.model.planning;

/**
 * Progress of one optimiser iteration, for convergence plots and progress bars.
 *
 * @param iteration iteration number from 1, over all stages
 * @param stage smoothing stage of the minimax (0 for expected value or nominal)
 * @param objective value of the function minimised in this stage
 * @param worstScenario largest scenario sum of robust objectives (the unsmoothed minimax term; 0
 *     when no objective is robust)
 * @param nominal value of all objectives in the nominal scenario
 * @param projectedGradientNorm infinity norm of the projected gradient
 * @param evaluations objective evaluations so far
 * @param elapsedS seconds since the optimisation started
 */
public record IterationReport(int iteration, int stage, double objective, double worstScenario, double nominal,
                              double projectedGradientNorm, int evaluations, double elapsedS) {
}
