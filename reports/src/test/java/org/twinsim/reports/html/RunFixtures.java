package org.twinsim.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.table.Column;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TableSchema;
import org.twinsim.reports.table.TwinsimTables;

/**
 * Small run folders written the way the runner writes them (Parquet parts under
 * {@code TABLE/variant=NAME/}, a manifest listing every part), with values chosen so that the
 * report's figures are known in advance.
 */
final class RunFixtures {
  static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);

  private final Path dir;
  private final Map<String, List<RunManifest.Part>> parts = new LinkedHashMap<>();
  private final List<String> variants = new ArrayList<>();
  private final List<String> strategies;

  RunFixtures(Path dir, List<String> strategies) {
    this.dir = dir;
    this.strategies = strategies;
  }

  /** A row of {@code t} with every required column at a neutral value, then the given values. */
  static Row row(Table t, Map<String, Object> values) {
    Row r = t.newRow();
    for (Column c : t.schema().columns()) {
      if (!c.nullable()) {
        r.set(c.name(), switch (c.type()) {
          case INT -> 0;
          case LONG -> 0L;
          case DOUBLE -> 0.0;
          case STRING -> "x";
          case BOOLEAN -> false;
          case DATE -> DAY0;
        });
      }
    }
    values.forEach(r::set);
    return r;
  }

  /** Writes a part and lists it in the manifest. */
  RunFixtures part(String table, String variant, String name, Table rows) throws IOException {
    String rel = table + "/variant=" + variant + "/" + name;
    ParquetTables.write(dir.resolve(rel), rows, Map.of());
    parts.computeIfAbsent(table, k -> new ArrayList<>()).add(new RunManifest.Part(rel, rows.size()));
    if (!variants.contains(variant)) {
      variants.add(variant);
    }
    return this;
  }

  /** Writes manifest.json. */
  Path manifest(String name, int replications, int patients, List<String> notes) throws IOException {
    RunManifest m = new RunManifest("twinsim", "0.1.0-test", "abc123", name, "catalog:" + name,
        "0".repeat(64), 42, replications, patients, strategies, variants, "local", Map.of("dose", "cpu"), "sampled",
        "17", "Linux amd64", 2, "2026-11-26T00:00:00Z", 1.5, parts, notes);
    ManifestJson.write(dir.resolve("manifest.json"), m);
    return dir;
  }

  /**
   * CTV D98 of a fraction: a fixed, tie-free pattern. Strategy "digital-twin" is 1.0 higher than
   * "non-adaptive" on every fraction plus a per-fraction offset, so paired differences are known.
   */
  static double d98(String strategy, int rep, int patient, int fraction) {
    double base = 95 + ((patient * 7 + fraction * 3 + rep * 5) % 11) * 0.3;
    return strategy.equals("digital-twin") ? base + 1.0 + 0.01 * (patient * 5 + fraction) : base;
  }

  /** Time in room of a fraction, s. */
  static double room(String strategy, int patient, int fraction) {
    return strategy.equals("digital-twin") ? 1200 + 30 * patient + fraction : 900 + 20 * fraction;
  }

  static Table fractions(String variant, int rep, int patients, int fractions, List<String> strategies,
                         boolean withBladderNeck) {
    Table t = new Table(TwinsimTables.FRACTIONS);
    for (int p = 0; p < patients; p++) {
      for (String s : strategies) {
        for (int f = 1; f <= fractions; f++) {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("replication", rep);
          v.put("patient_id", "P" + p);
          v.put("fraction", f);
          v.put("strategy", s);
          v.put("day", DAY0.plusDays(f - 1));
          v.put("time_in_room_s", room(s, p, f));
          v.put("wait_room_s", 60.0 * ((p + f) % 3));
          v.put("wait_gpu_s", s.equals("digital-twin") ? 30.0 : 0.0);
          v.put("dose_model", "fixture-dose");
          v.put("ctv_d98_pct", d98(s, rep, p, f));
          if (withBladderNeck) {
            v.put("bladder_neck_dmax_pct", 90.0 + p + 0.1 * f);
          }
          t.add(row(t, v));
        }
      }
    }
    return t;
  }

  /**
   * Clinic days of one replication: {@code days} days per strategy with patients_treated = 10 + rep
   * + variantIndex, room busy = (20 + 10 rep) % of 36000 s open, and for the digital twin a daily mean
   * GPU wait of (3 + rep) / (variantIndex + 1) min.
   */
  static Table clinicDays(int rep, int variantIndex, int days, List<String> strategies) {
    Table t = new Table(TwinsimTables.CLINIC_DAYS);
    for (String s : strategies) {
      for (int d = 0; d < days; d++) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("replication", rep);
        v.put("strategy", s);
        v.put("day", DAY0.plusDays(d));
        v.put("patients_treated", 10 + rep + variantIndex);
        v.put("rooms", 1);
        v.put("room_open_s", 36000.0);
        v.put("room_busy_s", 36000.0 * (0.20 + 0.10 * rep));
        v.put("room_utilisation", 0.20 + 0.10 * rep);
        v.put("overtime_s", 60.0 * d);
        v.put("mean_wait_gpu_s", s.equals("digital-twin") ? 60.0 * (3 + rep) / (variantIndex + 1) : 0.0);
        t.add(row(t, v));
      }
    }
    return t;
  }

  /**
   * GPU steps of one replication for the digital twin: waits of (2 + rep) / (variantIndex + 1) min
   * and (4 + rep) / (variantIndex + 1) min, so the mean per request is (3 + rep) / (variantIndex + 1) min.
   */
  static Table gpuSteps(int rep, int variantIndex) {
    Table t = new Table(TwinsimTables.STEPS);
    double[] waitsMin = {(2.0 + rep) / (variantIndex + 1), (4.0 + rep) / (variantIndex + 1)};
    for (int i = 0; i < waitsMin.length; i++) {
      t.add(row(t, Map.of("replication", rep, "strategy", "digital-twin", "step", "plan-selection",
          "resource", "gpu", "wait_s", 60 * waitsMin[i], "step_index", i)));
    }
    t.add(row(t, Map.of("replication", rep, "strategy", "non-adaptive", "step", "setup", "resource", "therapists",
        "wait_s", 5.0)));
    return t;
  }

  /** The proposed sweep table: one row per variant and parameter. */
  static Table variantsTable(Map<String, String> gpuServersByVariant) {
    TableSchema s = TableSchema.builder("variants")
        .req("variant", org.twinsim.reports.table.ColumnType.STRING, "variant")
        .req("parameter", org.twinsim.reports.table.ColumnType.STRING, "parameter")
        .req("value", org.twinsim.reports.table.ColumnType.STRING, "value").build();
    Table t = new Table(s);
    gpuServersByVariant.forEach((v, n) -> t.add(t.newRow().set("variant", v).set("parameter", "clinic.gpuServers")
        .set("value", n)));
    return t;
  }

  /**
   * DVH curves of one structure: curve k (k = 0..20) is 100 % up to dose a = 80 + k %, falling
   * linearly to 0 at a + 10 %. At every dose, the median volume over the 21 curves is curve a = 90,
   * the 5th percentile (definition 7: order statistic 2) a = 81 and the 95th (order statistic 20) a = 99.
   */
  static Table dvh(String strategy, String structure, double shift) {
    Table t = new Table(TwinsimTables.DVH);
    for (int k = 0; k <= 20; k++) {
      double a = 80 + k + shift;
      int patient = k / 3;
      int fraction = k % 3 + 1;
      double[][] pts = {{0, 100}, {a, 100}, {a + 10, 0}, {130, 0}};
      for (double[] p : pts) {
        t.add(t.newRow().set("replication", 0).set("patient_id", "P" + patient).set("fraction", fraction)
            .set("strategy", strategy).set("structure", structure).set("dose_pct", p[0]).set("volume_pct", p[1]));
      }
    }
    return t;
  }

  /** Volume of the fixture curve with onset {@code a} at {@code dose}. */
  static double dvhVolume(double a, double dose) {
    if (dose <= a) {
      return 100;
    }
    return dose >= a + 10 ? 0 : 100 * (a + 10 - dose) / 10;
  }

  /**
   * A sweep run: variants gpu1 and gpu2 (clinic.gpuServers = 1, 2), 3 replications, 4 patients x 3
   * fractions x {non-adaptive, digital-twin}; bladder-neck Dmax left null (a dose model without it);
   * clinic days, GPU steps, the variants table and a DVH table.
   */
  static Path sweepRun(Path dir) throws IOException {
    return sweepRun(dir, true);
  }

  static Path sweepRun(Path dir, boolean withVariantsTable) throws IOException {
    List<String> strategies = List.of("non-adaptive", "digital-twin");
    RunFixtures f = new RunFixtures(dir, strategies);
    String[] vs = {"gpu1", "gpu2"};
    for (int vi = 0; vi < vs.length; vi++) {
      for (int rep = 0; rep < 3; rep++) {
        for (int p = 0; p < 4; p++) {
          Table one = fractions(vs[vi], rep, 4, 3, strategies, false);
          Table mine = new Table(TwinsimTables.FRACTIONS);
          for (Row r : one.rows()) {
            if (r.getString("patient_id").equals("P" + p)) {
              mine.add(r);
            }
          }
          f.part("fractions", vs[vi], String.format("part-r%04d-p%05d.parquet", rep, p), mine);
        }
        f.part("clinic_days", vs[vi], String.format("part-r%04d.parquet", rep), clinicDays(rep, vi, 5, strategies));
        f.part("steps", vs[vi], String.format("part-r%04d.parquet", rep), gpuSteps(rep, vi));
      }
      Table d = dvh("digital-twin", "CTV", 0);
      d.addAll(dvh("non-adaptive", "CTV", -5));
      f.part("dvh", vs[vi], "part-r0000.parquet", d);
    }
    if (withVariantsTable) {
      Map<String, String> servers = new LinkedHashMap<>();
      servers.put("gpu1", "1");
      servers.put("gpu2", "2");
      Table vt = variantsTable(servers);
      ParquetTables.write(dir.resolve("variants/part-0.parquet"), vt, Map.of());
      f.parts.computeIfAbsent("variants", k -> new ArrayList<>())
          .add(new RunManifest.Part("variants/part-0.parquet", vt.size()));
    }
    return f.manifest("sweep-fixture", 3, 4, List.of("dose metrics from fixture-dose: a test fixture"));
  }

  /** A single-variant run of 2 patients x 2 fractions x 2 strategies, every dose metric present. */
  static Path smallRun(Path dir) throws IOException {
    List<String> strategies = List.of("non-adaptive", "digital-twin");
    RunFixtures f = new RunFixtures(dir, strategies);
    for (int p = 0; p < 2; p++) {
      Table one = fractions("base", 0, 2, 2, strategies, true);
      Table mine = new Table(TwinsimTables.FRACTIONS);
      for (Row r : one.rows()) {
        if (r.getString("patient_id").equals("P" + p)) {
          mine.add(r);
        }
      }
      f.part("fractions", "base", String.format("part-r0000-p%05d.parquet", p), mine);
    }
    f.part("clinic_days", "base", "part-r0000.parquet", clinicDays(0, 0, 2, strategies));
    return f.manifest("small-fixture", 1, 2, List.of());
  }

  private static ReportWriter.Written sweepReport;

  /**
   * The report of {@link #sweepRun} in a temporary folder, written once per test JVM and shared by
   * the test classes that only read it (building it is the slow part of these tests).
   */
  static synchronized ReportWriter.Written sweepReport() throws Exception {
    if (sweepReport == null) {
      Path dir = Files.createTempDirectory("twinsim-report-fixture-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          ReportWriter.deleteTree(dir);
        } catch (IOException e) {
          // best effort: a temporary folder
        }
      }));
      sweepReport = ReportWriter.write(sweepRun(dir.resolve("sweep")), null);
    }
    return sweepReport;
  }

  /** The first fractions part of a run (to corrupt in tests). */
  static Path firstFractionsPart(Path run) throws IOException {
    try (var s = Files.walk(run.resolve("fractions"))) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
  }
}
