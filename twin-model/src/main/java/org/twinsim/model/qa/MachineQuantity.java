package org.twinsim.model.qa;

/**
 * Quantities of daily proton machine QA with their AAPM TG-224 daily tolerances (Arjomandy et al.
 * 2019, Med Phys 46:e678; REFERENCES.md): output constancy 3%, range 1 mm, imaging/treatment
 * isocentre coincidence 1 mm. CBCT HU constancy is checked against a 25 HU tolerance (a common
 * phantom-based action level for CT number constancy of soft tissue inserts).
 */
public enum MachineQuantity {
  OUTPUT_PCT("output", "%", 3.0),
  RANGE_MM("range", "mm", 1.0),
  ISOCENTRE_MM("isocentre", "mm", 1.0),
  CBCT_HU("cbct-hu", "HU", 25.0);

  private final String key;
  private final String unit;
  private final double toleranceDaily;

  MachineQuantity(String key, String unit, double toleranceDaily) {
    this.key = key;
    this.unit = unit;
    this.toleranceDaily = toleranceDaily;
  }

  public String key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  /** Daily tolerance on the deviation from baseline (absolute value), in {@link #unit()}. */
  public double toleranceDaily() {
    return toleranceDaily;
  }
}
