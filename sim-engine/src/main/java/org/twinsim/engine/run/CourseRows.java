package org.twinsim.engine.run;

import java.util.Map;
import org.twinsim.engine.clinic.CapacityBooker;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.CourseBooking;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/** Course rows of capacity scenarios (timing only: no physics runs). */
final class CourseRows {
  private CourseRows() {
  }

  static Row capacity(Table t, int replication, String strategy, CapacityBooker.Booked b,
                      Map<Long, SessionRecord> sessions, int targetStartDays) {
    CourseBooking c = b.booking();
    double room = 0;
    double wait = 0;
    for (int f = 0; f < c.dates().size(); f++) {
      SessionRecord s = sessions.get(ClinicModel.key(c.patient(), f));
      room += s.sessionEndS() - s.sessionStartS();
      wait += s.waitRoomS() + s.waitS(StepKind.Resource.GPU) + s.waitS(StepKind.Resource.PHYSICIST)
          + s.waitS(StepKind.Resource.THERAPISTS);
    }
    var first = c.dates().get(0);
    var last = c.dates().get(c.dates().size() - 1);
    return t.newRow().set("replication", replication).set("strategy", strategy)
        .set("patient_id", LocalRunner.capacityPatientId(c.patient())).set("first_day", first).set("last_day", last)
        .set("fractions", c.dates().size()).set("elapsed_days", (int) (last.toEpochDay() - first.toEpochDay() + 1))
        .set("mean_time_in_room_s", room / c.dates().size()).set("total_wait_s", wait)
        .set("course_type", b.courseType()).set("referral_day", b.referral()).set("ready_day", b.ready())
        .set("start_wait_days", (int) (first.toEpochDay() - b.ready().toEpochDay()));
  }
}
