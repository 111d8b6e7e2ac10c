package org.twinsim.engine.run;

import java.util.Map;
import org.twinsim.engine.scenario.Scenario;

/**
 * One point of a sweep: a name (the {@code variant=NAME} folder of the outputs), the scenario it
 * runs and the scenario fields it sets. A run without a sweep has the single variant "base".
 */
public record Variant(String name, Scenario scenario, Map<String, String> assignments) {
  public Variant {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._,+-]{0,127}")) {
      throw new IllegalArgumentException("variant name must be letters, digits and . _ , + - (got " + name + ")");
    }
    assignments = Map.copyOf(assignments);
  }

  public static Variant base(Scenario s) {
    return new Variant(LocalRunner.BASE_VARIANT, s, Map.of());
  }
}
