package org.twinsim.model.geometry;

import java.util.Arrays;

/**
 * A scalar image on a {@link Grid3}: float voxels in a flat x-fastest array (HU for CT, Gy for dose).
 *
 * <p>The array is exposed on purpose ({@link #data()}): hot loops index it directly. The grid is
 * immutable; the voxel values are not.
 */
public final class Volume {
  private final Grid3 grid;
  private final float[] data;

  /** A volume filled with zeros. */
  public Volume(Grid3 grid) {
    this(grid, new float[grid.size()]);
  }

  /** Wraps an existing array (not copied) of exactly {@code grid.size()} values. */
  public Volume(Grid3 grid, float[] data) {
    if (data.length != grid.size()) {
      throw new IllegalArgumentException("volume data has " + data.length + " values, grid needs " + grid.size());
    }
    this.grid = grid;
    this.data = data;
  }

  public Grid3 grid() {
    return grid;
  }

  /** The voxel values, x-fastest (not a copy). */
  public float[] data() {
    return data;
  }

  public float get(int i, int j, int k) {
    return data[grid.index(i, j, k)];
  }

  public void set(int i, int j, int k, float v) {
    data[grid.index(i, j, k)] = v;
  }

  public void fill(float v) {
    Arrays.fill(data, v);
  }

  /** A deep copy. */
  public Volume copy() {
    return new Volume(grid, data.clone());
  }

  /**
   * Trilinear value at a patient position (mm); {@code outside} beyond the outermost voxel centres
   * (within half a voxel of the edge the edge value is used).
   */
  public float sample(double xMm, double yMm, double zMm, float outside) {
    return Trilinear.sample(data, grid, grid.fi(xMm), grid.fj(yMm), grid.fk(zMm), outside);
  }

  /** Minimum and maximum voxel value as {min, max}. */
  public float[] range() {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : data) {
      if (v < lo) {
        lo = v;
      }
      if (v > hi) {
        hi = v;
      }
    }
    return new float[] {lo, hi};
  }
}
