package org.twinsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.twinsim.engine.timing.TimingFit;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.scenarios.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim fit-timing RUN_DIR}: compute-step distributions fitted to a run's measured times. */
@Command(name = "fit-timing", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Fit log-normal distributions to the compute times a course replay measured on this machine "
        + "(the measured_ columns of its fractions table) and print them as a timing.steps section to paste into a "
        + "capacity scenario, with the number of measurements and a Kolmogorov-Smirnov p-value."})
final class FitTimingCommand implements Callable<Integer> {
  /** Measured column -> workflow step it times. */
  static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("measured_registration_s", "deformable-registration");
    COLUMNS.put("measured_twin_s", "twin-update");
    COLUMNS.put("measured_selection_s", "plan-selection");
  }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder written by twinsim run")
  Path run;

  @Override
  public Integer call() throws Exception {
    Path fr = run.resolve("fractions");
    if (!Files.isDirectory(run) || !Files.isRegularFile(run.resolve("manifest.json"))) {
      throw new ScenarioException(run + ": not a twinsim run folder (no manifest.json)");
    }
    if (!Files.isDirectory(fr)) {
      throw new ScenarioException(fr + ": missing: fit-timing needs a course replay's fractions table");
    }
    Map<String, List<Double>> values = new LinkedHashMap<>();
    COLUMNS.keySet().forEach(c -> values.put(c, new ArrayList<>()));
    List<Path> parts;
    try (Stream<Path> s = Files.walk(fr)) {
      parts = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path p : parts) {
      Table t;
      try {
        t = ParquetTables.read(p);
      } catch (IOException e) {
        throw new ScenarioException(p + ": unreadable Parquet part (" + e.getMessage() + ")");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Row r : t.rows()) {
        // the shared steps are measured once per fraction: count each fraction once
        if (!seen.add(r.get("replication") + "/" + r.get("patient_id") + "/" + r.get("fraction"))) {
          continue;
        }
        for (String c : COLUMNS.keySet()) {
          if (t.schema().has(c) && r.get(c) != null) {
            values.get(c).add(r.getDouble(c));
          }
        }
      }
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("timing:");
    o.println("  steps:");
    int fitted = 0;
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      double[] x = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      if (x.length < 3) {
        o.printf("    # %s: not enough measurements in %s (%d)%n", COLUMNS.get(e.getKey()), e.getKey(), x.length);
        continue;
      }
      o.println(TimingFit.lognormal(x).yaml(COLUMNS.get(e.getKey()), e.getKey() + " of " + run.getFileName()));
      fitted++;
    }
    o.flush();
    if (fitted == 0) {
      throw new ScenarioException(fr + ": no measured compute times (a geometric run measures none; run the full physics)");
    }
    return 0;
  }
}
