package org.twinsim.engine.scenario;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.twinsim.model.param.InvalidParameterException;

/**
 * Fractionation and the treatment calendar.
 *
 * @param fractions number of fractions (default 28, the seed study's 28 x 2.5 Gy(RBE))
 * @param doseGy dose per fraction, Gy(RBE) (default 2.5)
 * @param treatmentDays weekdays the clinic treats (default Monday to Friday)
 * @param startDate date of the first possible treatment day (default 2026-01-05, a Monday)
 * @param holidays dates without treatment
 */
public record Fractionation(Integer fractions, Double doseGy, List<DayOfWeek> treatmentDays,
                            LocalDate startDate, List<LocalDate> holidays) {
  public Fractionation {
    fractions = fractions == null ? 28 : InvalidParameterException.atLeast("fractions", fractions, 1);
    if (fractions > 60) {
      throw new InvalidParameterException("fractions", "expected at most 60, got " + fractions);
    }
    doseGy = doseGy == null ? 2.5 : InvalidParameterException.inRange("doseGy", doseGy, 0.1, 30.0);
    treatmentDays = treatmentDays == null
        ? List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
        : List.copyOf(treatmentDays);
    if (treatmentDays.isEmpty() || Set.copyOf(treatmentDays).size() != treatmentDays.size()) {
      throw new InvalidParameterException("treatmentDays", "expected a non-empty list of distinct weekdays");
    }
    startDate = startDate == null ? LocalDate.of(2026, 1, 5) : startDate;
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
  }

  /** Prescribed course dose, Gy(RBE). */
  public double courseDoseGy() {
    return fractions * doseGy;
  }
}
