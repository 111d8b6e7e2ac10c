package org.twinsim.engine.dose;

/**
 * Dose metrics of one delivered fraction, % of the prescribed fraction dose (V70Gy in % of the
 * structure's volume); NaN where the model does not provide a metric.
 *
 * @param model the model that produced them
 * @param ctvD98Pct CTV D98
 * @param ctvD95Pct CTV D95
 * @param ctvV100Pct CTV volume receiving at least the prescription, %
 * @param ctvD2Pct CTV D2 (near-maximum)
 * @param bladderNeckDmaxPct bladder neck D0.03cc
 * @param bladderNeckD2ccPct bladder neck D2cc
 * @param bladderNeckDmeanPct bladder neck mean dose
 * @param rectumD2ccPct rectum D2cc
 * @param rectumV70GyPct rectum volume whose course-equivalent dose (fraction dose x fractions) reaches 70 Gy, %
 * @param bladderD2ccPct bladder D2cc
 * @param bladderV70GyPct bladder volume whose course-equivalent dose reaches 70 Gy, %
 */
public record DoseOutcome(String model, double ctvD98Pct, double ctvD95Pct, double ctvV100Pct, double ctvD2Pct,
                          double bladderNeckDmaxPct, double bladderNeckD2ccPct, double bladderNeckDmeanPct,
                          double rectumD2ccPct, double rectumV70GyPct, double bladderD2ccPct, double bladderV70GyPct) {

  /**
   * The outcome of the same delivery with the machine's output off by {@code factor} (dose is
   * proportional to the delivered monitor units, so every dose metric scales by it); the volume
   * metrics (V100, V70Gy) are not recomputed and become NaN unless the factor is 1.
   */
  public DoseOutcome scaled(double factor) {
    if (factor == 1.0) {
      return this;
    }
    double n = Double.NaN;
    return new DoseOutcome(model, ctvD98Pct * factor, ctvD95Pct * factor, n, ctvD2Pct * factor,
        bladderNeckDmaxPct * factor, bladderNeckD2ccPct * factor, bladderNeckDmeanPct * factor,
        rectumD2ccPct * factor, n, bladderD2ccPct * factor, n);
  }

  /** An outcome with only the placeholder's metrics. */
  public static DoseOutcome geometric(String model, double d98, double d95, double neckMax, double neckMean) {
    double n = Double.NaN;
    return new DoseOutcome(model, d98, d95, n, n, neckMax, n, neckMean, n, n, n, n);
  }
}
