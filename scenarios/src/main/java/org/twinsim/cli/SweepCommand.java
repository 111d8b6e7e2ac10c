package org.twinsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.RunSummary;
import org.twinsim.engine.run.Variant;
import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioException;
import org.twinsim.scenarios.ScenarioLoader;
import org.twinsim.scenarios.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  EngineOption exec;

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
    Path dir = out != null ? out : Path.of("runs", base.scenario().name() + "-sweep-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    PrintWriter o = spec.commandLine().getOut();
    RunResult r = exec.launch(variants, out, dir, base.source() + " " + String.join(" ", vary), base.text(), () -> {
      o.printf("twinsim %s: sweep of %s (%s): %d variants x %d replications%n", VersionInfo.version(),
          base.scenario().name(), base.source(), variants.size(), variants.get(0).scenario().replications());
      o.flush();
    });
    if (!exec.quiet) {
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
