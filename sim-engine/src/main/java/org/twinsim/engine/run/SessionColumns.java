package org.twinsim.engine.run;

import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.reports.table.Row;

/** The session-timeline columns of a fraction row. */
final class SessionColumns {
  private SessionColumns() {
  }

  static void set(Row r, SessionRecord s, TreatmentCalendar calendar) {
    r.set("day", s.day()).set("day_index", calendar.dayIndex(s.day()))
        .set("room", s.room()).set("appointment_s", s.appointmentS()).set("arrival_s", s.arrivalS())
        .set("session_start_s", s.sessionStartS()).set("cbct_s", s.cbctS())
        .set("decision_end_s", s.decisionEndS()).set("delivery_start_s", s.deliveryStartS())
        .set("delivery_end_s", s.deliveryEndS()).set("time_in_room_s", s.sessionEndS() - s.sessionStartS())
        .set("cbct_to_beam_s", s.cbctToBeamS()).set("wait_room_s", s.waitRoomS())
        .set("wait_gpu_s", s.waitS(StepKind.Resource.GPU)).set("wait_physicist_s", s.waitS(StepKind.Resource.PHYSICIST))
        .set("wait_therapist_s", s.waitS(StepKind.Resource.THERAPISTS));
  }
}
