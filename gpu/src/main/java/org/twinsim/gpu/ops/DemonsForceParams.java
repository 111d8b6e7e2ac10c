package org.twinsim.gpu.ops;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Parameters of one demons force evaluation (Thirion 1998, Med. Image Anal. 2:243; step bound of
 * Cachier et al. 2003, Comput. Vis. Image Underst. 89:272).
 *
 * <p>For a backward field u on the fixed grid, with m the moving image warped by u and f the fixed
 * image: {@code du = (f - m) grad f / (|grad f|^2 + alpha^2 (f - m)^2)}, {@code u += du}. The
 * denominator's second term bounds the step: {@code |du| <= 1 / (2 alpha)}, so
 * {@code alpha = 1 / (2 maxStepMm)}.
 *
 * @param maxStepMm largest displacement update of one iteration, mm; default {@value #DEFAULT_MAX_STEP_MM}
 *     (half a 2 mm voxel, as ITK's demons normaliser, the mean squared spacing, gives)
 */
public record DemonsForceParams(double maxStepMm) {
  /** Default step bound, mm. */
  public static final double DEFAULT_MAX_STEP_MM = 1.0;
  /** Updates are skipped where the denominator is below this (flat and matched voxels). */
  public static final float DENOMINATOR_EPSILON = 1e-9f;

  public DemonsForceParams {
    InvalidParameterException.positive("maxStepMm", maxStepMm);
  }

  public static DemonsForceParams defaults() {
    return new DemonsForceParams(DEFAULT_MAX_STEP_MM);
  }

  /** {@code alpha^2 = 1 / (4 maxStepMm^2)}, 1/mm^2, rounded to float (the value both backends use). */
  public float alphaSquared() {
    return (float) (1.0 / (4.0 * maxStepMm * maxStepMm));
  }
}
