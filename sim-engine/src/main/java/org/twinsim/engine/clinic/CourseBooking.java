package org.twinsim.engine.clinic;

import java.time.LocalDate;
import java.util.List;

/**
 * A patient's course as the clinic books it: treatment dates, room and daily appointment time.
 *
 * @param patient patient index
 * @param dates treatment date of each fraction, in order
 * @param room index of the room in the scenario's room list
 * @param slot index of the daily appointment slot in that room
 */
public record CourseBooking(int patient, List<LocalDate> dates, int room, int slot) {
  public CourseBooking {
    dates = List.copyOf(dates);
  }
}
