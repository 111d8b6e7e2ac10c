package org.twinsim.model.planning;

import java.util.List;
import org.twinsim.model.dose.Plan;

/**
 * The outcome of a spot-weight optimisation.
 *
 * @param plan the plan with optimised weights
 * @param objective final value of the (last stage's) optimised function
 * @param worstScenarioObjective largest scenario sum of the robust objectives (nominal sum if no scenarios)
 * @param nominalObjective all objectives in the nominal scenario
 * @param iterations iterations over all stages
 * @param evaluations objective evaluations
 * @param converged whether the last stage stopped on a tolerance rather than the iteration limit
 * @param stopReason why the last stage stopped
 * @param history one report per iteration
 * @param scenarios scenarios optimised over
 * @param influenceRows rows of all influence matrices together
 * @param influenceNonZeros stored entries of all influence matrices together
 * @param influenceSeconds time to compute the influence matrices
 * @param optimisationSeconds time of the optimiser proper
 */
public record OptimizationResult(Plan plan, double objective, double worstScenarioObjective, double nominalObjective,
                                 int iterations, int evaluations, boolean converged, String stopReason,
                                 List<IterationReport> history, int scenarios, long influenceRows,
                                 long influenceNonZeros, double influenceSeconds, double optimisationSeconds) {
  public OptimizationResult {
    history = List.copyOf(history);
  }
}
