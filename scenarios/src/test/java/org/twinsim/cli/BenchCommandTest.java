package org.twinsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.gpu.cuda.DeviceProbe;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

class BenchCommandTest {
  /** The synthetic CPU kernels (the composite ones plan a patient: benchmark material, not a unit test). */
  private static final String SYNTHETIC = "--kernels=gaussian,warp,downsample2,upsample2,demons_force,demons_iteration,dvh";

  record Result(int code, String out, String err) {
  }

  static Result run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
    return new Result(code, o.toString(), e.toString());
  }

  @Test
  void cpuBenchWritesParquetThatDuckDbReadsAndABaselineFlagsARegression(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("bench.parquet");
    Result r = run("bench", "--backend", "cpu", "--grid", "4mm", "--repeat", "3", "--warmup", "1", SYNTHETIC, "--out",
        first.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("wrote " + first + " (7 rows)"), r.out());
    assertTrue(r.out().contains("demons_iteration       cpu  4mm"), r.out());

    List<String> kernels = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select kernel, backend, grid, repeat, median_s, p25_s, p75_s, bytes_moved, cpu_cores, "
             + "gpu_name, git_commit, voxels from read_parquet('" + first + "') order by kernel")) {
      while (rs.next()) {
        kernels.add(rs.getString(1));
        assertEquals("cpu", rs.getString(2));
        assertEquals("4mm", rs.getString(3));
        assertEquals(3, rs.getInt(4));
        assertTrue(rs.getDouble(6) <= rs.getDouble(5) && rs.getDouble(5) <= rs.getDouble(7));
        assertTrue(rs.getLong(8) > 0);
        assertEquals(Runtime.getRuntime().availableProcessors(), rs.getInt(9));
        assertEquals(DeviceProbe.probe().present() ? DeviceProbe.probe().name() : null, rs.getString(10));
        assertFalse(rs.getString(11).isBlank());
        assertEquals(100L * 70 * 60, rs.getLong(12));
      }
    }
    assertEquals(List.of("demons_force", "demons_iteration", "downsample2", "dvh", "gaussian", "upsample2", "warp"), kernels);

    // the same machine against itself with a generous threshold: no regression
    Path second = dir.resolve("again.parquet");
    r = run("bench", "--backend", "cpu", "--grid", "4mm", "--repeat", "3", "--warmup", "1", SYNTHETIC, "--out", second.toString(),
        "--baseline", first.toString(), "--threshold", "1000");
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("no kernel regressed"), r.out());

    // a baseline in which warp took a microsecond: warp regressed, named on stderr, exit 3
    Table t = ParquetTables.read(first);
    Table forged = new Table(t.schema());
    for (Row row : t.rows()) {
      Object[] v = row.values();
      Row copy = forged.rowOf(v);
      if (row.getString("kernel").equals("warp")) {
        copy.set("median_s", 1e-6);
      }
      forged.add(copy);
    }
    Path fast = dir.resolve("fast.parquet");
    ParquetTables.write(fast, forged, Map.of());
    r = run("bench", "--backend", "cpu", "--grid", "4mm", "--repeat", "2", "--warmup", "0", SYNTHETIC, "--out",
        dir.resolve("third.parquet").toString(), "--baseline", fast.toString());
    assertEquals(BenchCommand.REGRESSED, r.code(), r.err() + r.out());
    // other kernels may also come out slower than their real baseline on a loaded machine: warp must be named
    assertTrue(r.err().startsWith("twinsim: bench: regression beyond 10.0%: ") && r.err().contains("warp/cpu/4mm"),
        "stderr: [" + r.err() + "]");
    assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("REGRESSED: ") && l.contains("warp/cpu/4mm")), r.out());
  }

  @Test
  void badOptionsAreOneLineExitTwo(@TempDir Path dir) throws Exception {
    Path notParquet = dir.resolve("x.parquet");
    Files.writeString(notParquet, "hello");
    Path out = dir.resolve("o.parquet");
    for (String[] a : new String[][] {
        {"bench", "--grid", "3mm", "--out", out.toString()},
        {"bench", "--backend", "cuda", "--out", out.toString()},
        {"bench", "--repeat", "0", "--out", out.toString()},
        {"bench", "--kernels", "warp,wrap", "--out", out.toString()},
        {"bench", "--composite-repeat", "0", "--out", out.toString()},
        {"bench", "--threshold", "-5", "--out", out.toString()},
        {"bench", "--baseline", notParquet.toString(), "--out", out.toString()},
        {"bench", "--baseline", dir.resolve("missing.parquet").toString(), "--out", out.toString()}}) {
      Result r = run(a);
      assertEquals(2, r.code(), String.join(" ", a) + " -> " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("twinsim: --"), r.err());
      assertFalse(Files.exists(out));
    }
    assertTrue(run("bench", "--grid", "3mm").err().contains("--grid: expected 2mm or 4mm, got 3mm"));
    assertEquals(0, run("bench", "--help").code());
    if (!DeviceProbe.probe().usable()) {
      Result r = run("bench", "--backend", "gpu", "--out", out.toString());
      assertEquals(2, r.code());
      assertTrue(r.err().startsWith("twinsim: --backend gpu: no GPU: "), r.err());
    }
  }
}
