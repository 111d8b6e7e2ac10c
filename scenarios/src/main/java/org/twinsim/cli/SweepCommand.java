package org.twinsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.RunSummary;
import org.twinsim.engine.run.Variant;
import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioException;
import org.twinsim.scenarios.ScenarioLoader;
import org.twinsim.scenarios.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim sweep SCENARIO --vary PATH=V1,V2 ...}: a what-if grid with confidence intervals. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Run a grid of scenario variants (all combinations of the --vary values) with independent "
        + "replications and common random numbers across variants; write one Parquet partition per variant, "
        + "a variants table and a sweep_summary table with 95% confidence intervals.",
        "Example: twinsim sweep capacity-4rooms --vary clinic.gpuServers=1,2,4 --vary strategy=digital-twin --replications 10"})
final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "catalog name or YAML file")
  String scenario;

  @Option(names = "--vary", paramLabel = "PATH=V1,V2", required = true,
      description = "a scenario field and its values, e.g. clinic.gpuServers=1,2,4 or strategy=digital-twin,online-replan")
  List<String> vary = new ArrayList<>();

  @Option(names = "--replications", paramLabel = "N", description = "override the scenario's replications")
  Integer replications;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/NAME-sweep-YYYYMMDD-HHMMSS)")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
  Integer threads;

  @Option(names = "--engine", paramLabel = "NAME", description = "run engine: local (default, this machine's threads) or spark")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master with --engine spark: local[N], spark://HOST:PORT, ... (default local[THREADS])")
  String master;

  @Option(names = "--engine-conf", paramLabel = "KEY=VALUE",
      description = "a setting of the run engine, e.g. spark.executor.memory=4g or attempts=2 (repeatable)")
  List<String> engineConf = new ArrayList<>();

  @Option(names = "--resume", description = "finish the partial run that a failed or interrupted run of the same "
      + "command left for --out: run only the units whose parts are missing or incomplete")
  boolean resume;

  @Option(names = "--overwrite", description = "replace a previous run in the output folder")
  boolean overwrite;

  @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    LoadedScenario base = loader.load(scenario);
    List<Sweep.Axis> axes = new ArrayList<>();
    for (String v : vary) {
      axes.add(Sweep.axis(v));
    }
    if (replications != null && replications < 1) {
      throw new ScenarioException("--replications: expected an integer >= 1, got " + replications);
    }
    List<Variant> variants = Sweep.variants(loader, base, axes, replications);
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new ScenarioException("--threads: expected an integer >= 1, got " + t);
    }
    EngineOption.checkResume(resume, out);
    Path dir = out != null ? out : Path.of("runs", base.scenario().name() + "-sweep-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    PrintWriter o = spec.commandLine().getOut();
    if (!quiet) {
      o.printf("twinsim %s: sweep of %s (%s): %d variants x %d replications%n", VersionInfo.version(),
          base.scenario().name(), base.source(), variants.size(), variants.get(0).scenario().replications());
      o.flush();
    }
    RunResult r = EngineOption.find(engine).run(variants, new RunOptions(dir, overwrite, t, TerminalProgress.forConsole(quiet),
        base.source() + " " + String.join(" ", vary), base.text(), VersionInfo.version(), VersionInfo.gitCommit(),
        EngineOption.settings(engine, master, engineConf), resume));
    if (!quiet) {
      o.println();
      o.print(RunSummary.text(r));
      o.printf("%nWrote %s in %.1f s (variants/, sweep_summary/, and one variant=NAME partition per variant in each table)%n",
          r.outDir(), r.manifest().measuredWallS());
    } else {
      o.println(r.outDir());
    }
    o.flush();
    return 0;
  }
}
