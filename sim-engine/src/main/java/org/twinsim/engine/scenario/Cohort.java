package org.twinsim.engine.scenario;

import org.twinsim.model.param.InvalidParameterException;

/**
 * The patients of a run.
 *
 * @param source "virtual" (generated patients; the only source the course replay uses today)
 * @param patients number of patients (default 10, as in the seed study)
 * @param startEveryDays treatment days between the first fractions of consecutive patients
 *     (default 1: a new course starts every treatment day); 0 starts all courses together
 * @param gridMm voxel size of the virtual patients' planning CT, mm (default 4)
 */
public record Cohort(String source, Integer patients, Integer startEveryDays, Double gridMm) {
  public Cohort {
    source = source == null ? "virtual" : source;
    if (!source.equals("virtual")) {
      throw new InvalidParameterException("source", "expected 'virtual', got '" + source
          + "' (DICOM patients are imported with twinsim import-dicom)");
    }
    patients = patients == null ? 10 : InvalidParameterException.atLeast("patients", patients, 1);
    if (patients > 100_000) {
      throw new InvalidParameterException("patients", "expected at most 100000, got " + patients);
    }
    startEveryDays = startEveryDays == null ? 1 : InvalidParameterException.atLeast("startEveryDays", startEveryDays, 0);
    gridMm = gridMm == null ? 4.0 : InvalidParameterException.inRange("gridMm", gridMm, 1.0, 10.0);
  }
}
