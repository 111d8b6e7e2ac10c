package org.twinsim.reports.table;

import static org.twinsim.reports.table.ColumnType.DOUBLE;
import static org.twinsim.reports.table.ColumnType.INT;
import static org.twinsim.reports.table.ColumnType.LONG;
import static org.twinsim.reports.table.ColumnType.STRING;

/**
 * The schema of {@code bench.parquet}, written by {@code twinsim bench}: one row per kernel,
 * backend and grid. Every timing column is a wall-clock measurement of the machine named in the
 * row's fingerprint columns (the whole table is measured, so its columns do not carry the
 * {@code measured_} prefix); a later run compares its medians with these ({@code --baseline}).
 */
public final class BenchTable {
  private BenchTable() {
  }

  public static final TableSchema SCHEMA = TableSchema.builder("bench")
      .req("kernel", STRING, "kernel timed (gaussian, warp, downsample2, upsample2, demons_force, demons_iteration, dvh, transfer)")
      .req("backend", STRING, "cpu or gpu")
      .req("grid", STRING, "benchmark grid: 2mm (200x140x120) or 4mm (100x70x60) over a 400x280x240 mm box")
      .req("voxels", LONG, "voxels of the grid")
      .req("repeat", INT, "timed calls")
      .req("warmup", INT, "untimed calls before them")
      .req("median_s", DOUBLE, "median wall-clock time of one call, s")
      .req("p25_s", DOUBLE, "first quartile, s (linear interpolation, type 7)")
      .req("p75_s", DOUBLE, "third quartile, s")
      .req("min_s", DOUBLE, "fastest call, s")
      .req("max_s", DOUBLE, "slowest call, s")
      .req("bytes_moved", LONG, "compulsory memory traffic of one call, bytes (each array read or written once)")
      .opt("bandwidth_gb_s", DOUBLE, "bytes_moved / median_s, 1e9 bytes/s")
      .opt("peak_fraction", DOUBLE, "bandwidth as a fraction of the GPU's theoretical DRAM peak (GPU rows)")
      .req("cpu_model", STRING, "CPU model of the machine")
      .req("cpu_cores", INT, "processors available to the JVM")
      .opt("gpu_name", STRING, "GPU of the machine (null without one)")
      .opt("gpu_cc", STRING, "GPU compute capability")
      .opt("gpu_memory_bytes", LONG, "GPU global memory, bytes")
      .opt("gpu_driver", STRING, "CUDA driver version")
      .opt("gpu_peak_bandwidth_gb_s", DOUBLE, "GPU theoretical DRAM bandwidth: 2 x memory clock x bus width / 8, 1e9 bytes/s")
      .req("os", STRING, "operating system and architecture")
      .req("java_version", STRING, "Java runtime version (vendor)")
      .req("twinsim_version", STRING, "twinsim version")
      .req("git_commit", STRING, "git commit of the build (env TWINSIM_GIT_COMMIT), or unknown")
      .req("started_at", STRING, "start of the benchmark, ISO-8601 UTC")
      .build();
}
