package org.twinsim.engine.strategy;

import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.scenario.StrategySpec;

/** Creates a patient's strategy instance from its scenario entry. */
public final class Strategies {
  private Strategies() {
  }

  public static Strategy create(StrategySpec spec, FractionDoseModel dose) {
    return switch (spec.name()) {
      case "non-adaptive" -> new NonAdaptiveStrategy(spec.setupMarginMm());
      case "online-replan" -> new OnlineReplanStrategy(spec.setupMarginMm());
      case "digital-twin" -> LibraryStrategy.digitalTwin(spec.libraryMarginsMm(), dose);
      case "oracle" -> LibraryStrategy.oracle(spec.libraryMarginsMm(), dose);
      default -> throw new IllegalArgumentException("unknown strategy " + spec.name());
    };
  }
}
