package org.twinsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.gpu.bench.BenchHarness;
import org.twinsim.gpu.bench.BenchResult;
import org.twinsim.gpu.bench.HardwareFingerprint;
import org.twinsim.gpu.bench.RegressionCheck;
import org.twinsim.reports.table.BenchTable;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.scenarios.ScenarioException;

/** Benchmark results to and from {@code bench.parquet} rows ({@link BenchTable#SCHEMA}). */
final class BenchRows {
  private BenchRows() {
  }

  /** The rows of a benchmark outcome. */
  static Table table(BenchHarness.Outcome o, int repeat, String version, String commit, String startedAt) {
    Table t = new Table(BenchTable.SCHEMA);
    HardwareFingerprint f = o.fingerprint();
    for (BenchResult r : o.results()) {
      Row row = t.newRow()
          .set("kernel", r.kernel()).set("backend", r.backend()).set("grid", r.grid()).set("voxels", r.voxels())
          .set("repeat", repeat).set("warmup", r.warmup())
          .set("median_s", r.timing().medianS()).set("p25_s", r.timing().p25S()).set("p75_s", r.timing().p75S())
          .set("min_s", r.timing().minS()).set("max_s", r.timing().maxS()).set("bytes_moved", r.bytesMoved())
          .set("bandwidth_gb_s", finite(r.bandwidthBytesPerS() / 1e9)).set("peak_fraction", finite(r.peakFraction()))
          .set("cpu_model", f.cpuModel()).set("cpu_cores", f.cpuCores())
          .set("gpu_name", blank(f.gpuName())).set("gpu_cc", blank(f.gpuComputeCapability()))
          .set("gpu_memory_bytes", f.gpuMemoryBytes() > 0 ? f.gpuMemoryBytes() : null)
          .set("gpu_driver", blank(f.gpuDriver()))
          .set("gpu_peak_bandwidth_gb_s", finite(f.gpuPeakBandwidthBytesPerS() / 1e9))
          .set("os", f.os()).set("java_version", f.javaVersion()).set("twinsim_version", version)
          .set("git_commit", commit).set("started_at", startedAt);
      t.add(row);
    }
    return t;
  }

  /** The comparison entries of this run. */
  static List<RegressionCheck.Entry> entries(BenchHarness.Outcome o) {
    List<RegressionCheck.Entry> l = new ArrayList<>();
    for (BenchResult r : o.results()) {
      l.add(RegressionCheck.Entry.of(r, o.fingerprint()));
    }
    return l;
  }

  /** The comparison entries of an earlier bench.parquet; a file that is not one is bad input. */
  static List<RegressionCheck.Entry> baseline(Path file) throws ScenarioException {
    Table t;
    try {
      t = ParquetTables.read(file);
    } catch (IOException e) {
      throw new ScenarioException("--baseline " + file + ": " + e.getMessage(), e);
    }
    for (String c : List.of("kernel", "backend", "grid", "median_s")) {
      if (!t.schema().has(c)) {
        throw new ScenarioException("--baseline " + file + ": not a bench.parquet (no column " + c + ")");
      }
    }
    List<RegressionCheck.Entry> l = new ArrayList<>();
    for (Row r : t.rows()) {
      double m = r.getDouble("median_s");
      if (!(m > 0)) {
        throw new ScenarioException("--baseline " + file + ": row " + r.getString("kernel") + " has median_s " + m
            + ", expected a positive time");
      }
      l.add(new RegressionCheck.Entry(r.getString("kernel"), r.getString("backend"), r.getString("grid"), m,
          t.schema().has("cpu_model") ? nonNull(r.getString("cpu_model")) : "",
          t.schema().has("gpu_name") ? nonNull(r.getString("gpu_name")) : ""));
    }
    return l;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
