package org.twinsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.engine.run.LocalRunner;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.table.Column;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/**
 * With no {@code safety:} section a run must write exactly the rows it wrote before the safety
 * layer existed. The digests below were taken from the catalog's geometric scenario on main at
 * b51a8ca (before any safety code), over every non-measured value of every row and column.
 */
class SafetyOffRegressionTest {
  static final String[][] GOLDEN = {
      {"fractions", "9fef7730304dc666b1716fe3aa5e43bedc0fb8ad543e72a099fea5ba664e796f"},
      {"courses", "345676d9dcfe9f3791fd2c1d57aca301285215c2fbf63401ee9f72dc2fe80108"},
      {"steps", "08d3a0673fa181e8e21a72d1b8b879f2410cb09671b0994decabb3b3e8d061fc"},
      {"clinic_days", "9a82578085deb8b57072dfb425472dd6136812a81eef8710cbd0eef13ee6c139"},
  };

  /**
   * Columns added after the golden digests were taken (new optional columns; every column that
   * existed then must keep its values). Their values in a run without safety are checked apart.
   */
  static final java.util.Set<String> ADDED = java.util.Set.of("imaging_protocol", "imaging_dose_mgy", "target_error_mm",
      "mean_target_error_mm", "reference_imaging_dose_mgy", "reference_mean_ctv_d98_pct",
      "reference_mean_bladder_neck_dmax_pct", "reference_mean_target_error_mm", "machine_output_pct", "machine_range_mm",
      "machine_isocentre_mm", "machine_ctv_d98_error_pct", "machine_bladder_neck_dmax_error_pct",
      "couch_score", "position_score");

  static String digest(Path run, String table) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    List<Path> parts;
    try (Stream<Path> s = Files.walk(run.resolve(table))) {
      parts = s.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path p : parts) {
      md.update(run.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
      Table t = ParquetTables.read(p);
      for (Column c : t.schema().columns()) {
        if (!ADDED.contains(c.name())) {
          md.update(('#' + c.name()).getBytes(StandardCharsets.UTF_8));
        }
      }
      for (Row r : t.rows()) {
        StringBuilder b = new StringBuilder();
        for (Column c : t.schema().columns()) {
          if (!c.isMeasured() && !ADDED.contains(c.name())) {
            b.append('|').append(r.get(c.name()));
          }
        }
        md.update(b.append('\n').toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void geometricRunWithoutSafetyIsUnchanged(@TempDir Path dir) throws Exception {
    LoadedScenario ls = new ScenarioLoader().loadCatalog("geometric");
    Scenario s = ls.scenario();
    Path out = dir.resolve("run");
    new LocalRunner().run(s, new RunOptions(out, false, 2, null, ls.source(), ls.text(), "test", "unknown", null));
    for (String[] g : GOLDEN) {
      assertEquals(g[1], digest(out, g[0]), g[0] + " rows changed with no safety section");
    }
    for (String extra : new String[] {"events", "alerts", "safety_summary"}) {
      assertFalse(Files.exists(out.resolve(extra)), extra + " written without a safety section");
    }
    // the added imaging columns say what was always the case: a standard CBCT every fraction
    List<Path> parts;
    try (Stream<Path> st = Files.walk(out.resolve("fractions"))) {
      parts = st.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path p : parts) {
      for (Row r : ParquetTables.read(p).rows()) {
        assertEquals("cbct", r.get("imaging_protocol"));
        assertEquals(35.0, r.getDouble("imaging_dose_mgy"), 0);
        assertNull(r.get("machine_output_pct"));
      }
    }
  }
}
