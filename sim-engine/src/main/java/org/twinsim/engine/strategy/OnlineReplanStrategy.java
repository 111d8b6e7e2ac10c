package org.twinsim.engine.strategy;

import java.util.List;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.timing.StepKind;

/**
 * Conventional online re-planning: couch correction on bone, contours and a full re-optimisation
 * on the day's anatomy as registered (so the new plan assumes the target where the CBCT showed
 * it), plan QA, then delivery; 30-45 minutes in the room while the prostate drifts.
 */
public final class OnlineReplanStrategy implements Strategy {
  private final double marginMm;

  public OnlineReplanStrategy(double marginMm) {
    this.marginMm = marginMm;
  }

  @Override
  public String name() {
    return "online-replan";
  }

  @Override
  public List<StepKind> workflow() {
    return List.of(StepKind.SETUP, StepKind.CBCT, StepKind.RIGID_MATCH, StepKind.DEFORMABLE_REGISTRATION,
        StepKind.CONTOURING, StepKind.REOPTIMISATION, StepKind.PLAN_QA, StepKind.DELIVERY, StepKind.EXIT);
  }

  @Override
  public Decision decide(FractionObservation obs) {
    return new Decision(obs.obsSetupMm().times(-1), "replan-f" + (obs.fraction() + 1), obs.obsProstateMm(),
        marginMm, 0);
  }
}
