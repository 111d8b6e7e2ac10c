package org.twinsim.model.registration;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Parameters of multi-resolution demons registration (Thirion 1998, Med Image Anal 2:243;
 * diffeomorphic variant: Vercauteren et al. 2009, NeuroImage 45:S61). Every field may be null in
 * a scenario; a null takes the default documented on it. Regularisation widths are given relative
 * to the voxel size of each level (sigma in mm = value x the level's largest voxel spacing), so a
 * setting behaves the same on a 1 mm CT and a 4 mm dose grid (a fixed width in mm under-regularises
 * coarse voxels: REFERENCES.md, plastimatch note).
 *
 * @param levels resolution levels, shrink factors 2^(levels-1) .. 1. Default 3.
 * @param maxIterations iteration bound per level. Default 50.
 * @param force demons force. Default {@link Force#MOVING_GRADIENT} (on virtual-patient CBCTs 8%
 *     lower TRE than {@link Force#SYMMETRIC} in the registration bench; the phantom tests pass with
 *     either).
 * @param updateRule how an update enters the field. Default {@link UpdateRule#ADDITIVE} (as accurate
 *     on the test phantom and half the cost; no folding measured inside the region).
 * @param updateSigmaVoxels Gaussian sigma of the update (fluid-like regularisation), in voxels of
 *     the level; 0 = none. Default 1.0.
 * @param fieldSigmaVoxels Gaussian sigma of the field after each update (diffusion-like
 *     regularisation), in voxels of the level; 0 = none. Default 1.5.
 * @param maxStepVoxels bound on the length of the raw update per iteration, in voxels of the
 *     level (the demons normalisation: with {@code h} this bound in mm the update is
 *     {@code -d J / (|J|^2 + d^2 / (4 h^2) + g0^2)}, whose length never exceeds h). Default 1.0.
 * @param gradientFloorHuPerMm g0 above: a floor on the gradient in the force's denominator, so
 *     that flat regions, where a tiny difference over a tiny gradient would otherwise give a full
 *     step in a meaningless direction, get no force (plastimatch thresholds the same denominator
 *     at 1 HU^2/mm^2). Default 2 HU/mm (1 HU/mm gains 5% TRE on the virtual-patient bench but
 *     loses 35% on the clean pure-translation phantom test).
 * @param histogramMatching map the fixed (CBCT) grey values onto the moving (CT) histogram first.
 *     Default true.
 * @param histogramMatchPoints interior quantiles of the histogram matching. Default 7.
 * @param histogramSmoothingVoxels Gaussian sigma (voxels of the finest level) applied to both
 *     images before their histograms are taken, so that CBCT noise does not squeeze contrast.
 *     Default 1.5.
 * @param convergenceMm a level stops when the net change of the field (root mean square over the
 *     overlap, after regularisation) stayed below this for {@code convergenceWindow} consecutive
 *     iterations; 0 disables the test (fixed iteration counts, as for comparing backends). The mean
 *     squared difference is no stopping signal on CBCT: noise dominates it and it plateaus while
 *     the field still improves. Default 0.02 mm.
 * @param convergenceWindow consecutive iterations below the tolerance. Default 3.
 * @param minOverlapFraction smallest fraction of the (masked) fixed region that must map inside
 *     the moving image. Default 0.5.
 * @param shadingCorrection remove the CBCT's smooth shading (cupping) against the rigidly mapped CT
 *     before the histogram matching ({@link ShadingCorrection}): histogram matching maps grey
 *     values globally and cannot undo an error that varies across the image. Default true.
 */
public record DemonsParameters(Integer levels, Integer maxIterations, Force force, UpdateRule updateRule,
                               Double updateSigmaVoxels, Double fieldSigmaVoxels, Double maxStepVoxels,
                               Double gradientFloorHuPerMm, Boolean histogramMatching, Integer histogramMatchPoints,
                               Double histogramSmoothingVoxels, Double convergenceMm,
                               Integer convergenceWindow, Double minOverlapFraction, Boolean shadingCorrection) {

  /** The demons force. */
  public enum Force {
    /** Thirion's original force: gradient of the fixed image. */
    FIXED_GRADIENT,
    /** Symmetric (efficient second-order) force: mean of the fixed and the warped moving gradients (Vercauteren 2009). */
    SYMMETRIC,
    /**
     * Gradient of the warped moving image alone (ITK's WarpedMovingImageGradient option; the force
     * plastimatch's CPU demons uses): the planning CT's clean gradient instead of the CBCT's, whose
     * noise (20 HU at 4 mm) exceeds the soft-tissue contrast that the deformation must follow.
     */
    MOVING_GRADIENT
  }

  /** How an update u enters the field s. */
  public enum UpdateRule {
    /** Additive: s <- s + u (Thirion 1998). */
    ADDITIVE,
    /** Compositive through the exponential: s <- s o exp(u), exp by scaling and squaring (Vercauteren 2009). */
    DIFFEOMORPHIC
  }

  public DemonsParameters {
    levels = levels == null ? 3 : levels;
    maxIterations = maxIterations == null ? 50 : maxIterations;
    force = force == null ? Force.MOVING_GRADIENT : force;
    updateRule = updateRule == null ? UpdateRule.ADDITIVE : updateRule;
    updateSigmaVoxels = updateSigmaVoxels == null ? 1.0 : updateSigmaVoxels;
    fieldSigmaVoxels = fieldSigmaVoxels == null ? 1.5 : fieldSigmaVoxels;
    maxStepVoxels = maxStepVoxels == null ? 1.0 : maxStepVoxels;
    gradientFloorHuPerMm = gradientFloorHuPerMm == null ? 2.0 : gradientFloorHuPerMm;
    histogramMatching = histogramMatching == null ? Boolean.TRUE : histogramMatching;
    histogramMatchPoints = histogramMatchPoints == null ? 7 : histogramMatchPoints;
    histogramSmoothingVoxels = histogramSmoothingVoxels == null ? 1.5 : histogramSmoothingVoxels;
    convergenceMm = convergenceMm == null ? 0.02 : convergenceMm;
    convergenceWindow = convergenceWindow == null ? 3 : convergenceWindow;
    minOverlapFraction = minOverlapFraction == null ? 0.5 : minOverlapFraction;
    shadingCorrection = shadingCorrection == null ? Boolean.TRUE : shadingCorrection;

    InvalidParameterException.atLeast("levels", levels, 1);
    if (levels > 6) {
      throw new InvalidParameterException("levels", "expected an integer in [1, 6], got " + levels);
    }
    InvalidParameterException.atLeast("maxIterations", maxIterations, 1);
    InvalidParameterException.inRange("updateSigmaVoxels", updateSigmaVoxels, 0, 10);
    InvalidParameterException.inRange("fieldSigmaVoxels", fieldSigmaVoxels, 0, 10);
    InvalidParameterException.inRange("maxStepVoxels", maxStepVoxels, 0.05, 5);
    InvalidParameterException.inRange("gradientFloorHuPerMm", gradientFloorHuPerMm, 0, 1000);
    InvalidParameterException.atLeast("histogramMatchPoints", histogramMatchPoints, 1);
    InvalidParameterException.inRange("histogramSmoothingVoxels", histogramSmoothingVoxels, 0, 10);
    InvalidParameterException.inRange("convergenceMm", convergenceMm, 0, 100);
    InvalidParameterException.atLeast("convergenceWindow", convergenceWindow, 1);
    InvalidParameterException.inRange("minOverlapFraction", minOverlapFraction, 1e-6, 1);
  }

  /** All defaults. */
  public static DemonsParameters defaults() {
    return new DemonsParameters(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public DemonsParameters withLevels(int v) {
    return new DemonsParameters(v, maxIterations, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withMaxIterations(int v) {
    return new DemonsParameters(levels, v, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withForce(Force v) {
    return new DemonsParameters(levels, maxIterations, v, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withUpdateRule(UpdateRule v) {
    return new DemonsParameters(levels, maxIterations, force, v, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withSigmasVoxels(double update, double field) {
    return new DemonsParameters(levels, maxIterations, force, updateRule, update, field,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withMaxStepVoxels(double v) {
    return new DemonsParameters(levels, maxIterations, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        v, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withGradientFloorHuPerMm(double v) {
    return new DemonsParameters(levels, maxIterations, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, v, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withHistogramMatching(boolean v) {
    return new DemonsParameters(levels, maxIterations, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, v, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }

  public DemonsParameters withShadingCorrection(boolean v) {
    return new DemonsParameters(levels, maxIterations, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, convergenceMm,
        convergenceWindow, minOverlapFraction, v);
  }

  public DemonsParameters withConvergenceMm(double v) {
    return new DemonsParameters(levels, maxIterations, force, updateRule, updateSigmaVoxels, fieldSigmaVoxels,
        maxStepVoxels, gradientFloorHuPerMm, histogramMatching, histogramMatchPoints, histogramSmoothingVoxels, v,
        convergenceWindow, minOverlapFraction, shadingCorrection);
  }
}
