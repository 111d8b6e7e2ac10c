package org.twinsim.engine.clinic;

import java.time.LocalDate;

/**
 * One session the clinic expects: a fraction of a patient on a day, with its room (or any room,
 * when rooms are pooled) and its appointment time.
 *
 * @param patient patient index
 * @param fraction fraction index, 0-based
 * @param day the date the appointment falls on
 * @param room index of the room in the scenario's room list, or -1 for any free room
 * @param appointmentS appointment time, s since midnight of {@code day}
 */
public record SessionRequest(int patient, int fraction, LocalDate day, int room, double appointmentS) {
}
