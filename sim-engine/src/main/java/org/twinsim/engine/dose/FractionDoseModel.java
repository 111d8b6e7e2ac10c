package org.twinsim.engine.dose;

import org.twinsim.model.geometry.Vec3;

/**
 * The engine's port to dose: the metrics of a fraction delivered with a plan of a given setup
 * robustness when the target sits {@code targetResidualMm} away from where the plan assumed it,
 * and the bony anatomy {@code boneResidualMm} away.
 */
public interface FractionDoseModel {
  /** Name written into the outcome rows. */
  String name();

  DoseOutcome evaluate(Vec3 targetResidualMm, Vec3 boneResidualMm, double planSetupMarginMm);
}
