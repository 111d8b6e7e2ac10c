package org.twinsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.reports.html.BrowserCheck;
import org.twinsim.reports.html.ClinicRow;
import org.twinsim.reports.html.ReportWriter;
import org.twinsim.reports.html.RunReport;
import org.twinsim.reports.html.ScenarioFacts;
import org.twinsim.reports.html.StartWaitRow;
import org.twinsim.reports.html.SweepSummary;
import org.twinsim.reports.html.WaitRow;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.run.RunFolder;
import org.twinsim.scenarios.RunScenario;
import org.twinsim.scenarios.ScenarioLoader;

/**
 * {@code twinsim report} on the runs the engine writes without a fractions table: a capacity run
 * (the catalog's capacity-4rooms over 30 days), a queue run (mmc-validation over 20 days) and a
 * capacity sweep of the GPU servers. Every figure of the report is checked against DuckDB reading
 * the same Parquet parts (an independent reader and an independent implementation of each
 * aggregate), the sweep's intervals against the engine's sweep_summary table, and the pages in
 * headless Chromium where it is installed.
 */
class ReportClinicRunsTest {
  private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  static Path shared;
  static Path capacity;
  static Path queue;
  static Path sweep;
  static Path sweepScenario;

  @TempDir
  Path tmp;

  record Result(int code, String out, String err) {
  }

  static Result twinsim(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
    return new Result(code, o.toString(), e.toString());
  }

  /** A catalog scenario's text with some lines replaced, written as a file (the run's manifest names it). */
  static Path scenarioFile(String name, String file, Map<String, String> replace) throws Exception {
    String text = new ScenarioLoader().loadCatalog(name).text();
    for (Map.Entry<String, String> e : replace.entrySet()) {
      assertTrue(text.contains(e.getKey()), name + " has " + e.getKey());
      text = text.replace(e.getKey(), e.getValue());
    }
    return Files.writeString(shared.resolve(file), text);
  }

