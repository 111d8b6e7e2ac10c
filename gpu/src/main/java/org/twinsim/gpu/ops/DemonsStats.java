package org.twinsim.gpu.ops;

/**
 * What one demons force evaluation saw, over the voxels where both images are defined.
 *
 * @param sumSquaredDiff sum of (f - m)^2 before the update, squared intensity units
 * @param voxels voxels counted (f and m not NaN)
 * @param maxStepMm largest |du| applied, mm
 */
public record DemonsStats(double sumSquaredDiff, long voxels, double maxStepMm) {
  /** Mean squared intensity difference (the demons metric), NaN when no voxel counted. */
  public double meanSquaredDiff() {
    return voxels == 0 ? Double.NaN : sumSquaredDiff / voxels;
  }
}
