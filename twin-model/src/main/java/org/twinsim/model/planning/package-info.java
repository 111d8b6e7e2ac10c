/**
 * Proton plan making: spot placement, robust spot-weight optimisation and the plan library the
 * digital twin chooses from.
 *
 * <p>Start from {@link org.twinsim.model.planning.ProstatePlanner} (one plan for one
 * {@link org.twinsim.model.planning.UncertaintySetting}) and
 * {@link org.twinsim.model.planning.PlanLibraryBuilder} (one plan per setting, e.g. setup 1.5 / 3 /
 * 5 mm with range 3.5%). The planner places spots with
 * {@link org.twinsim.model.planning.SpotPlacer} (square spot grid, energy layers stepping through
 * the target's water-equivalent depths, lateral and depth margins), states the objectives of
 * {@link org.twinsim.model.planning.ProstateProtocol} ({@link org.twinsim.model.planning.Objective}:
 * quadratic min/max dose and DVH penalties after Wu and Mohan 2000) and runs
 * {@link org.twinsim.model.planning.PlanOptimizer}: dose-influence matrices per
 * {@link org.twinsim.model.planning.ScenarioSet} scenario (7 setup positions x 3 range errors = 21,
 * as in the seed study), robust objectives combined by minimax or expected value
 * ({@link org.twinsim.model.planning.RobustMode}, Fredriksson 2012), weights >= 0 found by
 * {@link org.twinsim.model.planning.ProjectedLbfgs} (projected quasi-Newton, Kim, Sra and Dhillon
 * 2010; Bertsekas 1982). Convergence goes to an {@link org.twinsim.model.planning.IterationListener}.
 */
package org.twinsim.model.planning;
