package org.twinsim.engine.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.twinsim.engine.scenario.Fractionation;

/**
 * The clinic's treatment days: the scenario's weekdays minus its holidays, counted from its start
 * date. A course of F fractions starting on treatment day s is delivered on treatment days
 * s, s+1, ..., s+F-1 (one fraction per treatment day; holidays push the course on).
 */
public final class TreatmentCalendar {
  private final Fractionation fractionation;
  private final Set<LocalDate> holidays;
  private final List<LocalDate> days = new ArrayList<>();

  public TreatmentCalendar(Fractionation fractionation) {
    this.fractionation = fractionation;
    this.holidays = new HashSet<>(fractionation.holidays());
  }

  public boolean isTreatmentDay(LocalDate d) {
    return fractionation.treatmentDays().contains(d.getDayOfWeek()) && !holidays.contains(d);
  }

  /** The n-th treatment day (0-based) on or after the start date. */
  public synchronized LocalDate treatmentDay(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("treatment day index must be >= 0, got " + n);
    }
    LocalDate d = days.isEmpty() ? fractionation.startDate().minusDays(1) : days.get(days.size() - 1);
    int guard = 0;
    while (days.size() <= n) {
      d = d.plusDays(1);
      if (isTreatmentDay(d)) {
        days.add(d);
        guard = 0;
      } else if (++guard > 3660) {
        throw new IllegalStateException("no treatment day within ten years after " + d.minusDays(guard)
            + ": check treatmentDays and holidays");
      }
    }
    return days.get(n);
  }

  /** Calendar days from the start date to {@code d}. */
  public int dayIndex(LocalDate d) {
    return (int) (d.toEpochDay() - fractionation.startDate().toEpochDay());
  }

  /** The treatment dates of a course of {@code fractions} starting on treatment day {@code first}. */
  public List<LocalDate> course(int first, int fractions) {
    List<LocalDate> c = new ArrayList<>(fractions);
    for (int f = 0; f < fractions; f++) {
      c.add(treatmentDay(first + f));
    }
    return c;
  }
}
