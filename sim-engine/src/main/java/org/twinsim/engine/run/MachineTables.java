package org.twinsim.engine.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.CourseBooking;
import org.twinsim.engine.safety.MachineQa;
import org.twinsim.engine.safety.MachineSpec;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.qa.MachineQuantity;
import org.twinsim.model.qa.MachineState;
import org.twinsim.reports.table.Table;

/**
 * The machine side of the safety layer in the clinic unit: daily QA of every room over the clinic's
 * treatment days (the dates any course is booked on), its qa_days rows, and the recalibrations that
 * take a room out of service.
 */
final class MachineTables {
  private MachineTables() {
  }

  /** Appends the qa_days rows of every room; returns the room closures for the event model. */
  static List<ClinicModel.RoomClosure> qaDays(Table out, Scenario s, int replication, List<CourseBooking> bookings) {
    MachineSpec spec = s.safety().machine();
    TreeSet<LocalDate> all = new TreeSet<>();
    bookings.forEach(b -> all.addAll(b.dates()));
    List<LocalDate> dates = new ArrayList<>(all);
    List<ClinicModel.RoomClosure> closures = new ArrayList<>();
    for (int r = 0; r < s.clinic().rooms().size(); r++) {
      int room = r;
      for (MachineQa.Day d : MachineQa.room(spec, s.seed(), replication, r, dates)) {
        long treated = bookings.stream().filter(b -> b.room() == room && b.dates().contains(d.date())).count();
        MachineState t = d.trueBefore();
        MachineState del = d.delivered();
        out.add(out.newRow().set("replication", replication).set("room", s.clinic().rooms().get(r).name())
            .set("day", d.date()).set("treatment_day", d.treatmentDay())
            .set("true_output_pct", t.outputPct()).set("true_range_mm", t.rangeMm())
            .set("true_isocentre_mm", t.isocentreMm()).set("true_cbct_hu", t.cbctHu())
            .set("qa_output_pct", d.measured().get(MachineQuantity.OUTPUT_PCT))
            .set("qa_range_mm", d.measured().get(MachineQuantity.RANGE_MM))
            .set("qa_isocentre_mm", d.measured().get(MachineQuantity.ISOCENTRE_MM))
            .set("qa_cbct_hu", d.measured().get(MachineQuantity.CBCT_HU))
            .set("severity", d.severity() == null ? null : d.severity().key())
            .set("reasons", d.alerts().isEmpty() ? null : d.reasons())
            .set("recalibrated", d.recalibrated())
            .set("delivered_output_pct", del.outputPct()).set("delivered_range_mm", del.rangeMm())
            .set("delivered_isocentre_mm", del.isocentreMm())
            .set("delivered_out_of_tolerance", del.outOfTolerance())
            .set("fractions_treated", (int) treated));
        if (d.recalibrated() && spec.recalibrationHours() > 0) {
          closures.add(new ClinicModel.RoomClosure(r, d.date(), spec.recalibrationHours()));
        }
      }
    }
    return closures;
  }
}
