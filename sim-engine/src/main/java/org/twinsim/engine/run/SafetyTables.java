package org.twinsim.engine.run;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.safety.SafetyAlert;
import org.twinsim.engine.safety.SafetyCourse;
import org.twinsim.engine.safety.SafetyEvent;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.MotionModel;
import org.twinsim.model.qa.ImagingPolicy;
import org.twinsim.model.qa.MachineState;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * The patient unit with the safety layer on (geometric physics): the course screened by
 * {@link SafetyCourse} (anomalies injected, detectors run, holds decided), every strategy deciding
 * on the screened observations, delivery on the TRUE state (a wrong couch shift that was not held
 * is delivered), and the events and alerts rows.
 */
final class SafetyTables {
  private SafetyTables() {
  }

  /** {fractions, courses, events, alerts} of one patient. */
  static Table[] patient(ReplicationContext ctx, UnitCoordinates u, FractionDoseModel dose, ProgressListener progress) {
    Scenario s = ctx.scenario();
    SafetyCourse sc = SafetyCourse.screen(s, u.replication(), u.patient());
    MotionModel motion = new MotionModel(s.anatomy(), s.seed(), u.replication(), u.patient());
    String pid = UnitCoordinates.virtualPatientId(u.patient());
    BiFunction<String, LocalDate, MachineState> machine = machine(ctx, u.replication());
    Table[] fc = deliver(sc, s, u, ctx, dose, motion, machine, progress);
    for (Row r : fc[0].rows()) {
      int f = r.getInt("fraction") - 1;
      r.set("couch_score", sc.couchScore()[f]).set("position_score", sc.positionScore()[f]);
    }
    if (!s.safety().imaging().isDailyCbct()) {
      reference(fc[1], s, u, ctx, dose, motion, machine);
    }
    Table ev = new Table(TwinsimTables.EVENTS);
    for (SafetyEvent e : sc.events()) {
      ev.add(ev.newRow().set("replication", u.replication()).set("patient_id", pid).set("event_id", e.eventId())
          .set("kind", e.kind().key()).set("recurring", e.recurring())
          .set("start_fraction", e.startFraction() + 1).set("end_fraction", e.endFraction() + 1)
          .set("size_mm", e.sizeMm()).set("vector_x_mm", e.vectorMm().x()).set("vector_y_mm", e.vectorMm().y())
          .set("vector_z_mm", e.vectorMm().z())
          .set("detected_fraction", e.detectedFraction() < 0 ? null : e.detectedFraction() + 1)
          .set("delay_fractions", e.detectedFraction() < 0 ? null : e.detectedFraction() - e.startFraction())
          .set("first_alert_fraction", e.firstAlertFraction() < 0 ? null : e.firstAlertFraction() + 1));
    }
    Table al = new Table(TwinsimTables.ALERTS);
    for (SafetyAlert a : sc.alerts()) {
      al.add(al.newRow().set("replication", u.replication()).set("patient_id", pid).set("fraction", a.fraction() + 1)
          .set("detector", a.detector()).set("severity", a.severity().key()).set("score", a.score())
          .set("reason", a.reason()).set("event_id", a.eventId()));
    }
    return new Table[] {fc[0], fc[1], ev, al};
  }

  /** Every strategy decides on the screened observations; delivery on the true state; {fractions, courses}. */
  private static Table[] deliver(SafetyCourse sc, Scenario s, UnitCoordinates u, ReplicationContext ctx,
                                 FractionDoseModel dose, MotionModel motion,
                                 BiFunction<String, LocalDate, MachineState> machine, ProgressListener progress) {
    PatientDecisions pd = PatientUnit.decide(s, u, dose, ProgressListener.NONE, motion, f -> sc.observations().get(f));
    double[] mGy = new double[sc.protocol().length];
    for (int f = 0; f < mGy.length; f++) {
      mGy[f] = sc.imagingDoseMGy(f);
    }
    return DeliveryUnit.deliver(pd, ctx.sessions(), dose, ctx.calendar(), progress, sc.couchErrorMm(), sc.protocol(), mGy,
        machine);
  }

  /** The true machine state by room name and date from the clinic unit's qa_days rows, or null without machine QA. */
  private static BiFunction<String, LocalDate, MachineState> machine(ReplicationContext ctx, int replication) {
    if (ctx.qaDays() == null) {
      return null;
    }
    Map<String, MachineState> byRoomDay = new HashMap<>();
    for (Row q : ctx.qaDays().rows()) {
      if (q.getInt("replication") == replication) {
        byRoomDay.put(q.get("room") + "|" + q.get("day"), new MachineState(q.getDouble("delivered_output_pct"),
            q.getDouble("delivered_range_mm"), q.getDouble("delivered_isocentre_mm"), 0));
      }
    }
    return (room, day) -> byRoomDay.getOrDefault(room + "|" + day, MachineState.NOMINAL);
  }

  /**
   * The paired reference of an imaging policy: the same course (anatomy, anomalies, registration
   * draws, session times) imaged with daily standard CBCT, its figures set on each strategy's
   * course row.
   */
  private static void reference(Table courses, Scenario s, UnitCoordinates u, ReplicationContext ctx,
                                FractionDoseModel dose, MotionModel motion,
                                BiFunction<String, LocalDate, MachineState> machine) {
    SafetyCourse daily = SafetyCourse.screen(s, u.replication(), u.patient(), ImagingPolicy.dailyCbct());
    Table ref = deliver(daily, s, u, ctx, dose, motion, machine, ProgressListener.NONE)[1];
    for (Row r : courses.rows()) {
      for (Row q : ref.rows()) {
        if (q.get("strategy").equals(r.get("strategy"))) {
          r.set("reference_imaging_dose_mgy", q.get("imaging_dose_mgy"))
              .set("reference_mean_ctv_d98_pct", q.get("mean_ctv_d98_pct"))
              .set("reference_mean_bladder_neck_dmax_pct", q.get("mean_bladder_neck_dmax_pct"))
              .set("reference_mean_target_error_mm", q.get("mean_target_error_mm"));
        }
      }
    }
  }
}
