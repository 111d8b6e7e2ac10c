package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.Vec3;

/**
 * The TRUE rigid and filling components of one fraction's anatomy at the time of imaging.
 *
 * @param fraction fraction index, 0-based
 * @param setupMm bony setup error (systematic + random), patient axes, mm
 * @param prostateMm prostate translation relative to bone (systematic + random), patient axes, mm
 * @param prostateRotationDeg prostate rotation about the LR axis, degrees (positive: apex moves anterior)
 * @param bladderVolumeMl bladder volume of the day, mL
 * @param rectumVolumeMl rectum volume of the day, mL
 */
public record FractionMotion(int fraction, Vec3 setupMm, Vec3 prostateMm, double prostateRotationDeg,
                             double bladderVolumeMl, double rectumVolumeMl) {

  /** Prostate position relative to the planning position in room coordinates: setup + motion. */
  public Vec3 prostateTotalMm() {
    return setupMm.plus(prostateMm);
  }
}
