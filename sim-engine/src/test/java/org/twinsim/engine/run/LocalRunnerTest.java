package org.twinsim.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.engine.scenario.Cohort;
import org.twinsim.engine.scenario.Fractionation;
import org.twinsim.engine.scenario.PhysicsSpec;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.table.Column;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

class LocalRunnerTest {
  static Scenario small(long seed) {
    return new Scenario("t", "test", seed, 1, new Cohort(null, 4, 1, null),
        new Fractionation(6, null, null, null, null), null, null, null, null, null, null, null,
        new PhysicsSpec("geometric", null, null, null, null, null), null, null);
  }

  static RunResult run(Scenario s, Path out) throws IOException {
    return new LocalRunner().run(s, new RunOptions(out, false, 2, null, "test", "text", "test", "unknown"));
  }

  /** All non-measured values of every part of a table, in part order. */
  static List<String> content(Path run, String table) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Stream<Path> s = Files.walk(run.resolve(table))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).sorted().toList()) {
        Table t = ParquetTables.read(p);
        for (Row r : t.rows()) {
          StringBuilder b = new StringBuilder(run.relativize(p).toString());
          for (Column c : t.schema().columns()) {
            if (!c.isMeasured()) {
              b.append('|').append(r.get(c.name()));
            }
          }
          rows.add(b.toString());
        }
      }
    }
    return rows;
  }

  @Test
  void sameSeedGivesIdenticalDataAndAnotherSeedDiffers(@TempDir Path dir) throws Exception {
    run(small(5), dir.resolve("a"));
    run(small(5), dir.resolve("b"));
    run(small(6), dir.resolve("c"));
    for (String table : new String[] {"fractions", "courses", "steps", "clinic_days"}) {
      List<String> a = content(dir.resolve("a"), table);
      assertFalse(a.isEmpty(), table);
      assertEquals(a, content(dir.resolve("b"), table), table + " differs between two runs of one seed");
      assertNotEquals(a, content(dir.resolve("c"), table), table + " identical for another seed");
    }
  }

  /** DuckDB (an independent reader) sees patients x fractions x strategies rows with unique keys. */
  @Test
  void duckDbCountsEveryFractionOnce(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("r");
    RunResult r = run(small(1), out);
    assertEquals(4 * 6 * 4, r.fractions().size());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*), count(distinct (patient_id, fraction, strategy)), "
             + "min(variant), count(distinct strategy) from read_parquet('" + out + "/fractions/**/*.parquet', hive_partitioning=true)")) {
      assertTrue(rs.next());
      assertEquals(96, rs.getLong(1));
      assertEquals(96, rs.getLong(2));
      assertEquals("base", rs.getString(3));
      assertEquals(4, rs.getLong(4));
    }
    assertTrue(Files.exists(out.resolve("manifest.json")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(out), s.toList(), "no staging folder left behind");
    }
  }

  /**
   * Common random numbers: the true anatomy and the shared human steps are identical across
   * strategies; the session timeline respects the workflow order.
   */
  @Test
  void strategiesSeeTheSameTruthAndConsistentTimelines(@TempDir Path dir) throws Exception {
    RunResult r = run(small(3), dir.resolve("r"));
    java.util.Map<String, String> truth = new java.util.HashMap<>();
    for (Row row : r.fractions().rows()) {
      String key = row.get("patient_id") + "/" + row.get("fraction");
      String t = row.get("true_prostate_x_mm") + "," + row.get("true_setup_z_mm") + "," + row.get("obs_prostate_y_mm")
          + "," + row.get("true_bladder_volume_ml");
      String prev = truth.putIfAbsent(key, t);
      if (prev != null) {
        assertEquals(prev, t, "truth differs across strategies for " + key);
      }
      double cbct = row.getDouble("cbct_s");
      assertTrue(row.getDouble("session_start_s") < cbct);
      assertTrue(cbct <= row.getDouble("decision_end_s"));
      assertTrue(row.getDouble("decision_end_s") <= row.getDouble("delivery_start_s"));
      assertTrue(row.getDouble("delivery_start_s") < row.getDouble("delivery_end_s"));
      assertTrue(row.getDouble("session_start_s") >= row.getDouble("arrival_s") - 1e-9);
    }
    assertEquals(24, truth.size());
  }

  /** A re-plan keeps the patient on the couch longer, so the prostate drifts further before the beam. */
  @Test
  void replanningLeavesMoreTimeToDrift(@TempDir Path dir) throws Exception {
    RunResult r = run(small(8), dir.resolve("r"));
    double replan = RunSummary.tallies(r.fractions()).get("online-replan").get("time_in_room_s").average();
    double twin = RunSummary.tallies(r.fractions()).get("digital-twin").get("time_in_room_s").average();
    assertTrue(replan > 30 && replan < 70, "re-plan session " + replan + " min");
    assertTrue(twin < 25, "twin session " + twin + " min");
    double[] driftReplan = driftNorms(r.fractions(), "online-replan");
    double[] driftTwin = driftNorms(r.fractions(), "digital-twin");
    assertTrue(mean(driftReplan) > 1.5 * mean(driftTwin), mean(driftReplan) + " vs " + mean(driftTwin));
  }

  private static double[] driftNorms(Table t, String strategy) {
    return t.rows().stream().filter(x -> x.getString("strategy").equals(strategy))
        .mapToDouble(x -> Math.sqrt(Math.pow(x.getDouble("drift_x_mm"), 2) + Math.pow(x.getDouble("drift_y_mm"), 2)
            + Math.pow(x.getDouble("drift_z_mm"), 2))).toArray();
  }

  private static double mean(double[] a) {
    return java.util.Arrays.stream(a).average().orElseThrow();
  }

  @Test
  void existingOutputIsNotOverwrittenByDefault(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("r");
    Files.createDirectories(out);
    Files.writeString(out.resolve("precious.txt"), "keep");
    IOException e = assertThrows(IOException.class, () -> run(small(1), out));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("keep", Files.readString(out.resolve("precious.txt")));
  }

  /**
   * A unit that cannot write (a folder squats its courses part) is named with its coordinates; the
   * run writes no manifest and no output folder, and keeps the other units' parts. A later run
   * without --resume refuses to discard them; with --resume it runs only the units whose parts are
   * missing or unreadable (here also a truncated part) and gives the rows of an uninterrupted run.
   */
  @Test
  void failedUnitIsNamedAndResumeRunsOnlyIncompleteUnits(@TempDir Path dir) throws Exception {
    Scenario s = small(4);
    Path ref = dir.resolve("ref");
    run(s, ref);
    Path out = dir.resolve("r");
    Path partial = dir.resolve(".r.partial");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve(RunLedger.PLAN_FILE), RunLedger.fingerprint(List.of(Variant.base(s))));
    Path squatter = partial.resolve("courses/variant=base/part-r0000-p00002.parquet");
    Files.createDirectories(squatter.resolve("x"));
    RunOptions resume = new RunOptions(out, false, 2, null, "test", "text", "test", "unknown").withResume(true);
    IncompleteRunException e = assertThrows(IncompleteRunException.class,
        () -> new LocalRunner().run(List.of(Variant.base(s)), resume));
    assertEquals(List.of("variant=base replication=0 patient=2"), e.failures().keySet().stream().map(WorkUnit::label).toList());
    assertTrue(e.getMessage().contains("missing: variant=base replication=0 patient=2"), e.getMessage());
    assertTrue(e.getMessage().contains("1 of 5 units missing"), e.getMessage());
    assertFalse(Files.exists(out));
    assertTrue(Files.exists(partial.resolve("fractions/variant=base/part-r0000-p00002.parquet")), "the half-written unit");
    assertTrue(Files.exists(partial.resolve(RunLedger.INCOMPLETE_FILE)));

    IOException refused = assertThrows(IOException.class, () -> run(s, out));
    assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());

    Files.delete(squatter.resolve("x"));
    Files.delete(squatter);
    Path p1 = partial.resolve("fractions/variant=base/part-r0000-p00001.parquet");
    byte[] whole = Files.readAllBytes(p1);
    Files.write(p1, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path p0 = partial.resolve("fractions/variant=base/part-r0000-p00000.parquet");
    Object inode = Files.readAttributes(p0, "unix:ino").get("ino");
    RunResult r = new LocalRunner().run(List.of(Variant.base(s)), resume);
    assertTrue(r.manifest().notes().contains("resumed: 3 of 5 units were written by an earlier, interrupted run"),
        r.manifest().notes().toString());
    assertEquals(inode, Files.readAttributes(out.resolve("fractions/variant=base/part-r0000-p00000.parquet"), "unix:ino").get("ino"),
        "a complete unit's part is kept, not rewritten");
    for (String table : new String[] {"fractions", "courses", "steps", "clinic_days"}) {
      assertEquals(content(ref, table), content(out, table), table);
    }
    assertEquals(96, r.fractions().size());
    try (Stream<Path> st = Files.list(dir)) {
      assertEquals(List.of(out, ref), st.sorted().toList(), "no partial folder or lock left");
    }
  }
}
