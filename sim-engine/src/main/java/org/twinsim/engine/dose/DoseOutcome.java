package org.twinsim.engine.dose;

/**
 * Dose metrics of one delivered fraction, % of the prescribed fraction dose; NaN where the model
 * does not provide a metric.
 */
public record DoseOutcome(String model, double ctvD98Pct, double ctvD95Pct, double ctvV100Pct,
                          double bladderNeckDmaxPct, double bladderNeckDmeanPct, double rectumD2ccPct,
                          double bladderD2ccPct) {
}
