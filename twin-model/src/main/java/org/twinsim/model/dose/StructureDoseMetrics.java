package org.twinsim.model.dose;

import java.util.List;

/**
 * Dose-volume metrics of one structure (ICRU Report 83 conventions; Dmax reported as D0.03cc as
 * recommended for near-maximum doses of small volumes).
 *
 * @param structure structure name
 * @param volumeCc structure volume, cm^3
 * @param prescriptionGy the prescription the percentages refer to, Gy
 * @param d98Gy dose to 98% of the volume (near-minimum), Gy
 * @param d95Gy dose to 95% of the volume, Gy
 * @param d50Gy median dose, Gy
 * @param d2Gy dose to 2% of the volume (near-maximum), Gy
 * @param dMaxGy D0.03cc, Gy
 * @param dMeanGy mean dose, Gy
 * @param volumesAtDose V_x for the requested dose levels
 */
public record StructureDoseMetrics(String structure, double volumeCc, double prescriptionGy, double d98Gy, double d95Gy,
                                   double d50Gy, double d2Gy, double dMaxGy, double dMeanGy,
                                   List<VolumeAtDose> volumesAtDose) {
  public StructureDoseMetrics {
    volumesAtDose = List.copyOf(volumesAtDose);
  }

  /** A dose in % of the prescription. */
  public double percent(double doseGy) {
    return 100.0 * doseGy / prescriptionGy;
  }

  public double d98Percent() {
    return percent(d98Gy);
  }

  public double d95Percent() {
    return percent(d95Gy);
  }

  public double d50Percent() {
    return percent(d50Gy);
  }

  public double d2Percent() {
    return percent(d2Gy);
  }

  public double dMaxPercent() {
    return percent(dMaxGy);
  }

  public double dMeanPercent() {
    return percent(dMeanGy);
  }
}
