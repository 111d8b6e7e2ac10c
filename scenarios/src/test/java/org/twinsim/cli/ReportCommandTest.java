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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.reports.html.BrowserCheck;

/**
 * {@code twinsim report} on a real run (the catalog's geometric scenario, 3 patients), with the headless-browser
 * check, and on folders that are not runs (exit 2, one line, no report written).
 */
class ReportCommandTest {
  @TempDir
  static Path shared;
  static Path run;

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

  @BeforeAll
  static void quickRun() {
    run = shared.resolve("quick");
    Result r = twinsim("run", "geometric", "--patients", "3", "--out", run.toString(), "-q");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void reportOfAQuickRunWithBrowserCheck() throws Exception {
    Result r = twinsim("report", run.toString(), "--check-browser");
    assertEquals(0, r.code(), r.out() + r.err());
    Path html = run.resolve("report/index.html");
    assertTrue(r.out().startsWith("Wrote " + html), r.out());
    String page = Files.readString(html);
    // headline means against DuckDB reading the run's Parquet parts
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select strategy, count(*), avg(ctv_d98_pct), stddev_samp(ctv_d98_pct), "
             + "avg(time_in_room_s) / 60 from read_parquet('" + run + "/fractions/**/*.parquet') group by 1")) {
      int n = 0;
      while (rs.next()) {
        n++;
        String cell = String.format(Locale.ROOT, "%.2f \u00b1 %.2f", rs.getDouble(3), rs.getDouble(4));
        assertTrue(page.contains(cell), rs.getString(1) + ": CTV D98 " + cell + " in the headline table");
        assertEquals(3 * 28, rs.getLong(2), "3 patients x 28 fractions");
        assertTrue(page.contains(String.format(Locale.ROOT, "%.2f \u00b1", rs.getDouble(5))), "time in room");
      }
      assertEquals(4, n);
    }
    List<Path> pngs;
    try (Stream<Path> s = Files.list(run.resolve("report/plots"))) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertTrue(pngs.size() >= 8, "plots: " + pngs);
    for (Path p : pngs) {
      assertTrue(ImageIO.read(p.toFile()).getWidth() > 1000, p.toString());
      assertTrue(Files.size(Path.of(p.toString().replace(".png", ".svg"))) > 1000, p + " has its SVG");
    }
    if (BrowserCheck.findChromium().isPresent()) {
      assertTrue(r.out().contains("browser check passed: " + pngs.size() + "/" + pngs.size() + " plots rendered"), r.out());
      assertTrue(Files.isRegularFile(run.resolve("report/screenshot.png")));
    } else {
      assertTrue(r.out().contains("browser check skipped: chromium not found"), r.out());
    }
  }

  @Test
  void browserCheckSaysSkippedWithoutChromium() {
    System.setProperty("twinsim.chromium", tmp.resolve("no-such-chromium").toString());
    try {
      Path out = tmp.resolve("r/page.html");
      Result r = twinsim("report", run.toString(), "--out", out.toString(), "--check-browser");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("browser check skipped: chromium not found"), r.out());
      assertTrue(Files.isRegularFile(out));
      assertTrue(Files.isDirectory(tmp.resolve("r/plots")));
      assertFalse(Files.exists(tmp.resolve("r/screenshot.png")));
    } finally {
      System.clearProperty("twinsim.chromium");
    }
  }

  @Test
  void invalidRunFoldersGiveOneLineExitTwoAndNoReport() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path badManifest = copyRun(tmp.resolve("bad-manifest"));
    Files.writeString(badManifest.resolve("manifest.json"), "not json");
    Path truncated = copyRun(tmp.resolve("truncated"));
    Path part;
    try (Stream<Path> s = Files.walk(truncated.resolve("fractions"))) {
      part = s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(b, b.length / 3));
    String[][] cases = {
        {tmp.resolve("missing").toString(), tmp.resolve("missing") + ": no such folder"},
        {empty.toString(), empty + ": not a twinsim run (no manifest.json)"},
        {badManifest.toString(), badManifest.resolve("manifest.json") + ": unreadable manifest"},
        {truncated.toString(), part + ": corrupt or truncated Parquet part"}};
    for (String[] c : cases) {
      Result r = twinsim("report", c[0]);
      assertEquals(2, r.code(), c[0] + " -> " + r.out() + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("twinsim: " + c[1]), r.err());
      assertFalse(Files.exists(Path.of(c[0]).resolve("report")), "no report for " + c[0]);
    }
    Result dirOut = twinsim("report", run.toString(), "--out", tmp.toString());
    assertEquals(2, dirOut.code());
    assertTrue(dirOut.err().contains("is a folder"), dirOut.err());
    assertEquals(0, twinsim("report", "--help").code());
  }

  private static Path copyRun(Path to) throws Exception {
    try (Stream<Path> s = Files.walk(run)) {
      for (Path p : s.filter(p -> !run.relativize(p).startsWith("report")).toList()) {
        Path q = to.resolve(run.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    return to;
  }
}
