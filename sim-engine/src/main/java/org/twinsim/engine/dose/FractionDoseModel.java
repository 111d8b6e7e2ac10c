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

  /**
   * As {@link #evaluate(Vec3, Vec3, double)} with every beam's range off by {@code rangeErrorMm}
   * in water (positive: deeper). Models without a range model accept only 0.
   */
  default DoseOutcome evaluate(Vec3 targetResidualMm, Vec3 boneResidualMm, double planSetupMarginMm, double rangeErrorMm) {
    if (rangeErrorMm != 0) {
      throw new IllegalStateException("dose model " + name() + " has no range model (range error " + rangeErrorMm + " mm)");
    }
    return evaluate(targetResidualMm, boneResidualMm, planSetupMarginMm);
  }
}
