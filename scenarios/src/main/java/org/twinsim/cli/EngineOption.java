package org.twinsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.twinsim.engine.run.RunEngine;
import org.twinsim.scenarios.ScenarioException;

/** Finds a run engine by name among those on the classpath (ServiceLoader), and its settings. */
final class EngineOption {
  private EngineOption() {
  }

  /** The engine settings of {@code --master URL} and {@code --engine-conf KEY=VALUE...}. */
  static Map<String, String> settings(String engine, String master, List<String> conf) throws ScenarioException {
    if (engine.equals("local") && (master != null || !conf.isEmpty())) {
      throw new ScenarioException((master != null ? "--master" : "--engine-conf")
          + ": the local engine takes no engine settings (they are for --engine spark)");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : conf) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException("--engine-conf " + c + ": expected KEY=VALUE, e.g. spark.executor.memory=4g");
      }
      m.put(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
    }
    if (master != null) {
      m.put("master", master);
    }
    return m;
  }

  /** {@code --resume} finishes the run of a named output folder. */
  static void checkResume(boolean resume, Path out) throws ScenarioException {
    if (resume && out == null) {
      throw new ScenarioException("--resume: give --out DIR, the output folder of the run to finish");
    }
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
