package org.twinsim.engine.run;

/**
 * The coordinates of a unit of work. A unit is seeded by these alone, so it gives the same rows
 * wherever and whenever it runs. {@code patient} is -1 for the clinic-level unit.
 */
public record UnitCoordinates(String variant, int replication, int patient) {
  public boolean isClinicUnit() {
    return patient < 0;
  }

  /** Pseudonymous id of a virtual patient, e.g. "VP-003" (1-based). */
  public static String virtualPatientId(int patient) {
    return String.format("VP-%03d", patient + 1);
  }
}
