package org.twinsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-physics course replay end to end on a small cohort (2 virtual patients at 6 mm, 3
 * fractions, a fixed 2-plan library): images, CBCT registration, GP twin, pencil-beam dose on the
 * true anatomy. The expectations come from outside the replay: the simulation's own truth (the
 * couch correction must undo the true setup error; every strategy sees the same day), the
 * definition of the oracle (zero regret when the twin picks the oracle's plan), the forecast
 * interval's definition, and clinical sanity of a 5 mm-robust proton plan's target coverage. The
 * safety layer runs in monitor mode: every fraction scored against the GP twin's forecast, alerts
 * graded by the thresholds, nothing injected and no hold acted on.
 */
class FullPhysicsCourseTest {
  private static final String SCENARIO = """
      name: physics-smoke
      seed: 11
      cohort: {patients: 2, gridMm: 6}
      fractionation: {fractions: 3}
      physics: {optimizerIterations: 25}
      twin:
        priorPatients: 6
        library: {marginsMm: [3, 6]}
      safety: {detectors: {position: {infoScore: 2.0, reviewScore: 3.0, holdScore: 4.25}}}
      """;

  @Test
  void courseReplayWithImagesRegistrationTwinAndDose(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("physics-smoke.yaml");
    Files.writeString(yaml, SCENARIO);
    Path out = dir.resolve("run");
    MainTest.Result r = MainTest.run("run", yaml.toString(), "--out", out.toString(), "-q");
    assertEquals(0, r.code(), r.err() + r.out());
    String fx = "read_parquet('" + out + "/fractions/**/*.parquet')";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      assertEquals(2 * 3 * 4, count(st, "select count(*) from " + fx));
      assertEquals(2 * 3 * 4, count(st, "select count(*) from " + fx
          + " where dose_model = 'pencil-beam' and registration_method = 'demons'"));
      // every strategy sees the same true day and the same registration
      assertEquals(2 * 3, count(st, "select count(*) from (select patient_id, fraction from " + fx
          + " group by 1, 2 having count(distinct true_prostate_x_mm) = 1 and count(distinct true_setup_y_mm) = 1"
          + " and count(distinct tre_mean_mm) = 1 and count(distinct obs_prostate_z_mm) = 1)"));
      // the rigid step undoes the true setup error (the couch shift is minus the observed setup)
      try (ResultSet rs = st.executeQuery("select max(greatest(abs(obs_setup_x_mm - true_setup_x_mm),"
          + " abs(obs_setup_y_mm - true_setup_y_mm), abs(obs_setup_z_mm - true_setup_z_mm))),"
          + " max(greatest(abs(couch_shift_x_mm + obs_setup_x_mm), abs(couch_shift_y_mm + obs_setup_y_mm),"
          + " abs(couch_shift_z_mm + obs_setup_z_mm))) from " + fx + " where strategy = 'non-adaptive'")) {
        rs.next();
        assertTrue(rs.getDouble(1) < 1.0, "setup error recovered within 1 mm, worst " + rs.getDouble(1));
        assertTrue(rs.getDouble(2) < 1e-6, "couch shift = -observed setup, worst " + rs.getDouble(2));
      }
      // registration accuracy against the truth is written and plausible
      assertEquals(0, count(st, "select count(*) from " + fx + " where not (tre_mean_mm > 0 and tre_p95_mm >= tre_mean_mm"
          + " and prostate_dice > 0.6 and prostate_dice <= 1)"));
      // the forecast interval contains its own centre; the library is the fixed one
      assertEquals(0, count(st, "select count(*) from " + fx + " where strategy = 'digital-twin' and not ("
          + "forecast_lo_x_mm <= forecast_x_mm and forecast_x_mm <= forecast_hi_x_mm"
          + " and forecast_lo_z_mm <= forecast_z_mm and forecast_z_mm <= forecast_hi_z_mm)"));
      // zero regret exactly when the twin chose the oracle's plan; never a plan outside the library
      assertEquals(0, count(st, "select count(*) from " + fx + " where strategy = 'digital-twin'"
          + " and plan_id = oracle_plan_id and (regret_ctv_d98_pct <> 0 or regret_bladder_neck_d2cc_pct <> 0)"));
      assertEquals(0, count(st, "select count(*) from " + fx + " where strategy in ('digital-twin', 'oracle')"
          + " and plan_setup_margin_mm not in (3, 6)"));
      assertEquals(0, count(st, "select count(*) from " + fx + " where strategy = 'oracle' and plan_id <> oracle_plan_id"));
      // physical sanity of the delivered dose on the true anatomy (% of the fraction dose)
      assertEquals(0, count(st, "select count(*) from " + fx + " where not (ctv_d98_pct > 30 and ctv_d98_pct < 110"
          + " and ctv_d2_pct < 125 and bladder_neck_dmax_pct < 125 and rectum_d2cc_pct >= 0)"));
      try (ResultSet rs = st.executeQuery("select avg(ctv_d98_pct) from " + fx + " where strategy = 'non-adaptive'")) {
        rs.next();
        assertTrue(rs.getDouble(1) > 85, "a 5 mm-robust plan after a couch correction covers the CTV: mean D98 "
            + rs.getDouble(1));
      }
      // safety monitor: a score on every fraction (the same for every strategy), an alert exactly where
      // a score reaches the info threshold, graded by the thresholds, never matched to an event
      String al = "read_parquet('" + out + "/alerts/**/*.parquet')";
      assertEquals(0, count(st, "select count(*) from " + fx + " where not (position_score >= 0 and couch_score >= 0)"));
      assertEquals(2 * 3, count(st, "select count(*) from (select patient_id, fraction from " + fx
          + " group by 1, 2 having count(distinct position_score) = 1)"));
      assertEquals(count(st, "select count(*) from " + fx + " where strategy = 'non-adaptive' and position_score >= 2.0"),
          count(st, "select count(*) from " + al + " where detector = 'position'"));
      assertEquals(0, count(st, "select count(*) from " + al + " where event_id is not null or (detector = 'position' and"
          + " not ((severity = 'hold') = (score >= 4.25) and (severity = 'info') = (score < 3.0)))"));
      // courses: dose accumulated through the true fields, per strategy and patient
      assertEquals(2 * 4, count(st, "select count(*) from read_parquet('" + out + "/courses/**/*.parquet')"
          + " where accumulated_ctv_d98_pct > 30 and accumulated_ctv_d98_pct < 110"));
    }
  }

  private static long count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
