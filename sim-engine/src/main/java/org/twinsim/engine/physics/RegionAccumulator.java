package org.twinsim.engine.physics;

import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.VectorField;

/**
 * Dose accumulated on the planning anatomy over a course, in a region of the planning grid (the
 * reported structures): each fraction's dose, given on the day's grid, is read at the day position
 * of every planning voxel of the region. The day position y of planning point x solves
 * {@code y + u(y) = x} for the day's planning -> day field u (a backward field on the day grid);
 * it is found by fixed-point iteration {@code y <- x - u(y)} from {@code y = x - u(x)}, which
 * converges where the field's Jacobian is well away from zero (the anatomy generator's fields are
 * smooth and invertible; the iteration count is fixed so the result is deterministic).
 */
final class RegionAccumulator {
  static final int ITERATIONS = 10;
  private final Grid3 grid;
  private final int[] voxels;
  private final float[] sum;
  private int fractions;

  /** Accumulates over the planning voxels where {@code region} is set. */
  RegionAccumulator(Grid3 planningGrid, boolean[] region) {
    this.grid = planningGrid;
    int n = 0;
    for (boolean b : region) {
      n += b ? 1 : 0;
    }
    voxels = new int[n];
    for (int i = 0, k = 0; i < region.length; i++) {
      if (region[i]) {
        voxels[k++] = i;
      }
    }
    sum = new float[planningGrid.size()];
  }

  /** Day positions (x, y, z triplets, mm) of the region's planning voxels under the day's field. */
  float[] dayPositions(VectorField planningToDay) {
    grid.requireSame(planningToDay.grid(), "accumulation: planning grid vs day field");
    float[] ux = planningToDay.ux();
    float[] uy = planningToDay.uy();
    float[] uz = planningToDay.uz();
    float[] pos = new float[3 * voxels.length];
    int nx = grid.nx();
    int nxy = nx * grid.ny();
    for (int q = 0; q < voxels.length; q++) {
      int n = voxels[q];
      int k = n / nxy;
      int j = (n - k * nxy) / nx;
      int i = n - k * nxy - j * nx;
      double x = grid.x(i);
      double y = grid.y(j);
      double z = grid.z(k);
      double px = x - ux[n];
      double py = y - uy[n];
      double pz = z - uz[n];
      for (int it = 0; it < ITERATIONS; it++) {
        double fi = grid.fi(px);
        double fj = grid.fj(py);
        double fk = grid.fk(pz);
        px = x - Trilinear.sample(ux, grid, fi, fj, fk, 0f);
        py = y - Trilinear.sample(uy, grid, fi, fj, fk, 0f);
        pz = z - Trilinear.sample(uz, grid, fi, fj, fk, 0f);
      }
      pos[3 * q] = (float) px;
      pos[3 * q + 1] = (float) py;
      pos[3 * q + 2] = (float) pz;
    }
    return pos;
  }

  /** Adds one fraction's dose (on the day grid = planning grid) read at {@code dayPositions}. */
  void add(float[] dayDose, float[] dayPositions) {
    for (int q = 0; q < voxels.length; q++) {
      sum[voxels[q]] += Trilinear.sample(dayDose, grid, grid.fi(dayPositions[3 * q]), grid.fj(dayPositions[3 * q + 1]),
          grid.fk(dayPositions[3 * q + 2]), 0f);
    }
    fractions++;
  }

  int fractions() {
    return fractions;
  }

  /** The accumulated dose, Gy (zero outside the region). Not a copy. */
  float[] total() {
    return sum;
  }
}
