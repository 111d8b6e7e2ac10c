package org.twinsim.gpu.ops;

import org.twinsim.model.geometry.Grid3;

/**
 * Factor-2 resolution pyramids on either backend. The coarse grid is
 * {@link Grid3#resampled}(2 x spacing): the same physical extent and centre, {@code round(n/2)}
 * voxels per axis. Down- and upsampling are both {@link VolumeKernels#resample} (trilinear at the
 * other grid's voxel centres). For an even dimension a coarse voxel centre lies midway between two
 * fine ones, so downsampling averages each 2x2x2 block exactly; for an odd dimension the coarse
 * centres fall on every other fine centre (point sampling): smooth first (a Gaussian of about one
 * fine voxel, as ITK's pyramid does) when aliasing matters. Coarse grids cover the fine extent, so
 * no sample falls outside and {@code outside} is never used.
 */
public final class Pyramid {
  private Pyramid() {
  }

  /** The next coarser level of {@code fine}. */
  public static Grid3 half(Grid3 fine) {
    return fine.resampled(2 * fine.spacingXMm(), 2 * fine.spacingYMm(), 2 * fine.spacingZMm());
  }

  /** Samples {@code fine} at the voxel centres of {@link #half}(fineGrid) into {@code coarse}. */
  public static void downsample(VolumeKernels k, float[] fine, Grid3 fineGrid, float[] coarse) {
    k.resample(fine, fineGrid, half(fineGrid), 0f, coarse);
  }

  /** Samples {@code coarse} (on {@code coarseGrid}) at the voxel centres of {@code fineGrid} into {@code fine}. */
  public static void upsample(VolumeKernels k, float[] coarse, Grid3 coarseGrid, Grid3 fineGrid, float[] fine) {
    k.resample(coarse, coarseGrid, fineGrid, 0f, fine);
  }
}
