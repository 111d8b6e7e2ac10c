package org.twinsim.model.registration;

import java.util.List;
import org.twinsim.model.geometry.Vec3;

/**
 * The outcome of a rigid bone registration.
 *
 * @param transform CBCT -> planning CT transform, rotation about the isocentre
 * @param couchShiftMm the couch translation that corrects the setup (= the transform's
 *     translation), patient axes, mm; the setup error of the day is its negative when no rotation
 *     is estimated
 * @param couchRotationDeg the couch rotation (rotation vector in degrees; small angles: about x
 *     pitch, y roll, z yaw), zero when rotations are not estimated
 * @param intensityGain fitted gain of the CT onto the CBCT grey values over bone
 * @param intensityOffsetHu fitted offset, HU
 * @param finalMetric mean squared residual over the bone voxels at the finest level, HU^2
 * @param boneVoxels fixed voxels of the finest level on the dilated bone mask at the end
 * @param boneCorrelation correlation coefficient of CBCT and registered CT over those voxels at
 *     the end (1 = perfect linear match)
 * @param searchShiftMm how far the capture-range search moved the start from the initial
 *     transform (zero if the search was disabled), mm
 * @param levels per level, coarsest first
 * @param seconds wall time, s
 */
public record RigidResult(RigidTransform transform, Vec3 couchShiftMm, Vec3 couchRotationDeg,
                          double intensityGain, double intensityOffsetHu, double finalMetric, int boneVoxels,
                          double boneCorrelation, Vec3 searchShiftMm, List<LevelReport> levels, double seconds) {
  public RigidResult {
    levels = List.copyOf(levels);
  }
}
