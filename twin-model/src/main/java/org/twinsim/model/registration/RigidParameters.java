package org.twinsim.model.registration;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Parameters of rigid bone registration (setup / couch correction). Every field may be null in a
 * scenario; a null takes the default documented on it.
 *
 * @param levels resolution levels of the Levenberg-Marquardt refinement, shrink factors
 *     2^(levels-1) .. 1. Default 2.
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
 * @param searchRangeMm capture range: before the refinement, every translation within this
 *     distance of the initial one (per axis) is tried on a grid of about
 *     {@value RigidRegistration#SEARCH_SPACING_MM} mm and the one whose CBCT best correlates with the
 *     CT's bone is kept, so that the refinement starts in the right basin (the pelvis, sacrum and
 *     vertebrae repeat along z, and a local optimiser started far off can lock onto the wrong one;
 *     on the virtual patients' pelvis the refinement alone reaches 44 mm along z, so there the
 *     search is a safety net). 0 disables the search. Default 30 mm (about 8 standard deviations
 *     of the pelvic setup error of Graf et al. 2009).
 * @param maxShiftMm the registration fails (RegistrationException) rather than return a couch
 *     correction whose translation differs from the initial one by more than this: no patient is
 *     treated after a 5 cm setup error, such a result is a failed registration. Must exceed
 *     {@code searchRangeMm}. Default 50 mm.
 * @param gainMin lower bound of the grey-value gain of the model {@code CBCT = gain x CT + offset}
 *     fitted over bone. Default 0.5.
 * @param gainMax upper bound of the gain; {@code gainMin = gainMax = 1} fits the offset alone.
 *     A fit that ends at a bound (unless both are equal) throws: the CBCT's grey values over bone do
 *     not follow the CT's, and a geometry fitted with them is not trusted. Default 1.5 (uncorrected
 *     CBCT numbers of bone are commonly off by tens of percent, not by a factor of two).
 * @param minBoneCorrelation the registration fails if the correlation coefficient between the CBCT
 *     and the registered CT over the bone voxels is below this at the end (the bone does not match:
 *     wrong patient, wrong region, corrupt image). Default 0.5.
 */
public record RigidParameters(Integer levels, Integer maxIterations, Double boneThresholdHu,
                              Integer boneDilationVoxels, Boolean estimateRotations, Double convergenceMm,
                              Integer minBoneVoxels, Double searchRangeMm, Double maxShiftMm, Double gainMin,
                              Double gainMax, Double minBoneCorrelation) {
  public RigidParameters {
    levels = levels == null ? 2 : levels;
    maxIterations = maxIterations == null ? 40 : maxIterations;
    boneThresholdHu = boneThresholdHu == null ? 200.0 : boneThresholdHu;
    boneDilationVoxels = boneDilationVoxels == null ? 1 : boneDilationVoxels;
    estimateRotations = estimateRotations == null ? Boolean.FALSE : estimateRotations;
    convergenceMm = convergenceMm == null ? 0.01 : convergenceMm;
    minBoneVoxels = minBoneVoxels == null ? 50 : minBoneVoxels;
    searchRangeMm = searchRangeMm == null ? 30.0 : searchRangeMm;
    maxShiftMm = maxShiftMm == null ? 50.0 : maxShiftMm;
    gainMin = gainMin == null ? 0.5 : gainMin;
    gainMax = gainMax == null ? 1.5 : gainMax;
    minBoneCorrelation = minBoneCorrelation == null ? 0.5 : minBoneCorrelation;
    InvalidParameterException.atLeast("levels", levels, 1);
    if (levels > 5) {
      throw new InvalidParameterException("levels", "expected an integer in [1, 5], got " + levels);
    }
    InvalidParameterException.atLeast("maxIterations", maxIterations, 1);
    InvalidParameterException.inRange("boneThresholdHu", boneThresholdHu, -1000, 3000);
    InvalidParameterException.atLeast("boneDilationVoxels", boneDilationVoxels, 0);
    InvalidParameterException.positive("convergenceMm", convergenceMm);
    InvalidParameterException.atLeast("minBoneVoxels", minBoneVoxels, 1);
    InvalidParameterException.inRange("searchRangeMm", searchRangeMm, 0, 200);
    InvalidParameterException.inRange("maxShiftMm", maxShiftMm, 1, 500);
    if (!(maxShiftMm > searchRangeMm)) {
      throw new InvalidParameterException("maxShiftMm", "expected more than searchRangeMm (" + searchRangeMm
          + " mm), got " + maxShiftMm);
    }
    InvalidParameterException.inRange("gainMin", gainMin, 0.05, 1);
    InvalidParameterException.inRange("gainMax", gainMax, 1, 20);
    InvalidParameterException.inRange("minBoneCorrelation", minBoneCorrelation, -1, 1);
  }

  /** All defaults (3 translations). */
  public static RigidParameters defaults() {
    return new RigidParameters(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public RigidParameters withRotations(boolean v) {
    return new RigidParameters(levels, maxIterations, boneThresholdHu, boneDilationVoxels, v, convergenceMm,
        minBoneVoxels, searchRangeMm, maxShiftMm, gainMin, gainMax, minBoneCorrelation);
  }

  public RigidParameters withBoneThresholdHu(double v) {
    return new RigidParameters(levels, maxIterations, v, boneDilationVoxels, estimateRotations, convergenceMm,
        minBoneVoxels, searchRangeMm, maxShiftMm, gainMin, gainMax, minBoneCorrelation);
  }

  /** These parameters with another capture range (0: no search), mm. */
  public RigidParameters withSearchRangeMm(double v) {
    return new RigidParameters(levels, maxIterations, boneThresholdHu, boneDilationVoxels, estimateRotations,
        convergenceMm, minBoneVoxels, v, maxShiftMm, gainMin, gainMax, minBoneCorrelation);
  }

  /** These parameters with other bounds of the grey-value gain (1, 1: offset only). */
  public RigidParameters withGainRange(double min, double max) {
    return new RigidParameters(levels, maxIterations, boneThresholdHu, boneDilationVoxels, estimateRotations,
        convergenceMm, minBoneVoxels, searchRangeMm, maxShiftMm, min, max, minBoneCorrelation);
  }

  /** Whether the gain is fixed (both bounds equal): only the offset is fitted. */
  public boolean gainFixed() {
    return gainMin.doubleValue() == gainMax.doubleValue();
  }
}
