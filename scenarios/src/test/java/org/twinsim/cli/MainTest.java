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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  record Result(int code, String out, String err) {
  }

  static Result run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
    return new Result(code, o.toString(), e.toString());
  }

  @Test
  void helpAndVersionEverywhere() {
    for (String[] a : new String[][] {{"--help"}, {"--version"}, {"run", "--help"}, {"scenarios", "--help"},
        {"validate", "--help"}, {"run", "--version"}}) {
      Result r = run(a);
      assertEquals(0, r.code(), String.join(" ", a) + ": " + r.err());
      assertFalse(r.out().isBlank(), String.join(" ", a));
    }
    assertTrue(run("--version").out().startsWith("twinsim "));
    assertTrue(run("--help").out().contains("validate"));
  }

  @Test
  void scenariosListsTheCatalogAndValidateChecksIt() {
    Result r = run("scenarios");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("default") && r.out().contains("Seed study"), r.out());
    r = run("validate", "default");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("10 patients x 28 fractions x 4 strategies"), r.out());
    assertEquals(0, run("export-dicom", "--help").code());
    assertEquals(0, run("import-dicom", "--help").code());
  }

  @Test
  void badInputGivesOneLineExitTwoAndNoOutput(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: x\ncohort: {patients: -1}\n");
    Path out = dir.resolve("out");
    for (String[] a : new String[][] {{"run", bad.toString(), "--out", out.toString()}, {"validate", bad.toString()},
        {"run", dir.resolve("missing.yaml").toString(), "--out", out.toString()},
        {"run", "quick", "--patients", "0", "--out", out.toString()}}) {
      Result r = run(a);
      assertEquals(2, r.code(), String.join(" ", a) + " -> " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("twinsim: "), r.err());
      assertFalse(Files.exists(out), "no output folder for " + String.join(" ", a));
    }
    assertTrue(run("run", bad.toString()).err().contains("cohort.patients: expected an integer >= 1, got -1"));
    assertEquals(2, run("run", "--no-such-option").code());
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "nothing but the bad file in " + dir);
    }
  }

  /**
   * The spine's acceptance run: the default cohort (10 x 28 x 4) end to end with the geometric
   * physics (the full physics of the default scenario takes minutes: see the physics tests and the
   * README's timings); DuckDB reads patients x fractions x strategies rows.
   */
  @Test
  void defaultCohortRunsEndToEnd(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("default");
    Result r = run("run", "geometric", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Wrote " + out), r.out());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*) from read_parquet('" + out + "/fractions/**/*.parquet')")) {
      assertTrue(rs.next());
      assertEquals(10 * 28 * 4, rs.getLong(1));
    }
  }
}
