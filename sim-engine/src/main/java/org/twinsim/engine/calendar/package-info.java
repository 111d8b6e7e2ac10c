/** The treatment calendar: weekdays, holidays and when each fraction of a course falls. Start from {@link org.twinsim.engine.calendar.TreatmentCalendar}. */
package org.twinsim.engine.calendar;
