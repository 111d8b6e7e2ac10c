package org.twinsim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.reports.chart.Plot;
import org.twinsim.reports.run.RunFolder;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;

/**
 * The report of fixture runs whose figures are known in advance: headline numbers against DuckDB
 * reading the same Parquet parts, paired test against SciPy, sweep intervals against the Student-t
 * quantile, DVH bands against the analytic percentile curves, and the page and plot files checked as
 * files (self-contained HTML, decodable PNG, well-formed SVG).
 */
class ReportBuilderTest {
  private static final double T_975_2 = 4.302652729749462;   // scipy.stats.t.ppf(0.975, 2)

  /** The sweep fixture's run folder and its report (shared with other test classes). */
  static Path sweep;
  static ReportWriter.Written written;

  @TempDir
  Path tmp;

  @BeforeAll
  static void writeSweepReport() throws Exception {
    written = RunFixtures.sweepReport();
    sweep = written.html().getParent().getParent();
  }

  @Test
  void headlineMatchesDuckDbAndMissingMetricIsNotAvailable() throws Exception {
    Path run = sweep;
    ReportWriter.Written w = written;
    RunReport r = w.report();
    assertEquals(4, r.headline().size(), "2 variants x 2 strategies");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select variant, strategy, count(*), avg(ctv_d98_pct), stddev_samp(ctv_d98_pct), "
             + "avg(time_in_room_s) / 60, count(distinct replication || '/' || patient_id), count(bladder_neck_dmax_pct) "
             + "from read_parquet('" + run + "/fractions/**/*.parquet', hive_partitioning = true) group by 1, 2")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        HeadlineRow h = r.headline().stream()
            .filter(x -> {
              try {
                return x.variant().equals(rs.getString(1)) && x.strategy().equals(rs.getString(2));
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
            }).findFirst().orElseThrow();
        assertEquals(rs.getLong(3), h.fractions());
        assertEquals(rs.getDouble(4), h.metrics().get("ctv_d98_pct").mean(), 1e-9);
        assertEquals(rs.getDouble(5), h.metrics().get("ctv_d98_pct").sd(), 1e-9);
        assertEquals(rs.getDouble(6), h.metrics().get("time_in_room_s").mean(), 1e-9);
        assertEquals(rs.getLong(7), h.patients());
        assertEquals(0, rs.getLong(8));
        assertEquals(0, h.metrics().get("bladder_neck_dmax_pct").n());
      }
      assertEquals(4, rows);
    }
    String html = Files.readString(w.html());
    assertTrue(html.contains("Bladder-neck Dmax (D0.03cc): not available"), "not-available note");
    assertTrue(r.unavailable().stream().anyMatch(u -> u.startsWith("Bladder-neck Dmax (D0.03cc): not available")),
        r.unavailable().toString());
    assertTrue(r.plots().stream().noneMatch(p -> p.id().contains("bladder_neck")), "no empty plot for a null metric");
    assertTrue(r.plots().stream().anyMatch(p -> p.id().equals("dose-ctv_d98_pct-gpu1")));
    // waits per request from the steps table: the twin's GPU waits are a box plot beside the empty slot of
    // the strategy without GPU steps; the therapists' waits (5 s for every request of the other strategy)
    // are a line instead of a flat plot, saying which strategy has no such steps
    assertTrue(r.plots().stream().anyMatch(p -> p.id().equals("wait-gpu-gpu1")));
    assertTrue(r.plots().stream().noneMatch(p -> p.id().startsWith("wait-therapists")));
    assertTrue(html.contains("digital-twin: no therapist steps"), "constant note");
    WaitRow gpu = r.waits().stream().filter(x -> x.variant().equals("gpu2") && x.resource().equals("gpu")).findFirst()
        .orElseThrow();
    assertEquals("digital-twin", gpu.strategy());
    assertEquals(6, gpu.waitMin().n(), "2 GPU steps x 3 replications");
    assertEquals(2.0, gpu.waitMin().mean(), 1e-12, "(2 + 4 + 3 + 5 + 4 + 6) / 6 / 2 servers");
    assertEquals(100.0, gpu.waitingPct(), 1e-12);
  }

  @Test
  void pairedDifferencesAndTheirTest() throws Exception {
    RunReport r = written.report();
    Comparison c = r.comparisons().stream()
        .filter(x -> x.variant().equals("gpu1") && x.metric() == Metric.CTV_D98).findFirst().orElseThrow();
    assertEquals("non-adaptive", c.test().b());
    assertEquals(36, c.test().pairs());
    assertEquals(36, c.test().nonZero());
    assertEquals(1.095, c.test().summary().mean(), 1e-9, "mean of 1 + 0.01 (5 p + f)");
    assertFalse(c.test().exact(), "tied differences: normal approximation");
    // scipy.stats.wilcoxon(d, method='approx', correction=True) of the same 36 differences
    assertEquals(1.7168878991841096e-07, c.test().pValue(), 1e-12);
    assertTrue(r.comparisons().stream().noneMatch(x -> x.metric() == Metric.BLADDER_NECK_DMAX));
    String html = r.html();
    assertTrue(html.contains("zero differences are discarded"), "the page says how zeros are treated");
    assertTrue(html.contains("Wilcoxon signed-rank, normal approx., on 36 non-zero of 36"));
  }

  @Test
  void sweepFiguresWithStudentIntervals() throws Exception {
    RunReport r = written.report();
    SweepSummary s = r.sweep();
    assertNotNull(s);
    assertEquals(SweepSummary.COMPUTED, s.source(), "the fixture has no sweep_summary table");
    assertEquals(List.of("clinic.gpuServers"), s.parameters());
    assertEquals("2", s.value("gpu2", "clinic.gpuServers"));
    double hw = T_975_2 / Math.sqrt(3);
    for (String v : List.of("gpu1", "gpu2")) {
      int vi = v.equals("gpu1") ? 0 : 1;
      var thr = s.point(v, "digital-twin", SweepSummary.Quantity.THROUGHPUT).ci();
      assertEquals(3, thr.n());
      assertEquals(11 + vi, thr.mean(), 1e-12, "patients treated 10 + rep + variant");
      assertEquals(hw, thr.halfWidth(), 1e-9);
      var util = s.point(v, "digital-twin", SweepSummary.Quantity.ROOM_UTILISATION).ci();
      assertEquals(30, util.mean(), 1e-9);
      assertEquals(10 * hw, util.halfWidth(), 1e-9);
      var gpu = s.point(v, "digital-twin", SweepSummary.Quantity.GPU_WAIT).ci();
      assertEquals(4.0 / (vi + 1), gpu.mean(), 1e-12, "daily mean GPU wait (3 + rep) / servers min");
      assertEquals(hw / (vi + 1), gpu.halfWidth(), 1e-9);
      assertNull(s.point(v, "non-adaptive", SweepSummary.Quantity.GPU_WAIT), "no GPU steps, no GPU wait");
      assertTrue(s.notApplicable(v, "non-adaptive", SweepSummary.Quantity.GPU_WAIT));
    }
    for (String q : List.of("throughput", "room_utilisation", "gpu_wait")) {
      assertTrue(r.plots().stream().anyMatch(p -> p.id().equals("sweep-clinic.gpuServers-" + q)), q);
    }

    Path bare = RunFixtures.sweepRun(tmp.resolve("bare"), false);
    SweepSummary b = SweepSummary.of(RunFolder.open(bare));
    assertEquals(List.of("variant"), b.parameters(), "without a variants table the variant is the parameter");
  }

  @Test
  void dvhBandsAreThePercentileCurves() throws Exception {
    Table dvh = RunFixtures.dvh("digital-twin", "CTV", 0);
    dvh.addAll(RunFixtures.dvh("non-adaptive", "CTV", -5));
    Map<String, List<DvhBands.Band>> bands = DvhBands.of(dvh, false);
    assertEquals(List.of("CTV"), List.copyOf(bands.keySet()));
    for (DvhBands.Band b : bands.get("CTV")) {
      double shift = b.strategy().equals("digital-twin") ? 0 : -5;
      assertEquals(21, b.curves());
      for (int i = 0; i < b.dosePct().length; i++) {
        double g = b.dosePct()[i];
        assertEquals(RunFixtures.dvhVolume(90 + shift, g), b.median()[i], 1e-9, "median at " + g);
        assertEquals(RunFixtures.dvhVolume(81 + shift, g), b.lower()[i], 1e-9, "5th percentile at " + g);
        assertEquals(RunFixtures.dvhVolume(99 + shift, g), b.upper()[i], 1e-9, "95th percentile at " + g);
      }
    }
    assertTrue(DvhBands.of(dvh, true).isEmpty(), "no course (fraction 0) curves in the fixture");

    RunReport r = written.report();
    assertTrue(r.plots().stream().anyMatch(p -> p.id().equals("dvh-fraction-CTV-gpu1")));
    assertTrue(r.html().contains("id=\"dvh\""));
    Path small = RunFixtures.smallRun(tmp.resolve("small"));
    RunReport rs = ReportBuilder.build(RunFolder.open(small), "plots", "now");
    assertFalse(rs.html().contains("id=\"dvh\""), "no DVH section without a dvh table");
    assertTrue(rs.html().contains("this run has no <code>dvh</code> table"));
    assertNull(rs.sweep(), "one variant, no variants table: not a sweep");
    assertFalse(rs.html().contains("id=\"sweep\""));
    assertTrue(rs.plots().stream().anyMatch(p -> p.id().equals("dose-bladder_neck_dmax_pct-base")));
  }

  @Test
  void pageIsSelfContainedAndPlotFilesAreValid() throws Exception {
    ReportWriter.Written w = written;
    assertEquals(sweep.resolve("report/index.html"), w.html());
    String html = Files.readString(w.html());
    // nothing from outside the file: no external src/href, stylesheet links, imports or url()
    Matcher ext = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*\"(?!data:image/png;base64,|#|plots/)([^\"]*)\"").matcher(html);
    List<String> external = new ArrayList<>();
    while (ext.find()) {
      external.add(ext.group());
    }
    assertEquals(List.of(), external);
    for (String bad : List.of("<link", "@import", "url(", "http://", "https://", "<iframe", "<object")) {
      assertFalse(html.contains(bad), "page contains " + bad);
    }
    assertTrue(html.contains("Content-Security-Policy"));
    Matcher img = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int images = 0;
    while (img.find()) {
      BufferedImage im = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
      assertNotNull(im, "inline image " + images + " decodes");
      images++;
    }
    List<Plot> plots = w.report().plots();
    assertEquals(plots.size(), images);
    assertTrue(html.contains("data-images-expected=\"" + plots.size() + "\""));
    assertEquals(2 * plots.size(), w.files().size());
    var xml = DocumentBuilderFactory.newInstance();
    // the SVG's DOCTYPE names the W3C DTD: do not fetch it
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    for (Plot p : plots) {
      BufferedImage png = ImageIO.read(w.plotsDir().resolve(p.id() + ".png").toFile());
      assertEquals(2 * p.width(), png.getWidth(), p.id());
      var doc = xml.newDocumentBuilder().parse(w.plotsDir().resolve(p.id() + ".svg").toFile());
      assertEquals("svg", doc.getDocumentElement().getTagName(), p.id());
    }
  }

  @Test
  void rewritingReplacesTheReportAndOutPutsItElsewhere() throws Exception {
    Path run = RunFixtures.smallRun(tmp.resolve("small"));
    ReportWriter.Written first = ReportWriter.write(run, null);
    Files.writeString(first.plotsDir().resolve("stale.png"), "old");
    ReportWriter.Written again = ReportWriter.write(run, null);
    try (var s = Files.list(again.html().getParent())) {
      assertEquals(List.of("index.html", "plots"), s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary files left");
    }
    assertFalse(Files.exists(again.plotsDir().resolve("stale.png")), "plots folder replaced as a whole");
    Path other = tmp.resolve("elsewhere/r.html");
    ReportWriter.Written o = ReportWriter.write(run, other);
    assertEquals(other, o.html());
    assertTrue(Files.isRegularFile(tmp.resolve("elsewhere/plots/dose-ctv_d98_pct-base.svg")));
  }

  @Test
  void flatVariantsTablePartIsReadButOtherFlatPartsNeedOneVariant() throws Exception {
    Path run = sweep;
    RunFolder f = RunFolder.open(run);
    assertEquals(List.of("gpu1", "gpu2"), f.variants(), "the variants table's flat part adds no variant");
    assertEquals(2, f.table("variants").orElseThrow().size());
    Table t = ParquetTables.read(RunFixtures.firstFractionsPart(run));
    assertEquals(3 * 2, t.size());
  }
}
