package org.twinsim.engine.observe;

import org.twinsim.model.anatomy.FractionMotion;
import org.twinsim.model.geometry.Vec3;

/**
 * What the clinic measured on a fraction's CBCT, next to the truth it was measured from.
 * Strategies decide from the observed fields; only the oracle and the scoring read {@link #truth()}.
 *
 * @param fraction fraction index, 0-based
 * @param truth the true anatomy of the day at imaging
 * @param obsSetupMm bony setup error as measured (rigid match), patient axes, mm
 * @param obsProstateMm prostate shift relative to bone as measured, patient axes, mm
 * @param method how it was measured
 * @param treMeanMm mean target registration error in the pelvic organs, mm (NaN if not measured)
 * @param treP95Mm 95th percentile of the target registration error, mm (NaN if not measured)
 * @param prostateDice Dice of the propagated prostate contour (NaN if not measured)
 * @param measuredS wall-clock time spent measuring on this machine, s
 */
public record FractionObservation(int fraction, FractionMotion truth, Vec3 obsSetupMm, Vec3 obsProstateMm,
                                  String method, double treMeanMm, double treP95Mm, double prostateDice,
                                  double measuredS) {
}
