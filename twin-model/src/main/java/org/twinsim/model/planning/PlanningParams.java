package org.twinsim.model.planning;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Settings of prostate planning: spot placement, the optimiser, and the helper volumes the
 * optimisation looks at. Null fields take their defaults.
 *
 * @param spots spot and layer placement
 * @param optimizer spot-weight optimiser
 * @param ringInnerMm inner distance of the dose fall-off ring from the CTV (default 5 mm)
 * @param ringOuterMm outer distance of the ring (default 25 mm)
 * @param bodySampleStride body voxels outside CTV and ring enter the optimisation on every
 *     stride-th voxel along each axis (default 2: one in eight), to control hot spots at low cost
 * @param rangeMarginMm absolute range margin added to the relative one when placing layers (default 1 mm)
 */
public record PlanningParams(SpotPlacementParams spots, OptimizerParams optimizer, Double ringInnerMm,
                             Double ringOuterMm, Integer bodySampleStride, Double rangeMarginMm) {
  public PlanningParams {
    spots = spots == null ? SpotPlacementParams.defaults() : spots;
    optimizer = optimizer == null ? OptimizerParams.defaults() : optimizer;
    ringInnerMm = ringInnerMm == null ? 5.0 : InvalidParameterException.inRange("ringInnerMm", ringInnerMm, 0, 100);
    ringOuterMm = ringOuterMm == null ? 25.0 : InvalidParameterException.inRange("ringOuterMm", ringOuterMm, 0, 200);
    if (ringOuterMm <= ringInnerMm) {
      throw new InvalidParameterException("ringOuterMm", "expected more than ringInnerMm " + ringInnerMm + ", got " + ringOuterMm);
    }
    bodySampleStride = bodySampleStride == null ? 2 : InvalidParameterException.atLeast("bodySampleStride", bodySampleStride, 1);
    rangeMarginMm = rangeMarginMm == null ? 1.0 : InvalidParameterException.inRange("rangeMarginMm", rangeMarginMm, 0, 20);
  }

  public static PlanningParams defaults() {
    return new PlanningParams(null, null, null, null, null, null);
  }

  public PlanningParams withOptimizer(OptimizerParams o) {
    return new PlanningParams(spots, o, ringInnerMm, ringOuterMm, bodySampleStride, rangeMarginMm);
  }

  public PlanningParams withSpots(SpotPlacementParams s) {
    return new PlanningParams(s, optimizer, ringInnerMm, ringOuterMm, bodySampleStride, rangeMarginMm);
  }
}
