package org.twinsim.model.registration;

import java.util.List;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * The outcome of a deformable registration.
 *
 * @param field the CBCT -> CT field: it lives on the fixed (CBCT) grid and {@code p + u(p)} is the
 *     matching point of the planning CT (backward field, see {@link VectorField}); the initial
 *     transform is included; outside the region of interest it is the initial transform (continued
 *     beyond faces where the measured data ended, see {@link DemonsRegistration})
 * @param levels per level, coarsest first: iterations, convergence, metric, timing
 * @param finalMetric mean squared difference (HU^2) between the intensity-matched fixed image and
 *     the warped moving image over the overlap of the finest level, after the last update
 * @param intensityMap the fixed-to-moving grey-value mapping that was applied (identity if none)
 * @param shading the CBCT shading that was removed before it ({@link ShadingCorrection#none()} if none)
 * @param seconds wall time of the whole registration, s
 * @param method the implementation's name
 */
public record DeformableResult(VectorField field, List<LevelReport> levels, double finalMetric,
                               HistogramMatching intensityMap, ShadingCorrection shading, double seconds,
                               String method) {
  public DeformableResult {
    levels = List.copyOf(levels);
  }

  /** Iterations run per level, coarsest first. */
  public int[] iterationsPerLevel() {
    return levels.stream().mapToInt(LevelReport::iterations).toArray();
  }

  /**
   * The inverse (CT -> CBCT) field on {@code ctGrid} by fixed-point inversion
   * ({@link FieldInversion}, default settings).
   */
  public VectorField inverse(Grid3 ctGrid) {
    return FieldInversion.invert(field, ctGrid, FieldInversion.DEFAULT_ITERATIONS, FieldInversion.DEFAULT_TOLERANCE_MM).field();
  }
}
