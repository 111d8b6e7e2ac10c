package org.twinsim.engine.strategy;

import org.twinsim.model.geometry.Vec3;

/**
 * What a strategy decided for one fraction.
 *
 * @param couchShiftMm couch correction applied (moves the patient by this vector), patient axes, mm
 * @param planId the plan delivered
 * @param planTargetMm where the delivered plan assumes the target, relative to the planning
 *     position, after the couch correction, mm (zero for a plan made on the planning CT)
 * @param planSetupMarginMm setup robustness the plan was optimised with, mm
 * @param measuredS wall-clock compute of the decision on this machine, s
 */
public record Decision(Vec3 couchShiftMm, String planId, Vec3 planTargetMm, double planSetupMarginMm,
                       double measuredS) {
}
