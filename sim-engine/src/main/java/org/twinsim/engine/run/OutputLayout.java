package org.twinsim.engine.run;

/**
 * Where each unit's Parquet part goes, relative to the run folder: one folder per table,
 * Hive-style {@code variant=NAME} sub-folders, one part per unit.
 */
public final class OutputLayout {
  public static final String FRACTIONS = "fractions";
  public static final String COURSES = "courses";
  public static final String STEPS = "steps";
  public static final String CLINIC_DAYS = "clinic_days";
  /** Safety layer tables (only with a {@code safety:} section). */
  public static final String EVENTS = "events";
  public static final String ALERTS = "alerts";
  public static final String SAFETY_SUMMARY = "safety_summary";
  public static final String QA_DAYS = "qa_days";

  private OutputLayout() {
  }

  /** Part of a patient unit, e.g. {@code fractions/variant=base/part-r0000-p00003.parquet}. */
  public static String patientPart(String table, UnitCoordinates u) {
    return String.format("%s/variant=%s/part-r%04d-p%05d.parquet", table, u.variant(), u.replication(), u.patient());
  }

  /** Part of a clinic unit, e.g. {@code steps/variant=base/part-r0000.parquet}. */
  public static String clinicPart(String table, UnitCoordinates u) {
    return String.format("%s/variant=%s/part-r%04d.parquet", table, u.variant(), u.replication());
  }
}
