/**
 * The engine's port to dose ({@link org.twinsim.engine.dose.FractionDoseModel}): metrics of a
 * delivered fraction from where the target was relative to the plan. The placeholder
 * {@link org.twinsim.engine.dose.MarginErfDoseModel} stands in until the pencil-beam engine of
 * twin-model drives the replay.
 */
package org.twinsim.engine.dose;
