package org.twinsim.engine.strategy;

import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.scenario.StrategySpec;

/** Creates a patient's strategy instance from its scenario entry. */
public final class Strategies {
  private Strategies() {
  }

  /**
   * @param libraryMarginsMm setup margins of the library plans (digital twin and oracle)
   */
  public static Strategy create(StrategySpec spec, java.util.List<Double> libraryMarginsMm, FractionDoseModel dose) {
    return switch (spec.name()) {
      case "non-adaptive" -> new NonAdaptiveStrategy(spec.setupMarginMm());
      case "online-replan" -> new OnlineReplanStrategy(spec.setupMarginMm());
      case "digital-twin" -> LibraryStrategy.digitalTwin(libraryMarginsMm, dose);
      case "oracle" -> LibraryStrategy.oracle(libraryMarginsMm, dose);
      default -> throw new IllegalArgumentException("unknown strategy " + spec.name());
    };
  }
}
