package org.twinsim.model.planning;

import org.twinsim.model.dose.Plan;

/**
 * A plan made for one uncertainty setting.
 *
 * @param plan the optimised plan
 * @param setting the uncertainty it is robust against
 * @param optimization optimiser outcome, convergence history and timings
 * @param placementSeconds time to place spots and layers
 * @param layers energy layers over all beams
 */
public record PlanningResult(Plan plan, UncertaintySetting setting, OptimizationResult optimization,
                             double placementSeconds, int layers) {
}
