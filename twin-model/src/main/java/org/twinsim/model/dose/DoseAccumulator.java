package org.twinsim.model.dose;

import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;
import org.twinsim.model.registration.FieldInversion;

/**
 * Sums the doses of treatment fractions on the planning grid by warping each day's dose back
 * through the day's deformation (dose mapping by pull-back interpolation, the standard
 * "deformable dose accumulation" of e.g. Rosu et al. 2005, Med Phys 32:2487; not energy-conserving,
 * which is adequate where the deformation is smooth on the scale of the dose grid).
 *
 * <p>Field conventions (see {@link VectorField}): {@link #add(Volume, VectorField)} takes a field
 * on the planning grid pointing into the day's grid (planning voxel q receives
 * {@code dayDose(q + v(q))}); {@link #addInverting} takes the anatomy's "planning -> day" field,
 * which lives on the day grid and points into the planning CT, and inverts it first. Not
 * thread-safe: one accumulator per course.
 */
public final class DoseAccumulator {
  /** Most fixed-point iterations of {@link FieldInversion} in {@link #addInverting}. */
  public static final int INVERSION_ITERATIONS = 20;

  private final Grid3 planningGrid;
  private final double[] sum;
  private int fractions;

  public DoseAccumulator(Grid3 planningGrid) {
    this.planningGrid = planningGrid;
    this.sum = new double[planningGrid.size()];
  }

  public Grid3 planningGrid() {
    return planningGrid;
  }

  /** Fractions added so far. */
  public int fractions() {
    return fractions;
  }

  /**
   * Adds one fraction's dose.
   *
   * @param dayDose dose on the day's grid, Gy (not modified)
   * @param dayFromPlanning field on the planning grid pointing into the day's grid; null when the
   *     day dose already lies on the planning grid in planning coordinates
   */
  public void add(Volume dayDose, VectorField dayFromPlanning) {
    float[] d;
    if (dayFromPlanning == null) {
      planningGrid.requireSame(dayDose.grid(), "day dose without a field vs planning grid");
      d = dayDose.data();
    } else {
      planningGrid.requireSame(dayFromPlanning.grid(), "accumulation field vs planning grid");
      d = Warp.volume(dayDose, dayFromPlanning, 0f).data();
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += d[i];
    }
    fractions++;
  }

  /**
   * Adds one fraction's dose given the anatomy's "planning -> day" field (on the day grid, pointing
   * into the planning CT), inverted onto the planning grid ({@link FieldInversion}).
   */
  public void addInverting(Volume dayDose, VectorField planningToDay) {
    dayDose.grid().requireSame(planningToDay.grid(), "day dose vs planning->day field");
    add(dayDose, FieldInversion.invert(planningToDay, planningGrid, INVERSION_ITERATIONS,
        FieldInversion.DEFAULT_TOLERANCE_MM).field());
  }

  /** The accumulated dose on the planning grid, Gy (a new volume). */
  public Volume total() {
    float[] out = new float[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) sum[i];
    }
    return new Volume(planningGrid, out);
  }
}
