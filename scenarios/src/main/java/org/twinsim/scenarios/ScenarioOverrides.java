package org.twinsim.scenarios;

import org.twinsim.engine.scenario.Cohort;
import org.twinsim.engine.scenario.Scenario;

/** Command-line overrides of a loaded scenario (seed, number of patients), validated like the file. */
public final class ScenarioOverrides {
  private ScenarioOverrides() {
  }

  public static Scenario apply(Scenario s, Long seed, Integer patients) {
    Cohort c = s.cohort();
    if (patients != null) {
      c = new Cohort(c.source(), patients, c.startEveryDays(), c.gridMm());
    }
    return s.with(seed == null ? s.seed() : seed, c);
  }
}
