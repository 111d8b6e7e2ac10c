package org.twinsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.twinsim.engine.run.RunEngine;
import org.twinsim.scenarios.ScenarioException;

/** Finds a run engine by name among those on the classpath (ServiceLoader). */
final class EngineOption {
  private EngineOption() {
  }

  static RunEngine find(String name) throws ScenarioException {
    List<String> known = new ArrayList<>();
    for (RunEngine e : ServiceLoader.load(RunEngine.class)) {
      if (e.name().equals(name)) {
        return e;
      }
      known.add(e.name());
    }
    if (name.equals("spark")) {
      throw new ScenarioException("--engine spark: the Spark engine is not on the classpath; run through the launcher "
          + "(./twinsim ... --engine spark builds and adds the spark module) or put twinsim-spark on the classpath");
    }
    throw new ScenarioException("--engine " + name + ": unknown engine; available: " + known);
  }
}
