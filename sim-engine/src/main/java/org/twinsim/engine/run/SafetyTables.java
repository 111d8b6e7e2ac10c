package org.twinsim.engine.run;

import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.safety.SafetyAlert;
import org.twinsim.engine.safety.SafetyCourse;
import org.twinsim.engine.safety.SafetyEvent;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.MotionModel;
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
    PatientDecisions pd = PatientUnit.decide(s, u, dose, ProgressListener.NONE, motion, f -> sc.observations().get(f));
    Table[] fc = DeliveryUnit.deliver(pd, ctx.sessions(), dose, ctx.calendar(), progress, sc.couchErrorMm());
    String pid = pd.patientId();
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
}
