package org.twinsim.engine.run;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.physics.FractionPhysics;
import org.twinsim.engine.physics.PatientCourse;
import org.twinsim.engine.physics.StrategyOutcome;
import org.twinsim.engine.safety.PhysicsSafetyMonitor;
import org.twinsim.engine.safety.SafetyAlert;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.timing.MeasuredStepDurations;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.model.anatomy.FractionMotion;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.qa.ImagingProtocol;
import org.twinsim.model.twin.Forecast;
import org.twinsim.model.twin.PopulationPrior;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;
import umontreal.ssj.stat.Tally;

/**
 * One patient's course with the full physics as a unit of work: replays every fraction with the
 * session times of the clinic model (the drift before the beam depends on them) and builds the
 * patient's {@code fractions} and {@code courses} rows.
 */
final class PhysicsPatientUnit {
  private PhysicsPatientUnit() {
  }

  /**
   * @param sessions per strategy, the clinic model's sessions; null for a first pass that only
   *     measures compute (no rows are built, drift times are zero)
   * @param measured receives measured compute durations keyed as {@link MeasuredStepDurations#key}; may be null
   */
  static Table[] run(Scenario s, UnitCoordinates u, PopulationPrior prior, Map<String, Map<Long, SessionRecord>> sessions,
                     TreatmentCalendar calendar, ProgressListener progress, Map<String, Double> measured) {
    PatientCourse course = new PatientCourse(s, u, prior);
    String id = UnitCoordinates.virtualPatientId(u.patient());
    Table fr = new Table(TwinsimTables.FRACTIONS);
    Map<String, Tally[]> perStrategy = new LinkedHashMap<>(); // room, residual, d98, neck, wait
    Map<String, double[]> waits = new HashMap<>();
    Map<String, LocalDate[]> span = new HashMap<>();
    int covered = 0;
    int forecasts = 0;
    PhysicsSafetyMonitor monitor = s.safetyOn() && sessions != null ? new PhysicsSafetyMonitor(s, u.replication(), u.patient())
        : null;
    Table alerts = new Table(TwinsimTables.ALERTS);
    for (int f = 0; f < s.fractionation().fractions(); f++) {
      Map<String, Double> minutes = new HashMap<>();
      if (sessions != null) {
        for (Map.Entry<String, Map<Long, SessionRecord>> e : sessions.entrySet()) {
          minutes.put(e.getKey(), e.getValue().get(ClinicModel.key(u.patient(), f)).cbctToBeamS() / 60.0);
        }
      }
      FractionPhysics fp = course.fraction(f, minutes);
      if (measured != null) {
        for (String strategy : fp.outcomes().keySet()) {
          synchronized (measured) {
            measured.put(MeasuredStepDurations.key(StepKind.DEFORMABLE_REGISTRATION, strategy, u.patient(), f),
                fp.observation().measuredS());
            measured.put(MeasuredStepDurations.key(StepKind.TWIN_UPDATE, strategy, u.patient(), f), fp.measuredTwinS());
            measured.put(MeasuredStepDurations.key(StepKind.PLAN_SELECTION, strategy, u.patient(), f), fp.measuredSelectionS());
          }
        }
      }
      if (sessions == null) {
        progress.advance(1);
        continue;
      }
      Forecast fc = fp.forecast();
      FractionMotion t = fp.observation().truth();
      PhysicsSafetyMonitor.Result safety = monitor == null ? null : monitor.observe(f, fp.observation(), fp.measurementForecast());
      if (safety != null) {
        for (SafetyAlert a : safety.alerts()) {
          alerts.add(alerts.newRow().set("replication", u.replication()).set("patient_id", id).set("fraction", f + 1)
              .set("detector", a.detector()).set("severity", a.severity().key()).set("score", a.score())
              .set("reason", a.reason()).set("event_id", null));
        }
      }
      int axesCovered = 0;
      boolean[] cov = fc.covers(t.prostateMm());
      for (boolean c : cov) {
        axesCovered += c ? 1 : 0;
      }
      covered += axesCovered;
      forecasts += 3;
      for (Map.Entry<String, StrategyOutcome> e : fp.outcomes().entrySet()) {
        String strategy = e.getKey();
        StrategyOutcome so = e.getValue();
        SessionRecord ss = sessions.get(strategy).get(ClinicModel.key(u.patient(), f));
        Row r = fr.newRow();
        FractionObservation o = fp.observation();
        Vec3 bone = t.setupMm().plus(so.couchShiftMm());
        Vec3 res = bone.plus(t.prostateMm()).plus(so.driftMm()).minus(so.planTargetMm());
        SessionColumns.set(r, ss, calendar);
        r.set("replication", u.replication()).set("patient_id", id).set("fraction", f + 1).set("strategy", strategy)
            .set("true_rotation_deg", t.prostateRotationDeg()).set("true_bladder_volume_ml", t.bladderVolumeMl())
            .set("true_rectum_volume_ml", t.rectumVolumeMl()).set("registration_method", o.method())
            .set("plan_id", so.planId()).set("plan_setup_margin_mm", so.setupMarginMm())
            .set("residual_3d_mm", res.norm())
            .set("tre_mean_mm", OutcomeColumns.orNull(o.treMeanMm())).set("tre_p95_mm", OutcomeColumns.orNull(o.treP95Mm()))
            .set("prostate_dice", OutcomeColumns.orNull(o.prostateDice()))
            .set("forecast_level", fc.level()).set("forecast_covered_axes", axesCovered)
            .set("library", fp.library()).set("oracle_plan_id", so.oraclePlanId())
            .set("regret_ctv_d98_pct", OutcomeColumns.orNull(so.regretCtvD98Pct()))
            .set("regret_bladder_neck_d2cc_pct", OutcomeColumns.orNull(so.regretBladderNeckD2ccPct()))
            .set("measured_registration_s", o.measuredS()).set("measured_twin_s", fp.measuredTwinS())
            .set("measured_selection_s", fp.measuredSelectionS()).set("measured_dose_s", so.measuredDoseS())
            .set("measured_decide_s", o.measuredS() + fp.measuredTwinS() + fp.measuredSelectionS() + so.measuredDoseS());
        OutcomeColumns.xyz(r, "true_setup", t.setupMm());
        OutcomeColumns.xyz(r, "true_prostate", t.prostateMm());
        OutcomeColumns.xyz(r, "obs_setup", o.obsSetupMm());
        OutcomeColumns.xyz(r, "obs_prostate", o.obsProstateMm());
        OutcomeColumns.xyz(r, "couch_shift", so.couchShiftMm());
        OutcomeColumns.xyz(r, "drift", so.driftMm());
        OutcomeColumns.xyz(r, "residual", res);
        OutcomeColumns.xyz(r, "forecast", fc.meanMm());
        OutcomeColumns.xyz(r, "forecast_lo", fc.lowerMm());
        OutcomeColumns.xyz(r, "forecast_hi", fc.upperMm());
        OutcomeColumns.dose(r, so.delivered());
        OutcomeColumns.imaging(r, ImagingProtocol.FULL_CBCT, ImagingProtocol.FULL_CBCT.softTissueDoseMGy(), o);
        if (safety != null) {
          r.set("couch_score", safety.couchScore()).set("position_score", safety.positionScore());
        }
        fr.add(r);
        Tally[] ts = perStrategy.computeIfAbsent(strategy, k -> new Tally[] {new Tally(), new Tally(), new Tally(), new Tally(),
            new Tally()});
        ts[4].add(OutcomeColumns.targetErrorMm(o));
        ts[0].add(ss.sessionEndS() - ss.sessionStartS());
        ts[1].add(res.norm());
        ts[2].add(so.delivered().ctvD98Pct());
        ts[3].add(so.delivered().bladderNeckDmaxPct());
        waits.computeIfAbsent(strategy, k -> new double[1])[0] += ss.waitRoomS() + ss.waitS(StepKind.Resource.GPU)
            + ss.waitS(StepKind.Resource.PHYSICIST) + ss.waitS(StepKind.Resource.THERAPISTS);
        LocalDate[] sp = span.computeIfAbsent(strategy, k -> new LocalDate[2]);
        sp[0] = sp[0] == null ? ss.day() : sp[0];
        sp[1] = ss.day();
      }
      progress.advance(1);
    }
    Table co = new Table(TwinsimTables.COURSES);
    if (sessions == null) {
      return new Table[] {fr, co};
    }
    Map<String, DoseOutcome> acc = course.accumulated();
    for (Map.Entry<String, Tally[]> e : perStrategy.entrySet()) {
      Tally[] ts = e.getValue();
      LocalDate[] sp = span.get(e.getKey());
      DoseOutcome a = acc.get(e.getKey());
      co.add(co.newRow().set("replication", u.replication()).set("strategy", e.getKey()).set("patient_id", id)
          .set("first_day", sp[0]).set("last_day", sp[1]).set("fractions", s.fractionation().fractions())
          .set("elapsed_days", (int) (sp[1].toEpochDay() - sp[0].toEpochDay() + 1))
          .set("mean_time_in_room_s", ts[0].average()).set("total_wait_s", waits.get(e.getKey())[0])
          .set("mean_abs_residual_3d_mm", ts[1].average()).set("mean_ctv_d98_pct", ts[2].average())
          .set("min_ctv_d98_pct", ts[2].min()).set("mean_bladder_neck_dmax_pct", ts[3].average())
          .set("imaging_dose_mgy", ts[4].numberObs() * ImagingProtocol.FULL_CBCT.softTissueDoseMGy())
          .set("mean_target_error_mm", ts[4].average())
          .set("accumulated_ctv_d98_pct", a == null ? null : a.ctvD98Pct())
          .set("accumulated_bladder_neck_dmax_pct", a == null ? null : a.bladderNeckDmaxPct())
          .set("accumulated_bladder_neck_d2cc_pct", a == null ? null : OutcomeColumns.orNull(a.bladderNeckD2ccPct()))
          .set("accumulated_rectum_d2cc_pct", a == null ? null : OutcomeColumns.orNull(a.rectumD2ccPct()))
          .set("forecast_coverage", forecasts == 0 ? null : (double) covered / forecasts)
          .set("measured_planning_s", course.planningSeconds()));
    }
    return monitor == null ? new Table[] {fr, co} : new Table[] {fr, co, new Table(TwinsimTables.EVENTS), alerts};
  }
}
