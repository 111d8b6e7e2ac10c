package org.twinsim.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.engine.safety.AnomalySpec;
import org.twinsim.engine.safety.DetectorSpec;
import org.twinsim.engine.safety.SafetySpec;
import org.twinsim.engine.scenario.Cohort;
import org.twinsim.engine.scenario.Fractionation;
import org.twinsim.engine.scenario.PhysicsSpec;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.table.TwinsimTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/** The safety layer through a whole run: the delivered state, the re-imaging it costs, its tables. */
class SafetyRunTest {
  static Scenario scenario(SafetySpec safety) {
    return new Scenario("t", "test", 21L, 1, new Cohort(null, 4, 1, null),
        new Fractionation(8, null, null, null, null), null, null, null, null, null, null, null,
        new PhysicsSpec("geometric", null, null, null, null, null), null, safety);
  }

  static SafetySpec grossErrors(DetectorSpec couch) {
    return new SafetySpec(List.of(new AnomalySpec("gross-setup", 0.25, null, List.of(10.0, 10.0))),
        Map.of("couch", couch, "position", new DetectorSpec(1e6, 1e6, 1e6)), null);
  }

  static Table read(Path run, String table) throws Exception {
    Table all = new Table(switch (table) {
      case "events" -> TwinsimTables.EVENTS;
      case "alerts" -> TwinsimTables.ALERTS;
      case "qa_days" -> TwinsimTables.QA_DAYS;
      default -> TwinsimTables.STEPS;
    });
    try (var s = java.nio.file.Files.walk(run.resolve(table))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).sorted().toList()) {
        RunLedger.readInto(all, p);
      }
    }
    return all;
  }

  static String key(Row r) {
    return r.get("patient_id") + "/" + r.get("fraction") + "/" + r.get("strategy");
  }

  /** Undetected, a wrong couch shift moves the delivered residual by exactly its vector; nothing else changes. */
  @Test
  void undetectedGrossErrorIsDeliveredOnTheTrueState(@TempDir Path dir) throws Exception {
    RunResult plain = LocalRunnerTest.run(scenario(null), dir.resolve("plain"));
    RunResult blind = LocalRunnerTest.run(scenario(grossErrors(new DetectorSpec(1e6, 1e6, 1e6))), dir.resolve("blind"));
    Map<String, Row> base = new HashMap<>();
    plain.fractions().rows().forEach(r -> base.put(key(r), r));
    Table events = read(dir.resolve("blind"), "events");
    assertTrue(events.size() >= 3, "too few events: " + events.size());
    Map<String, Row> eventAt = new HashMap<>();
    events.rows().forEach(e -> eventAt.put(e.get("patient_id") + "/" + e.get("start_fraction"), e));
    int harmed = 0;
    for (Row r : blind.fractions().rows()) {
      Row b = base.get(key(r));
      Row e = eventAt.get(r.get("patient_id") + "/" + r.get("fraction"));
      double[] v = e == null ? new double[3]
          : new double[] {e.getDouble("vector_x_mm"), e.getDouble("vector_y_mm"), e.getDouble("vector_z_mm")};
      String[] ax = {"x", "y", "z"};
      for (int a = 0; a < 3; a++) {
        assertEquals(b.getDouble("residual_" + ax[a] + "_mm") + v[a], r.getDouble("residual_" + ax[a] + "_mm"), 1e-9, key(r));
      }
      assertEquals(b.getDouble("time_in_room_s"), r.getDouble("time_in_room_s"), 0.0, "no hold, no extra time");
      if (e != null && r.getDouble("ctv_d98_pct") < b.getDouble("ctv_d98_pct") - 1) {
        harmed++;
      }
    }
    assertTrue(harmed > 0, "an undelivered 10 mm error must cost CTV coverage somewhere");
  }

  /** Caught, every hold runs a re-imaging step before delivery in every strategy, and the summary counts it. */
  @Test
  void holdsAreReimagedAndSummarised(@TempDir Path dir) throws Exception {
    RunResult r = LocalRunnerTest.run(scenario(grossErrors(DetectorSpec.defaults())), dir.resolve("r"));
    Table alerts = read(dir.resolve("r"), "alerts");
    long holds = alerts.rows().stream().filter(a -> a.getString("severity").equals("hold"))
        .map(a -> a.get("patient_id") + "/" + a.get("fraction")).distinct().count();
    assertTrue(holds >= 3);
    Table steps = read(dir.resolve("r"), "steps");
    long reimaging = steps.rows().stream().filter(s -> s.getString("step").equals("reimaging")).count();
    assertEquals(holds * r.scenario().strategies().size(), reimaging);
    Row sens = r.safetySummary().rows().stream().filter(x -> x.getString("figure").equals("sensitivity_same_fraction"))
        .findFirst().orElseThrow();
    assertEquals(100.0, sens.getDouble("value"));
    assertTrue(RunSummary.text(r).contains("sensitivity_same_fraction"));
    String html = org.twinsim.reports.html.ReportBuilder.build(org.twinsim.reports.run.RunFolder.open(dir.resolve("r")),
        "plots", "now").html();
    assertTrue(html.contains("Safety layer") && html.contains("false_holds_per_100"), "the report shows safety_summary");
  }

  /** Machine QA: one qa_days row per room and treatment day; recalibrations take rooms out, and patients wait. */
  @Test
  void recalibrationsCostRoomTime(@TempDir Path dir) throws Exception {
    SafetySpec none = new SafetySpec(List.of(), null, null, null);
    SafetySpec drift = new SafetySpec(List.of(), null, null, new org.twinsim.engine.safety.MachineSpec(
        new org.twinsim.model.qa.MachineDrift(5, 2.0, null, null, null, null), null, 5, "review", 3.0));
    RunResult a = LocalRunnerTest.run(scenario(none), dir.resolve("a"));
    RunResult b = LocalRunnerTest.run(scenario(drift), dir.resolve("b"));
    Table qa = read(dir.resolve("b"), "qa_days");
    long dates = b.clinicDays().rows().stream().map(r -> r.get("day")).distinct().count();
    assertEquals(2 * dates, qa.size());
    long recal = qa.rows().stream().filter(r -> Boolean.TRUE.equals(r.get("recalibrated"))).count();
    assertTrue(recal > 0);
    double waitA = a.clinicDays().rows().stream().mapToDouble(r -> r.getDouble("mean_wait_room_s")).sum();
    double waitB = b.clinicDays().rows().stream().mapToDouble(r -> r.getDouble("mean_wait_room_s")).sum();
    assertTrue(waitB > waitA + 3600, "3 h recalibrations must show as room waits: " + waitA + " vs " + waitB);
    assertTrue(b.safetySummary().rows().stream().anyMatch(r -> r.getString("figure").equals("recalibrations")));
  }

  /**
   * An output step is delivered: dose is proportional to output, so every fraction treated while
   * the machine was off has CTV D98 and bladder-neck Dmax exactly (1 + step) times the same
   * delivery at nominal output; the QA twin catches the step and the recalibration ends it; the
   * summary's dose error is the mean of D98 - D98 / (1 + step) over those fractions.
   */
  @Test
  void outputStepIsDeliveredUntilRecalibrated(@TempDir Path dir) throws Exception {
    SafetySpec none = new SafetySpec(List.of(), null, null, null);
    SafetySpec step = new SafetySpec(List.of(), null, null, new org.twinsim.engine.safety.MachineSpec(
        new org.twinsim.model.qa.MachineDrift(0, null, null, null, 4.0, 7), null, 5, "review", 0.0));
    RunResult a = LocalRunnerTest.run(scenario(none), dir.resolve("a"));
    RunResult b = LocalRunnerTest.run(scenario(step), dir.resolve("b"));
    Map<String, Row> base = new HashMap<>();
    a.fractions().rows().forEach(r -> base.put(key(r), r));
    int off = 0;
    int lastOffDay = -1;
    int lastDay = -1;
    double errSum = 0;
    int errN = 0;
    for (Row r : b.fractions().rows()) {
      Row p = base.get(key(r));
      double o = r.getDouble("machine_output_pct");
      assertTrue(o == 0.0 || Math.abs(o - 4.0) < 1e-12, "output " + o);
      assertEquals(p.getDouble("ctv_d98_pct") * (1 + o / 100), r.getDouble("ctv_d98_pct"), 1e-9, key(r));
      assertEquals(p.getDouble("bladder_neck_dmax_pct") * (1 + o / 100), r.getDouble("bladder_neck_dmax_pct"), 1e-9, key(r));
      assertEquals(r.getDouble("ctv_d98_pct") - p.getDouble("ctv_d98_pct"), r.getDouble("machine_ctv_d98_error_pct"), 1e-9);
      lastDay = Math.max(lastDay, r.getInt("day_index"));
      if (o != 0) {
        off++;
        lastOffDay = Math.max(lastOffDay, r.getInt("day_index"));
        if (r.getString("strategy").equals("digital-twin")) {
          errSum += r.getDouble("ctv_d98_pct") - r.getDouble("ctv_d98_pct") / 1.04;
          errN++;
        }
      }
    }
    assertTrue(off > 0, "fractions treated with the step");
    assertTrue(lastOffDay < lastDay, "the recalibration ends the step (last day off " + lastOffDay + " of " + lastDay + ")");
    Row fig = SafetyImagingSummaryTest.figure(b.safetySummary(), "ctv_d98_error_pct_machine", "digital-twin");
    assertEquals(errSum / errN, fig.getDouble("value"), 1e-9);
  }

  /**
   * An imaging vs beam isocentre drift is delivered: the residual at delivery moves vertically (AP,
   * y) by exactly the day's offset, nothing else moves, and the dose error column is the difference
   * from the same delivery with a nominal machine (here: without the machine section).
   */
  @Test
  void isocentreDriftMovesTheDeliveredResidual(@TempDir Path dir) throws Exception {
    SafetySpec none = new SafetySpec(List.of(), null, null, null);
    SafetySpec iso = new SafetySpec(List.of(), null, null, new org.twinsim.engine.safety.MachineSpec(
        new org.twinsim.model.qa.MachineDrift(0, null, 1.5, null, null, null), null, 5, "hold", 0.0));
    RunResult a = LocalRunnerTest.run(scenario(none), dir.resolve("a"));
    RunResult b = LocalRunnerTest.run(scenario(iso), dir.resolve("b"));
    Map<String, Row> base = new HashMap<>();
    a.fractions().rows().forEach(r -> base.put(key(r), r));
    int moved = 0;
    for (Row r : b.fractions().rows()) {
      Row p = base.get(key(r));
      double offset = r.getDouble("machine_isocentre_mm");
      assertEquals(p.getDouble("residual_x_mm"), r.getDouble("residual_x_mm"), 1e-12);
      assertEquals(p.getDouble("residual_y_mm") + offset, r.getDouble("residual_y_mm"), 1e-12);
      assertEquals(p.getDouble("residual_z_mm"), r.getDouble("residual_z_mm"), 1e-12);
      assertEquals(r.getDouble("ctv_d98_pct") - p.getDouble("ctv_d98_pct"), r.getDouble("machine_ctv_d98_error_pct"), 1e-9);
      moved += offset > 0 ? 1 : 0;
    }
    assertTrue(moved > 0);
  }

  /** Wilson score intervals of Newcombe 1998 (Stat Med 17:857, table I): 81/263, 15/148, 0/20, 1/29. */
  @Test
  void wilsonMatchesNewcombe() {
    double[][] cases = {{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0.0, 0.1611}, {1, 29, 0.0061, 0.1718}};
    for (double[] c : cases) {
      double[] ci = SafetySummary.wilson((long) c[0], (long) c[1]);
      assertEquals(c[2], ci[0], 6e-5, c[0] + "/" + c[1]);
      assertEquals(c[3], ci[1], 6e-5, c[0] + "/" + c[1]);
    }
  }
}
