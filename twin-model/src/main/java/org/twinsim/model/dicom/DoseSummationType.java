package org.twinsim.model.dicom;

/**
 * Dose Summation Type (3004,000A) of an exported RT Dose (PS3.3 C.8.8.3): what the dose grid
 * sums.
 */
public enum DoseSummationType {
  /** The dose of the whole plan (all fractions). */
  PLAN,
  /** The dose of one fraction (a fraction group's single delivery). */
  FRACTION
}
