/**
 * Plan-of-the-day selection: {@link org.twinsim.model.selection.PlanOfTheDay} chooses from a plan
 * library by the documented clinical priority of {@link org.twinsim.model.selection.SelectionRule}
 * (CTV coverage, then bladder neck, rectum, bladder), given each plan's
 * {@link org.twinsim.model.selection.PlanEvaluation} on the day's anatomy.
 */
package org.twinsim.model.selection;
