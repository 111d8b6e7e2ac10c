package org.twinsim.engine.strategy;

import java.util.List;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.model.geometry.Vec3;

/**
 * Non-adaptive IGRT: bony match on the CBCT, couch correction, the original plan (optimised with
 * the clinical setup robustness) delivered as is.
 */
public final class NonAdaptiveStrategy implements Strategy {
  private final double marginMm;

  public NonAdaptiveStrategy(double marginMm) {
    this.marginMm = marginMm;
  }

  @Override
  public String name() {
    return "non-adaptive";
  }

  @Override
  public List<StepKind> workflow() {
    return List.of(StepKind.SETUP, StepKind.CBCT, StepKind.RIGID_MATCH, StepKind.DELIVERY, StepKind.EXIT);
  }

  @Override
  public Decision decide(FractionObservation obs) {
    return new Decision(obs.obsSetupMm().times(-1), "clinical-" + marginMm + "mm", Vec3.ZERO, marginMm, 0);
  }
}
