package org.twinsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.RunSummary;
import org.twinsim.engine.run.Variant;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.param.InvalidParameterException;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioException;
import org.twinsim.scenarios.ScenarioOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim run [SCENARIO]}: replay the scenario's courses and write the Parquet outputs. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Replay the treatment courses of a scenario with every strategy and write the outcomes "
        + "(Parquet) and a manifest to an output folder.",
        "SCENARIO is a catalog name (see `twinsim scenarios`) or a YAML file; default: the embedded 'default'."})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "catalog name or YAML file (default: default)")
  String scenario;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/NAME-YYYYMMDD-HHMMSS)")
  Path out;

  @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
  Long seed;

  @Option(names = "--patients", paramLabel = "N", description = "override the number of patients")
  Integer patients;

  @Mixin
  EngineOption exec;

  @Override
  public Integer call() throws Exception {
    LoadedScenario ls = ScenarioOption.load(scenario);
    final Scenario s;
    try {
      s = ScenarioOverrides.apply(ls.scenario(), seed, patients);
    } catch (InvalidParameterException e) {
      throw new ScenarioException("--" + (e.field().startsWith("patients") ? "patients" : e.field()) + ": " + e.expected());
    }
    Path dir = out != null ? out
        : Path.of("runs", s.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    PrintWriter o = spec.commandLine().getOut();
    RunResult r = exec.launch(List.of(Variant.base(s)), out, dir, ls.source(), ls.text(), () -> {
      if (s.replaysCourses()) {
        o.printf("twinsim %s: scenario %s (%s), seed %d: %d patients x %d fractions x %d strategies%n",
            VersionInfo.version(), s.name(), ls.source(), s.seed(), s.cohort().patients(), s.fractionation().fractions(),
            s.strategies().size());
      } else {
        o.printf("twinsim %s: scenario %s (%s, %s mode), seed %d: %d days x %d strategies x %d replications%n",
            VersionInfo.version(), s.name(), ls.source(), s.mode(), s.seed(), s.horizonDays(), s.strategies().size(),
            s.replications());
      }
      o.flush();
    });
    if (!exec.quiet) {
      o.println();
      o.print(RunSummary.text(r));
      o.println();
      RunManifest m = r.manifest();
      o.printf("Wrote %s in %.1f s:%n", r.outDir(), m.measuredWallS());
      for (Map.Entry<String, List<RunManifest.Part>> e : m.tables().entrySet()) {
        long rows = e.getValue().stream().mapToLong(RunManifest.Part::rows).sum();
        o.printf("  %-12s %7d rows in %3d part(s)  %s/%s/**/*.parquet%n", e.getKey(), rows, e.getValue().size(),
            r.outDir(), e.getKey());
      }
      o.printf("  manifest.json%n");
      if (m.tables().containsKey("fractions")) {
        o.printf("Query it, e.g.: duckdb -c \"select strategy, avg(ctv_d98_pct) from read_parquet('%s/fractions/**/*.parquet') group by 1\"%n",
            r.outDir());
      } else {
        o.printf("Query it, e.g.: duckdb -c \"select strategy, avg(room_utilisation), avg(mean_wait_gpu_s) from read_parquet('%s/clinic_days/**/*.parquet') group by 1\"%n",
            r.outDir());
      }
    } else {
      o.println(r.outDir());
    }
    o.flush();
    return 0;
  }
}
