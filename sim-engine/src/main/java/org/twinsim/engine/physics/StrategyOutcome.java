package org.twinsim.engine.physics;

import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.model.geometry.Vec3;

/**
 * One strategy's fraction with the full physics.
 *
 * @param planId plan delivered
 * @param setupMarginMm its setup robustness, mm
 * @param couchShiftMm couch correction applied, mm
 * @param planTargetMm where the plan assumed the target relative to the planning position, mm
 * @param driftMm intra-fraction drift from the CBCT to mid-delivery, mm
 * @param delivered dose metrics on the true anatomy at delivery
 * @param oraclePlanId the oracle's choice (library strategies), or null
 * @param regretCtvD98Pct oracle minus chosen CTV D98 on the truth at imaging (library strategies), or NaN
 * @param regretBladderNeckD2ccPct chosen minus oracle bladder-neck D2cc on the truth at imaging, or NaN
 * @param measuredDoseS wall time of this strategy's delivered dose, s
 */
public record StrategyOutcome(String planId, double setupMarginMm, Vec3 couchShiftMm, Vec3 planTargetMm, Vec3 driftMm,
                              DoseOutcome delivered, String oraclePlanId, double regretCtvD98Pct,
                              double regretBladderNeckD2ccPct, double measuredDoseS) {
}
