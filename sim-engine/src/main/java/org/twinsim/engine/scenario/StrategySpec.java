package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * One strategy to compare, with its clinic-side settings.
 *
 * @param name one of {@link #KNOWN}
 * @param slotMinutes appointment slot the clinic books per fraction (defaults: non-adaptive 15,
 *     online-replan 60, digital-twin 20, oracle 20)
 * @param setupMarginMm setup robustness of the plan, mm, for strategies with one plan
 *     (defaults: non-adaptive 5, the seed study's clinical setting; online-replan 3). The digital
 *     twin and the oracle use the twin's plan library instead ({@link TwinSpec.LibrarySpec}).
 */
public record StrategySpec(String name, Integer slotMinutes, Double setupMarginMm) {
  /** Strategy names understood by the engine. */
  public static final List<String> KNOWN = List.of("non-adaptive", "online-replan", "digital-twin", "oracle");

  public StrategySpec {
    if (name == null || !KNOWN.contains(name)) {
      throw new InvalidParameterException("name", "expected one of " + KNOWN + ", got " + Scenario.quote(name));
    }
    slotMinutes = slotMinutes == null ? switch (name) {
      case "non-adaptive" -> 15;
      case "online-replan" -> 60;
      default -> 20;
    } : InvalidParameterException.atLeast("slotMinutes", slotMinutes, 1);
    if (slotMinutes > 600) {
      throw new InvalidParameterException("slotMinutes", "expected at most 600, got " + slotMinutes);
    }
    setupMarginMm = setupMarginMm == null ? (name.equals("online-replan") ? 3.0 : 5.0)
        : InvalidParameterException.inRange("setupMarginMm", setupMarginMm, 0, 20);
  }

  public static StrategySpec named(String name) {
    return new StrategySpec(name, null, null);
  }

  /** All four strategies with their defaults. */
  public static List<StrategySpec> defaults() {
    return KNOWN.stream().map(StrategySpec::named).toList();
  }
}
