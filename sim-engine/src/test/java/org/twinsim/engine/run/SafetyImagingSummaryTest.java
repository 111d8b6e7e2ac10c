package org.twinsim.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.engine.safety.SafetySpec;
import org.twinsim.model.qa.ImagingPolicy;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/** The twin-guided imaging figures: the paired test and a whole run's columns. */
class SafetyImagingSummaryTest {
  static Row figure(Table t, String figure, String strategy) {
    for (Row r : t.rows()) {
      if (r.getString("figure").equals(figure) && java.util.Objects.equals(strategy, r.get("strategy"))) {
        return r;
      }
    }
    throw new AssertionError("no figure " + figure + " " + strategy);
  }

  /**
   * Ten courses whose policy target error exceeds the reference's by ten distinct positive amounts:
   * the exact two-sided Wilcoxon signed-rank p-value is 2 / 2^10 = 0.001953 (Wilcoxon 1945: the
   * largest rank sum has probability 1/2^n under H0); identical CTV D98 gives p = 1 and change 0.
   */
  @Test
  void pairedFiguresMatchTheExactSignedRankTest() {
    var s = SafetyRunTest.scenario(new SafetySpec(List.of(), null, null, null,
        new ImagingPolicy("twin-guided", null, null, null)));
    Table courses = new Table(TwinsimTables.COURSES);
    Table fractions = new Table(TwinsimTables.FRACTIONS);
    for (int k = 0; k < 10; k++) {
      courses.add(courses.newRow().set("replication", 0).set("strategy", "non-adaptive").set("patient_id", "P" + k)
          .set("first_day", java.time.LocalDate.of(2026, 1, 5)).set("last_day", java.time.LocalDate.of(2026, 2, 5))
          .set("fractions", 8).set("elapsed_days", 32).set("mean_time_in_room_s", 900.0).set("total_wait_s", 0.0)
          .set("imaging_dose_mgy", 140.0 + k).set("reference_imaging_dose_mgy", 280.0)
          .set("mean_target_error_mm", 2.0 + 0.1 * (k + 1)).set("reference_mean_target_error_mm", 2.0)
          .set("mean_ctv_d98_pct", 97.0).set("reference_mean_ctv_d98_pct", 97.0)
          .set("mean_bladder_neck_dmax_pct", 90.0).set("reference_mean_bladder_neck_dmax_pct", 90.0));
    }
    Table out = new Table(TwinsimTables.SAFETY_SUMMARY);
    SafetySummary.imaging(out, "base", s, fractions, courses);
    assertEquals(2.0 / 1024, figure(out, "target_error_change_mm_wilcoxon_p", null).getDouble("value"), 1e-12);
    assertEquals(0.55, figure(out, "target_error_change_mm", null).getDouble("value"), 1e-12);
    assertEquals(100 * (140 + 4.5) / 280, figure(out, "imaging_dose_relative_pct", null).getDouble("value"), 1e-9);
    assertEquals(1.0, figure(out, "ctv_d98_change_pct_wilcoxon_p", "non-adaptive").getDouble("value"), 0);
    assertEquals(0.0, figure(out, "ctv_d98_change_pct", "non-adaptive").getDouble("value"), 0);
  }

  /** The terminal table stays aligned with long variant names and figure labels (sweeps, per-strategy figures). */
  @Test
  void textColumnsStayAligned() {
    Table out = new Table(TwinsimTables.SAFETY_SUMMARY);
    out.add(out.newRow().set("variant", "base").set("anomaly_kind", "none").set("figure", "false_holds_per_100")
        .set("n", 10).set("value", 1.0).set("replications", 1));
    out.add(out.newRow().set("variant", "seed-2202_outputStepPct-3_outputStepDay-12").set("anomaly_kind", "imaging")
        .set("figure", "bladder_neck_dmax_change_pct_wilcoxon_p").set("strategy", "digital-twin").set("n", 100)
        .set("value", 0.012).set("replications", 5));
    String[] lines = SafetySummary.text(out).split("\n");
    int header = lines[1].indexOf(" n ");
    assertTrue(header > 0, lines[1]);
    assertEquals(header + 1, lines[2].indexOf("     10") + 6, lines[2]);
    assertEquals(header + 1, lines[3].indexOf("    100") + 6, lines[3]);
  }

  /** A whole run: per-fraction protocols and doses add up to the course's, the reference is daily CBCT. */
  @Test
  void runWritesImagingColumnsAndPairedReference(@TempDir Path dir) throws Exception {
    var s = SafetyRunTest.scenario(new SafetySpec(List.of(), null, null, null,
        new ImagingPolicy("twin-guided", 50.0, 3.0, 2)));
    RunResult r = LocalRunnerTest.run(s, dir.resolve("run"));
    Map<String, Double> dose = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    int low = 0;
    for (Row f : r.fractions().rows()) {
      String key = f.get("patient_id") + "/" + f.get("strategy");
      dose.merge(key, f.getDouble("imaging_dose_mgy"), Double::sum);
      count.merge(key, 1, Integer::sum);
      low += "low-dose-cbct".equals(f.get("imaging_protocol")) ? 1 : 0;
      assertTrue(f.getDouble("target_error_mm") >= 0);
    }
    assertTrue(low > 0, "some low-dose fractions");
    for (Row c : r.courses().rows()) {
      String key = c.get("patient_id") + "/" + c.get("strategy");
      assertEquals(dose.get(key), c.getDouble("imaging_dose_mgy"), 1e-9, key);
      assertTrue(c.getDouble("reference_imaging_dose_mgy") >= 35.0 * count.get(key), key);
      assertTrue(c.getDouble("imaging_dose_mgy") < c.getDouble("reference_imaging_dose_mgy"), key);
    }
    Row rel = figure(r.safetySummary(), "imaging_dose_relative_pct", null);
    assertTrue(rel.getDouble("value") > 40 && rel.getDouble("value") < 100, rel.toString());
  }
}
