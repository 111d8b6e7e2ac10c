package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;

/**
 * One fraction of one virtual patient: the TRUE anatomy at the time of imaging and what the clinic
 * observes of it.
 *
 * @param fraction fraction index, 0-based
 * @param motion the drawn truth this day realises (setup, prostate motion and rotation, volumes)
 * @param trueCt the true CT of the day, HU, on the planning grid (room frame)
 * @param trueLabels the true structures of the day, rasterised from the deformed implicit anatomy
 * @param trueField the true planning -> day field: a backward field on the day (= planning) grid,
 *     {@code day(p) = planning(p + u(p))}
 * @param cbct the simulated CBCT of the day (on the CBCT grid; see {@link CbctSpec}); null for an
 *     anatomy generated without imaging ({@link DailyAnatomyGenerator#anatomy},
 *     {@link DailyAnatomyGenerator#atDelivery})
 * @param deformation the exact point map behind {@code trueField} (evaluate it anywhere, e.g. at
 *     landmarks for target registration errors)
 * @param rectalGasCc rectal gas in the true CT of the day, cm^3
 */
public record DailyAnatomy(int fraction, FractionMotion motion, Volume trueCt, LabelMap trueLabels,
                           VectorField trueField, Volume cbct, DailyDeformation deformation,
                           double rectalGasCc) {

  /** Where the planning prostate centroid lies on this day, room coordinates, mm. */
  public Vec3 prostateCentroidMm() {
    return deformation.prostateCentroidMm();
  }
}
