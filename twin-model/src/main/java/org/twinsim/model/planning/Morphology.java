package org.twinsim.model.planning;

import org.twinsim.model.geometry.Grid3;

/**
 * Binary morphology on voxel masks with physical (mm) radii: expansion of a target into a margin
 * volume and rings around it.
 */
public final class Morphology {
  private Morphology() {
  }

  /**
   * The mask dilated by a ball of {@code radiusMm} (a voxel is set if its centre lies within the
   * radius of a set voxel's centre, spacing taken into account). A new array.
   */
  public static boolean[] dilate(boolean[] mask, Grid3 g, double radiusMm) {
    if (mask.length != g.size()) {
      throw new IllegalArgumentException("mask has " + mask.length + " voxels, grid " + g.size());
    }
    boolean[] out = mask.clone();
    if (radiusMm <= 0) {
      return out;
    }
    int ri = (int) Math.floor(radiusMm / g.spacingXMm());
    int rj = (int) Math.floor(radiusMm / g.spacingYMm());
    int rk = (int) Math.floor(radiusMm / g.spacingZMm());
    int[] di = new int[(2 * ri + 1) * (2 * rj + 1) * (2 * rk + 1)];
    int[] dj = new int[di.length];
    int[] dk = new int[di.length];
    int m = 0;
    double r2 = radiusMm * radiusMm + 1e-9;
    for (int c = -rk; c <= rk; c++) {
      for (int b = -rj; b <= rj; b++) {
        for (int a = -ri; a <= ri; a++) {
          double x = a * g.spacingXMm();
          double y = b * g.spacingYMm();
          double z = c * g.spacingZMm();
          if (x * x + y * y + z * z <= r2) {
            di[m] = a;
            dj[m] = b;
            dk[m] = c;
            m++;
          }
        }
      }
    }
    int nx = g.nx();
    int ny = g.ny();
    int nz = g.nz();
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          int n = g.index(i, j, k);
          if (!mask[n] || !isBoundary(mask, g, i, j, k)) {
            continue;
          }
          for (int e = 0; e < m; e++) {
            int a = i + di[e];
            int b = j + dj[e];
            int c = k + dk[e];
            if (a >= 0 && b >= 0 && c >= 0 && a < nx && b < ny && c < nz) {
              out[g.index(a, b, c)] = true;
            }
          }
        }
      }
    }
    return out;
  }

  private static boolean isBoundary(boolean[] mask, Grid3 g, int i, int j, int k) {
    return i == 0 || j == 0 || k == 0 || i == g.nx() - 1 || j == g.ny() - 1 || k == g.nz() - 1
        || !mask[g.index(i - 1, j, k)] || !mask[g.index(i + 1, j, k)] || !mask[g.index(i, j - 1, k)]
        || !mask[g.index(i, j + 1, k)] || !mask[g.index(i, j, k - 1)] || !mask[g.index(i, j, k + 1)];
  }

  /** Number of set voxels. */
  public static int count(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      if (b) {
        n++;
      }
    }
    return n;
  }

  /** Flat indices of the set voxels, ascending. */
  public static int[] indices(boolean[] mask) {
    int[] out = new int[count(mask)];
    int c = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        out[c++] = i;
      }
    }
    return out;
  }

  /** Centroid of the set voxels in patient coordinates, mm, as {x, y, z}. */
  public static double[] centroidMm(boolean[] mask, Grid3 g) {
    double sx = 0;
    double sy = 0;
    double sz = 0;
    long n = 0;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          if (mask[g.index(i, j, k)]) {
            sx += g.x(i);
            sy += g.y(j);
            sz += g.z(k);
            n++;
          }
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("centroid of an empty mask");
    }
    return new double[] {sx / n, sy / n, sz / n};
  }
}
