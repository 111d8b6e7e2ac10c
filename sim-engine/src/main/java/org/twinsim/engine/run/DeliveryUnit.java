package org.twinsim.engine.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.strategy.Decision;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.model.anatomy.FractionMotion;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.qa.ImagingProtocol;
import org.twinsim.model.qa.MachineState;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;
import umontreal.ssj.stat.Tally;

/**
 * Phase 3 for one patient: each strategy's plan is delivered to the TRUE anatomy at delivery
 * time (the anatomy at imaging plus the intra-fraction drift over the time from CBCT to
 * mid-delivery that the clinic model measured), and the outcome rows are built.
 */
public final class DeliveryUnit {
  private DeliveryUnit() {
  }

  /** Rows of {@code fractions} and {@code courses} for this patient, all strategies. */
  public static Table[] deliver(PatientDecisions pd, Map<String, Map<Long, SessionRecord>> sessions,
                                FractionDoseModel dose, TreatmentCalendar calendar, ProgressListener progress) {
    return deliver(pd, sessions, dose, calendar, progress, null, null, null, null);
  }

  /**
   * As above, with the safety layer's per-fraction inputs (each null: none): a wrong couch shift
   * executed after every strategy's correction (injected gross setup errors), each fraction's
   * imaging protocol and imaging dose (default a standard CBCT), and the true state of the treating
   * machine (by room name and date): the imaging vs beam isocentre offset moves the beam relative
   * to the patient (vertically, as a gantry sag does), the range error moves the fields' distal
   * edges, the output scales the dose ({@link DoseOutcome#scaled}); the dose error against a
   * nominal machine is written too.
   */
  public static Table[] deliver(PatientDecisions pd, Map<String, Map<Long, SessionRecord>> sessions,
                                FractionDoseModel dose, TreatmentCalendar calendar, ProgressListener progress,
                                Vec3[] couchErrorMm, ImagingProtocol[] protocol, double[] imagingDoseMGy,
                                java.util.function.BiFunction<String, LocalDate, MachineState> machine) {
    Table fr = new Table(TwinsimTables.FRACTIONS);
    Table co = new Table(TwinsimTables.COURSES);
    int p = pd.unit().patient();
    for (Map.Entry<String, List<Decision>> e : pd.decisions().entrySet()) {
      String strategy = e.getKey();
      Map<Long, SessionRecord> ss = sessions.get(strategy);
      Tally room = new Tally();
      Tally residual = new Tally();
      Tally d98 = new Tally();
      Tally neck = new Tally();
      Tally targetError = new Tally();
      double imagingDose = 0;
      double totalWait = 0;
      LocalDate first = null;
      LocalDate last = null;
      for (int f = 0; f < pd.observations().size(); f++) {
        FractionObservation o = pd.observations().get(f);
        Decision d = e.getValue().get(f);
        SessionRecord s = ss.get(ClinicModel.key(p, f));
        FractionMotion t = o.truth();
        Vec3 drift = pd.motion().drift(f).at(s.cbctToBeamS() / 60.0);
        Vec3 bone = t.setupMm().plus(d.couchShiftMm());
        if (couchErrorMm != null && couchErrorMm[f] != null && !couchErrorMm[f].equals(Vec3.ZERO)) {
          bone = bone.plus(couchErrorMm[f]);
        }
        Vec3 target = bone.plus(t.prostateMm()).plus(drift);
        Vec3 res = target.minus(d.planTargetMm());
        MachineState m = machine == null ? null : machine.apply(s.room(), s.day());
        DoseOutcome nominal = null;
        if (m != null && !m.equals(MachineState.NOMINAL)) {
          nominal = dose.evaluate(res, bone, d.planSetupMarginMm());
          Vec3 iso = new Vec3(0, m.isocentreMm(), 0);
          bone = bone.plus(iso);
          res = res.plus(iso);
        }
        DoseOutcome out = m == null ? dose.evaluate(res, bone, d.planSetupMarginMm())
            : dose.evaluate(res, bone, d.planSetupMarginMm(), m.rangeMm()).scaled(1 + m.outputPct() / 100);
        double timeInRoom = s.sessionEndS() - s.sessionStartS();
        double waits = s.waitRoomS() + s.waitS(StepKind.Resource.GPU) + s.waitS(StepKind.Resource.PHYSICIST)
            + s.waitS(StepKind.Resource.THERAPISTS);
        Row r = fr.newRow()
            .set("replication", pd.unit().replication()).set("patient_id", pd.patientId()).set("fraction", f + 1)
            .set("strategy", strategy)
            .set("true_rotation_deg", t.prostateRotationDeg()).set("true_bladder_volume_ml", t.bladderVolumeMl())
            .set("true_rectum_volume_ml", t.rectumVolumeMl()).set("registration_method", o.method())
            .set("plan_id", d.planId()).set("plan_setup_margin_mm", d.planSetupMarginMm())
            .set("residual_3d_mm", res.norm())
            .set("measured_decide_s", o.measuredS() + d.measuredS());
        OutcomeColumns.dose(r, out);
        if (m != null) {
          r.set("machine_output_pct", m.outputPct()).set("machine_range_mm", m.rangeMm())
              .set("machine_isocentre_mm", m.isocentreMm())
              .set("machine_ctv_d98_error_pct", nominal == null ? 0.0 : OutcomeColumns.orNull(out.ctvD98Pct() - nominal.ctvD98Pct()))
              .set("machine_bladder_neck_dmax_error_pct",
                  nominal == null ? 0.0 : OutcomeColumns.orNull(out.bladderNeckDmaxPct() - nominal.bladderNeckDmaxPct()));
        }
        ImagingProtocol proto = protocol == null ? ImagingProtocol.FULL_CBCT : protocol[f];
        double mGy = imagingDoseMGy == null ? proto.softTissueDoseMGy() : imagingDoseMGy[f];
        OutcomeColumns.imaging(r, proto, mGy, o);
        imagingDose += mGy;
        targetError.add(OutcomeColumns.targetErrorMm(o));
        xyz(r, "true_setup", t.setupMm());
        xyz(r, "true_prostate", t.prostateMm());
        xyz(r, "obs_setup", o.obsSetupMm());
        xyz(r, "obs_prostate", o.obsProstateMm());
        xyz(r, "couch_shift", d.couchShiftMm());
        xyz(r, "drift", drift);
        xyz(r, "residual", res);
        SessionColumns.set(r, s, calendar);
        fr.add(r);
        room.add(timeInRoom);
        residual.add(res.norm());
        if (!Double.isNaN(out.ctvD98Pct())) {
          d98.add(out.ctvD98Pct());
        }
        if (!Double.isNaN(out.bladderNeckDmaxPct())) {
          neck.add(out.bladderNeckDmaxPct());
        }
        totalWait += waits;
        first = first == null ? s.day() : first;
        last = s.day();
      }
      co.add(co.newRow().set("replication", pd.unit().replication()).set("strategy", strategy)
          .set("patient_id", pd.patientId()).set("first_day", first).set("last_day", last)
          .set("fractions", pd.observations().size())
          .set("elapsed_days", (int) (last.toEpochDay() - first.toEpochDay() + 1))
          .set("mean_time_in_room_s", room.average()).set("total_wait_s", totalWait)
          .set("mean_abs_residual_3d_mm", residual.average())
          .set("mean_ctv_d98_pct", d98.numberObs() == 0 ? null : d98.average())
          .set("min_ctv_d98_pct", d98.numberObs() == 0 ? null : d98.min())
          .set("mean_bladder_neck_dmax_pct", neck.numberObs() == 0 ? null : neck.average())
          .set("imaging_dose_mgy", imagingDose).set("mean_target_error_mm", targetError.average()));
      progress.advance(pd.observations().size());
    }
    return new Table[] {fr, co};
  }

  private static void xyz(Row r, String prefix, Vec3 v) {
    OutcomeColumns.xyz(r, prefix, v);
  }
}
