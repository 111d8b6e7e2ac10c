/**
 * The clinic's event model: {@link org.twinsim.engine.clinic.ClinicModel} replays booked sessions
 * ({@link org.twinsim.engine.clinic.CourseBooking}) through their strategy's workflow on shared
 * resources and returns each session's timeline ({@link org.twinsim.engine.clinic.SessionRecord}).
 */
package org.twinsim.engine.clinic;
