package org.twinsim.model.registration;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Parameters of rigid bone registration (setup / couch correction). Every field may be null in a
 * scenario; a null takes the default documented on it.
 *
 * @param levels resolution levels, shrink factors 2^(levels-1) .. 1. Default 2.
 * @param maxIterations Levenberg-Marquardt iterations bound per level. Default 40.
 * @param boneThresholdHu planning-CT voxels above this value are bone (when no bone mask is
 *     given). Default 200 HU.
 * @param boneDilationVoxels the bone mask is dilated by this many voxels (26-neighbourhood) so
 *     that the bone edges, which carry the information, are inside it. Default 1.
 * @param estimateRotations also estimate the three rotations (6 degrees of freedom, for a 6-DOF
 *     couch); otherwise three translations. Default false.
 * @param convergenceMm a level stops when the proposed step moves no point within 50 mm of the
 *     isocentre by more than this (|dt| + 50 mm x |dw|). Default 0.01 mm.
 * @param minBoneVoxels fewest fixed voxels of the finest level that must fall on the (dilated) bone
 *     mask. Default 50.
 */
public record RigidParameters(Integer levels, Integer maxIterations, Double boneThresholdHu,
                              Integer boneDilationVoxels, Boolean estimateRotations, Double convergenceMm,
                              Integer minBoneVoxels) {
  public RigidParameters {
    levels = levels == null ? 2 : levels;
    maxIterations = maxIterations == null ? 40 : maxIterations;
    boneThresholdHu = boneThresholdHu == null ? 200.0 : boneThresholdHu;
    boneDilationVoxels = boneDilationVoxels == null ? 1 : boneDilationVoxels;
    estimateRotations = estimateRotations == null ? Boolean.FALSE : estimateRotations;
    convergenceMm = convergenceMm == null ? 0.01 : convergenceMm;
    minBoneVoxels = minBoneVoxels == null ? 50 : minBoneVoxels;
    InvalidParameterException.atLeast("levels", levels, 1);
    if (levels > 5) {
      throw new InvalidParameterException("levels", "expected an integer in [1, 5], got " + levels);
    }
    InvalidParameterException.atLeast("maxIterations", maxIterations, 1);
    InvalidParameterException.inRange("boneThresholdHu", boneThresholdHu, -1000, 3000);
    InvalidParameterException.atLeast("boneDilationVoxels", boneDilationVoxels, 0);
    InvalidParameterException.positive("convergenceMm", convergenceMm);
    InvalidParameterException.atLeast("minBoneVoxels", minBoneVoxels, 1);
  }

  /** All defaults (3 translations). */
  public static RigidParameters defaults() {
    return new RigidParameters(null, null, null, null, null, null, null);
  }

  public RigidParameters withRotations(boolean v) {
    return new RigidParameters(levels, maxIterations, boneThresholdHu, boneDilationVoxels, v, convergenceMm, minBoneVoxels);
  }

  public RigidParameters withBoneThresholdHu(double v) {
    return new RigidParameters(levels, maxIterations, v, boneDilationVoxels, estimateRotations, convergenceMm, minBoneVoxels);
  }
}
