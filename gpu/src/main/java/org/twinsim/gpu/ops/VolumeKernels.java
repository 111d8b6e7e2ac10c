package org.twinsim.gpu.ops;

import org.twinsim.gpu.Backend;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * The volume operations that registration, dose and DVH are built from, with one exact rule each
 * and two backends that follow it: {@link CpuVolumeKernels} (Java, the oracle and the fallback) and
 * {@link GpuVolumeKernels} (CUDA). Every method writes only into the outputs it names and leaves
 * its inputs unmodified unless it says otherwise; outputs are caller-owned arrays of the right
 * length (checked). Volumes are flat x-fastest float arrays laid out on a {@link Grid3}.
 */
public interface VolumeKernels {
  /** Which backend computes (GPU for a GPU backend with CPU fallback). */
  Backend backend();

  /**
   * Separable Gaussian smoothing, rule of {@link GaussianSpec}.
   *
   * @param in volume on {@code grid}; not modified
   * @param out receives the smoothed volume; must not be {@code in}
   */
  void gaussian(float[] in, Grid3 grid, GaussianSpec spec, float[] out);

  /**
   * Backward warp: {@code out(p) = source(p + u(p))} for every voxel p of the field's grid,
   * trilinear with exactly {@link org.twinsim.model.geometry.Trilinear#sample}'s rule,
   * {@code outside} more than half a voxel beyond the source (as
   * {@link org.twinsim.model.geometry.Warp#volume}).
   *
   * @param out receives the warped volume on {@code field.grid()}
   */
  void warp(float[] source, Grid3 sourceGrid, VectorField field, float outside, float[] out);

  /**
   * Trilinear resampling of {@code source} onto {@code target} (no deformation), as
   * {@link org.twinsim.model.geometry.Warp#resample}. Pyramids use it between a grid and
   * {@link Pyramid#half(Grid3)}.
   *
   * @param out receives the volume on {@code target}
   */
  void resample(float[] source, Grid3 sourceGrid, Grid3 target, float outside, float[] out);

  /**
   * One demons force evaluation and update, rule of {@link DemonsForceParams} (exactly as
   * documented in demons.cu): {@code u += du} where both images are defined.
   *
   * @param fixed fixed image on {@code u.grid()}; must be finite; not modified
   * @param warpedMoving the moving image warped by {@code u} onto the same grid (NaN where it
   *     is undefined); not modified
   * @param u the backward field; modified in place
   * @return the metric before the update and the largest step
   */
  DemonsStats demonsForce(float[] fixed, float[] warpedMoving, DemonsForceParams params, VectorField u);

  /**
   * Differential DVH counts of the voxels whose label is in {@code inStructure}, rule of
   * {@link DvhBins}.
   *
   * @param labels one label per voxel (as {@link org.twinsim.model.geometry.LabelMap#labels()})
   * @param inStructure 256 entries: whether a label belongs to the structure
   *     ({@link org.twinsim.model.geometry.LabelMap#labelsWithin})
   * @param counts receives the counts ({@code bins.bins()} entries, overwritten)
   */
  void dvh(float[] dose, byte[] labels, boolean[] inStructure, DvhBins bins, int[] counts);

  /** Checks that {@code a} has {@code n} values. */
  static void requireLength(String what, float[] a, int n) {
    if (a == null || a.length != n) {
      throw new IllegalArgumentException(what + ": expected " + n + " values, got " + (a == null ? "null" : a.length));
    }
  }
}