  @BeforeAll
  static void runs() throws Exception {
    capacity = shared.resolve("capacity");
    Path cap = scenarioFile("capacity-4rooms", "capacity-30d.yaml", Map.of("horizonDays: 365", "horizonDays: 30",
        "replications: 3", "replications: 2"));
    Result r = twinsim("run", cap.toString(), "--out", capacity.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    queue = shared.resolve("queue");
    Path q = scenarioFile("mmc-validation", "mmc-20d.yaml", Map.of("horizonDays: 120", "horizonDays: 20",
        "replications: 10", "replications: 3"));
    r = twinsim("run", q.toString(), "--out", queue.toString(), "-q");
    assertEquals(0, r.code(), r.err());
    sweep = shared.resolve("sweep");
    // two strategies (one without GPU steps) keep the report short
    sweepScenario = scenarioFile("capacity-4rooms", "capacity-2strategies.yaml",
        Map.of("  - {name: online-replan, slotMinutes: 60}\n", ""));
    r = twinsim("sweep", sweepScenario.toString(), "--vary", "clinic.gpuServers=1,2", "--vary", "arrivals.horizonDays=20",
        "--replications", "2", "--out", sweep.toString(), "-q");
    assertEquals(0, r.code(), r.err());
  }

  interface RowCheck {
    void check(ResultSet rs) throws SQLException;
  }

  /** Runs a DuckDB query and checks every row it returns; returns the number of rows. */
  static int duck(String sql, RowCheck check) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        check.check(rs);
        n++;
      }
      return n;
    }
  }

  static void browserCheck(ReportWriter.Written w) throws Exception {
    Optional<Path> chromium = BrowserCheck.findChromium();
    if (chromium.isEmpty()) {
      return;   // skipped where Chromium is not installed (Debian: apt-get install chromium)
    }
    BrowserCheck.Result b = BrowserCheck.check(chromium.get(), w.html(), w.report().plots().size(),
        w.html().resolveSibling("screenshot.png"), BROWSER_TIMEOUT);
    assertTrue(b.passed(), b.summary());
  }

  @Test
  void capacityReportMatchesDuckDb() throws Exception {
    ScenarioFacts facts = RunScenario.facts(new ScenarioLoader(), ManifestJson.read(capacity.resolve("manifest.json")));
    assertEquals(14, facts.targetStartDays(), facts.source());
    ReportWriter.Written w = ReportWriter.write(capacity, null, facts);
    RunReport r = w.report();
    String html = Files.readString(w.html());
    String days = "read_parquet('" + capacity + "/clinic_days/**/*.parquet')";
    int n = duck("select strategy, count(*), sum(patients_treated), avg(patients_treated), stddev_samp(patients_treated), "
        + "avg(room_utilisation) * 100, stddev_samp(room_utilisation) * 100, avg(overtime_s) / 60, "
        + "sum(mean_wait_room_s * patients_treated) / sum(patients_treated) / 60, count(distinct replication), "
        + "avg(gpu_utilisation) * 100 from " + days + " group by 1", rs -> {
          String strategy = rs.getString(1);
          ClinicRow c = r.clinic().stream().filter(x -> x.strategy().equals(strategy)).findFirst().orElseThrow();
          assertEquals(rs.getLong(2), c.days());
          assertEquals(rs.getLong(3), c.sessions());
          assertEquals(rs.getDouble(4), c.metrics().get("patients_treated").mean(), 1e-9);
          assertEquals(rs.getDouble(5), c.metrics().get("patients_treated").sd(), 1e-9);
          assertEquals(rs.getDouble(6), c.metrics().get("room_utilisation").mean(), 1e-9);
          assertEquals(rs.getDouble(7), c.metrics().get("room_utilisation").sd(), 1e-9);
          assertEquals(rs.getDouble(8), c.metrics().get("overtime_s").mean(), 1e-9);
          assertEquals(rs.getDouble(9), c.roomWaitPerSessionMin(), 1e-9);
          assertEquals(2, rs.getLong(10));
          assertEquals(2, c.replications());
          if (c.strategy().equals("non-adaptive")) {
            assertEquals(0, c.metrics().get("gpu_utilisation").n(), "no GPU steps: no GPU utilisation");
          } else {
            assertEquals(rs.getDouble(11), c.metrics().get("gpu_utilisation").mean(), 1e-9);
          }
          assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.1f \u00b1 %.1f</td>", rs.getDouble(4),
              rs.getDouble(5))), "sessions per day of " + c.strategy() + " on the page");
        });
    assertEquals(3, n);
    assertEquals(3, r.clinic().size());

    // waits per request, per resource, from the steps table (quantiles: DuckDB's quantile_cont is definition 7)
    n = duck("select strategy, resource, count(*), avg(wait_s) / 60, quantile_cont(wait_s, 0.5) / 60, "
        + "quantile_cont(wait_s, 0.95) / 60, max(wait_s) / 60, 100 * avg(case when wait_s > 0 then 1 else 0 end) "
        + "from read_parquet('" + capacity + "/steps/**/*.parquet') where resource is not null group by 1, 2", rs -> {
          String strategy = rs.getString(1);
          String resource = rs.getString(2);
          WaitRow x = r.waits().stream().filter(y -> y.strategy().equals(strategy) && y.resource().equals(resource))
              .findFirst().orElseThrow();
          assertEquals(rs.getLong(3), x.waitMin().n());
          assertEquals(rs.getDouble(4), x.waitMin().mean(), 1e-9);
          assertEquals(rs.getDouble(5), x.waitMin().median(), 1e-9);
          assertEquals(rs.getDouble(6), x.waitMin().q95(), 1e-9);
          assertEquals(rs.getDouble(7), x.waitMin().max(), 1e-9);
          assertEquals(rs.getDouble(8), x.waitingPct(), 1e-9);
        });
    assertEquals(r.waits().size(), n);
    assertTrue(r.waits().stream().anyMatch(x -> x.resource().equals("gpu") && x.waitMin().max() > 0), "GPU queues form");
    assertTrue(r.waits().stream().noneMatch(x -> x.strategy().equals("non-adaptive") && x.resource().equals("gpu")));

    // waiting time to start treatment and the share beyond the scenario's 14-day target
    n = duck("select strategy, count(*), avg(start_wait_days), stddev_samp(start_wait_days), "
        + "quantile_cont(start_wait_days, 0.5), 100 * avg(case when start_wait_days > 14 then 1 else 0 end) "
        + "from read_parquet('" + capacity + "/courses/**/*.parquet') group by 1", rs -> {
          String strategy = rs.getString(1);
          StartWaitRow x = r.startWaits().stream().filter(y -> y.strategy().equals(strategy)).findFirst().orElseThrow();
          assertEquals(rs.getLong(2), x.days().n());
          assertEquals(rs.getDouble(3), x.days().mean(), 1e-9);
          assertEquals(rs.getDouble(4), x.days().sd(), 1e-9);
          assertEquals(rs.getDouble(5), x.days().median(), 1e-9);
          assertEquals(14, x.targetDays());
          assertEquals(rs.getDouble(6), x.beyondTargetPct(), 1e-9);
        });
    assertEquals(3, n);

    // what the page holds: clinic sections, no course-replay sections, no sweep
    for (String id : List.of("clinic-figures", "clinic", "waits", "start-wait", "manifest")) {
      assertTrue(html.contains("<section id=\"" + id + "\">"), id);
    }
    for (String id : List.of("headline", "dose", "paired", "time", "sweep", "dvh")) {
      assertFalse(html.contains("<section id=\"" + id + "\">"), id);
    }
    assertTrue(html.contains("mode capacity"));
    assertTrue(html.contains("Target: a course starting more than <b>14 days</b>"));
    for (String id : List.of("clinic-throughput-base", "clinic-room_utilisation-base", "clinic-overtime_s-base",
        "wait-gpu-base", "start-wait-base")) {
      assertTrue(r.plots().stream().anyMatch(p -> p.id().equals(id)), id + " in " + r.plots().stream().map(p -> p.id())
          .toList());
    }
    assertTrue(r.plots().stream().noneMatch(p -> p.id().startsWith("dose-")));
    assertNull(r.sweep());
    browserCheck(w);
  }

  @Test
  void queueReportThroughTheCommandLine() throws Exception {
    Result res = twinsim("report", queue.toString(), "--check-browser");
    assertEquals(0, res.code(), res.out() + res.err());
    Path index = queue.resolve("report/index.html");
    String html = Files.readString(index);
    long pngs;
    try (Stream<Path> s = Files.list(queue.resolve("report/plots"))) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).count();
    }
    assertTrue(pngs >= 4, pngs + " plots");
    if (BrowserCheck.findChromium().isPresent()) {
      assertTrue(res.out().contains("browser check passed: " + pngs + "/" + pngs + " plots rendered"), res.out());
    } else {
      assertTrue(res.out().contains("browser check skipped"), res.out());
    }
    // the walk-in clinic's mean wait for a room, per session, and its interval over the 3 replications
    int n = duck("select strategy, sum(mean_wait_room_s * patients_treated) / sum(patients_treated) / 60, "
        + "avg(patients_treated), stddev_samp(patients_treated) from read_parquet('" + queue
        + "/clinic_days/**/*.parquet') group by 1", rs -> {
          assertEquals("non-adaptive", rs.getString(1));
          assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.2f <span class=\"unit\">[", rs.getDouble(2))),
              "room wait per session " + rs.getDouble(2));
          assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.1f \u00b1 %.1f</td>", rs.getDouble(3),
              rs.getDouble(4))), "sessions per day");
        });
    assertEquals(1, n);
    assertTrue(html.contains("mode queue"));
    assertFalse(html.contains("<section id=\"start-wait\">"), "no courses in a queue run");
    assertFalse(html.contains("<section id=\"dose\">"));
    // its scenario (a file with the text the manifest hashes) was found: the page names it
    assertTrue(html.contains("Headline figures: the clinic"));
  }

  @Test
  void sweepPlotsFiguresVsTheVariedParameterFromSweepSummary() throws Exception {
    ReportWriter.Written w = ReportWriter.write(sweep, null);
    RunReport r = w.report();
    SweepSummary s = r.sweep();
    assertNotNull(s);
    assertEquals(SweepSummary.FROM_TABLE, s.source());
    assertEquals(List.of("clinic.gpuServers"), s.varied(), "horizonDays has one value: not plotted");
    assertTrue(s.parameters().contains("arrivals.horizonDays"));
    Map<String, SweepSummary.Quantity> byMetric = new HashMap<>();
    for (SweepSummary.Quantity q : SweepSummary.Quantity.values()) {
      byMetric.put(q.metric(), q);
    }
    int[] checked = {0};
    duck("select variant, strategy, metric, replications, mean, ci95_low, ci95_high from read_parquet('" + sweep
        + "/sweep_summary/*.parquet')", rs -> {
          SweepSummary.Quantity q = byMetric.get(rs.getString(3));
          if (q == null) {
            return;   // a figure the report does not plot (e.g. max_gpu_wait_min)
          }
          SweepSummary.Point p = s.point(rs.getString(1), rs.getString(2), q);
          if (q.resource() != null && rs.getString(2).equals("non-adaptive")) {
            assertNull(p, "non-adaptive has no " + q.resource() + " steps: no line");
            assertTrue(s.notApplicable(rs.getString(1), rs.getString(2), q));
            return;
          }
          double scale = q == SweepSummary.Quantity.ROOM_UTILISATION ? 100 : 1;
          assertEquals(rs.getInt(4), p.ci().n());
          assertEquals(rs.getDouble(5) * scale, p.ci().mean(), 1e-12);
          assertEquals((rs.getDouble(7) - rs.getDouble(6)) / 2 * scale, p.ci().halfWidth(), 1e-12);
          checked[0]++;
        });
    assertTrue(checked[0] >= 2 * 2 * 4, "points checked: " + checked[0]);
    // the report's own computation from clinic_days and courses agrees with the engine's table
    SweepSummary mine = SweepSummary.computed(RunFolder.open(sweep));
    for (SweepSummary.Point p : s.points()) {
      SweepSummary.Point q = mine.point(p.variant(), p.strategy(), p.quantity());
      assertNotNull(q, p.toString());
      assertEquals(p.ci().mean(), q.ci().mean(), 1e-9 * Math.max(1, Math.abs(p.ci().mean())), p.toString());
      assertEquals(p.ci().halfWidth(), q.ci().halfWidth(), 1e-9 * Math.max(1, Math.abs(p.ci().halfWidth())),
          p.toString());
    }
    for (String q : List.of("throughput", "room_utilisation", "gpu_wait", "physicist_wait", "start_wait")) {
      assertTrue(r.plots().stream().anyMatch(p -> p.id().equals("sweep-clinic.gpuServers-" + q)), q);
    }
    assertTrue(r.plots().stream().noneMatch(p -> p.id().startsWith("sweep-arrivals.horizonDays")));
    String html = r.html();
    assertTrue(html.contains("read from the run's <code>sweep_summary</code> table"));
    assertTrue(html.contains("The same in every variant: <code>arrivals.horizonDays = 20</code>"));
    assertTrue(html.contains("twinsim sweep " + sweepScenario + " --vary clinic.gpuServers=1,2 --vary "
        + "arrivals.horizonDays=20 --replications 2"), "reproduce line");
    assertEquals(2 * 2, r.clinic().size(), "2 variants x 2 strategies in the clinic table");
  }

  @Test
  void clinicRunWithoutClinicDaysIsRefused() throws Exception {
    Path copy = tmp.resolve("no-days");
    try (Stream<Path> s = Files.walk(queue)) {
      for (Path p : s.toList()) {
        Path rel = queue.relativize(p);
        if (rel.startsWith("report") || rel.startsWith("clinic_days")) {
          continue;
        }
        Path q = copy.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode m = (ObjectNode) json.readTree(copy.resolve("manifest.json").toFile());
    ((ObjectNode) m.get("tables")).remove("clinic_days");
    json.writeValue(copy.resolve("manifest.json").toFile(), m);
    Result res = twinsim("report", copy.toString());
    assertEquals(2, res.code(), res.out() + res.err());
    assertEquals(1, res.err().strip().lines().count(), res.err());
    assertTrue(res.err().startsWith("twinsim: " + copy + ": no fractions and no clinic_days table"), res.err());
    assertFalse(Files.exists(copy.resolve("report")));
    Result neg = twinsim("report", queue.toString(), "--target-start-days", "-1");
    assertEquals(2, neg.code());
    assertTrue(neg.err().contains("--target-start-days: expected an integer >= 0"), neg.err());
  }
}
