package org.twinsim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twinsim.gpu.bench.BenchGrid;
import org.twinsim.gpu.bench.BenchHarness;
import org.twinsim.gpu.bench.BenchReport;
import org.twinsim.gpu.bench.RegressionCheck;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceProbe;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;
import org.twinsim.scenarios.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twinsim bench}: times the compute kernels on the CPU and the GPU, writes bench.parquet,
 * and optionally compares with an earlier run. Exit codes: 0 done; 1 a GPU kernel failed while
 * running (the rows of the others are written); 2 bad options or baseline file, or --backend gpu
 * without a usable GPU; 3 a kernel regressed beyond the threshold.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Time the registration, pyramid, dose and DVH kernels on the CPU and (when present) the GPU: "
        + "medians and spread over repeated calls after a warm-up, achieved memory bandwidth, GPU/CPU speed-ups; "
        + "and the composite workloads on a virtual patient: the deformable registration, a plan's dose and the "
        + "digital twin's whole plan-of-the-day decision (registration, dose of a 3-plan library, DVH, selection).",
        "Writes one row per kernel, backend and grid to a Parquet file; --baseline compares the medians with an "
            + "earlier file and exits with status 3 when a kernel got slower than the threshold."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:done", "1:a GPU kernel failed while running", "2:bad options or baseline, or --backend gpu without a GPU",
        "3:a kernel regressed beyond the threshold"})
final class BenchCommand implements Callable<Integer> {
  /** Exit status when a kernel regressed. */
  static final int REGRESSED = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--backend", paramLabel = "cpu|gpu|both", defaultValue = "both",
      description = "what to time (default: ${DEFAULT-VALUE}; without a GPU, both times the CPU and says why the GPU was skipped)")
  String backend;

  @Option(names = "--grid", paramLabel = "2mm|4mm", defaultValue = "2mm",
      description = "grid over a 400x280x240 mm pelvic box: 2mm (3.4 M voxels) or 4mm (0.42 M) (default: ${DEFAULT-VALUE})")
  String grid;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "5", description = "timed calls per kernel (default: ${DEFAULT-VALUE})")
  int repeat;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "untimed calls before them (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--baseline", paramLabel = "FILE", description = "an earlier bench.parquet to compare the medians with")
  Path baseline;

  @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "10",
      description = "slow-down of a median, percent, that counts as a regression (default: ${DEFAULT-VALUE})")
  double thresholdPct;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench.parquet", description = "output file (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20260117",
      description = "seed of the synthetic inputs and of the virtual patient")
  long seed;

  @Option(names = "--kernels", paramLabel = "K1,K2", split = ",",
      description = "kernels to time (default: all): gaussian, warp, downsample2, upsample2, demons_force, demons_iteration, "
          + "registration_iteration, dvh, transfer, demons_registration, dose, plan_of_the_day")
  List<String> kernels;

  @Option(names = "--composite-repeat", paramLabel = "N", defaultValue = "3",
      description = "timed calls per composite kernel (demons_registration, dose, plan_of_the_day) (default: ${DEFAULT-VALUE})")
  int compositeRepeat;

  @Option(names = "--composite-warmup", paramLabel = "N", defaultValue = "1",
      description = "untimed calls per composite kernel (default: ${DEFAULT-VALUE})")
  int compositeWarmup;

  @Option(names = "--plan-iterations", paramLabel = "N", defaultValue = "30",
      description = "optimiser iterations of each plan of the composite workload's library (default: ${DEFAULT-VALUE})")
  int planIterations;

  @Override
  public Integer call() throws Exception {
    String b = backend.strip().toLowerCase(Locale.ROOT);
    if (!List.of("cpu", "gpu", "both").contains(b)) {
      throw new ScenarioException("--backend: expected cpu, gpu or both, got " + backend);
    }
    BenchGrid g;
    try {
      g = BenchGrid.parse(grid);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException("--" + e.getMessage());
    }
    if (repeat < 1) {
      throw new ScenarioException("--repeat: expected an integer >= 1, got " + repeat);
    }
    if (warmup < 0) {
      throw new ScenarioException("--warmup: expected an integer >= 0, got " + warmup);
    }
    if (compositeRepeat < 1) {
      throw new ScenarioException("--composite-repeat: expected an integer >= 1, got " + compositeRepeat);
    }
    if (compositeWarmup < 0) {
      throw new ScenarioException("--composite-warmup: expected an integer >= 0, got " + compositeWarmup);
    }
    if (planIterations < 1) {
      throw new ScenarioException("--plan-iterations: expected an integer >= 1, got " + planIterations);
    }
    List<String> selected = kernels == null ? BenchHarness.KERNELS
        : kernels.stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
    for (String k : selected) {
      if (!BenchHarness.KERNELS.contains(k)) {
        throw new ScenarioException("--kernels: unknown kernel " + k + ", expected some of "
            + String.join(", ", BenchHarness.KERNELS));
      }
    }
    if (selected.isEmpty()) {
      throw new ScenarioException("--kernels: no kernel named");
    }
    if (!(thresholdPct > 0) || Double.isInfinite(thresholdPct)) {
      throw new ScenarioException("--threshold: expected a positive percentage, got " + thresholdPct);
    }
    if (Files.isDirectory(out)) {
      throw new ScenarioException("--out " + out + ": is a folder, expected a file name such as bench.parquet");
    }
    List<RegressionCheck.Entry> base = baseline == null ? null : BenchRows.baseline(baseline);
    DeviceInfo device = DeviceProbe.probe();
    if (b.equals("gpu") && !device.usable()) {
      throw new ScenarioException("--backend gpu: " + device.describe());
    }
    PrintWriter o = spec.commandLine().getOut();
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    BenchHarness h = new BenchHarness(new BenchHarness.Config(!b.equals("gpu"), !b.equals("cpu"), g, repeat, warmup, seed,
        selected, compositeRepeat, compositeWarmup, planIterations),
        line -> {
          o.println(line);
          o.flush();
        });
    BenchHarness.Outcome outcome = h.run(device);
    o.println();
    BenchReport.lines(outcome).forEach(o::println);
    Table t = BenchRows.table(outcome, repeat, VersionInfo.version(), VersionInfo.gitCommit(), started);
    ParquetTables.write(out, t, Map.of("twinsim.version", VersionInfo.version(), "twinsim.git_commit",
        VersionInfo.gitCommit(), "twinsim.command", "bench --backend " + b + " --grid " + g.label() + " --repeat " + repeat
            + " --kernels " + String.join(",", selected)));
    o.println("wrote " + out + " (" + t.size() + " rows)");
    int status = outcome.gpuFailed() ? 1 : 0;
    if (base != null) {
      RegressionCheck.Report r = RegressionCheck.compare(BenchRows.entries(outcome), base, thresholdPct);
      r.lines().forEach(o::println);
      if (r.regressed()) {
        spec.commandLine().getErr().println("twinsim: bench: regression beyond " + thresholdPct + "%: "
            + String.join(", ", r.regressions().stream().map(RegressionCheck.Comparison::key).toList()));
        spec.commandLine().getErr().flush();
        status = REGRESSED;
      }
    }
    o.flush();
    return status;
  }
}
