package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.Grid3;

/**
 * Trilinear sampling on one fixed grid with the index arithmetic hoisted out (inverse spacings
 * precomputed, several arrays sampled with one set of weights): the hot inner loop of the daily
 * deformation. Positions outside the span of the voxel centres give {@code outside}.
 */
final class GridSampler {
  private final int nx;
  private final int ny;
  private final int nz;
  private final int plane;
  private final double ox;
  private final double oy;
  private final double oz;
  private final double ix;
  private final double iy;
  private final double iz;

  GridSampler(Grid3 g) {
    if (g.nx() < 2 || g.ny() < 2 || g.nz() < 2) {
      throw new IllegalArgumentException("sampler needs at least 2 nodes per axis: " + g);
    }
    nx = g.nx();
    ny = g.ny();
    nz = g.nz();
    plane = nx * ny;
    ox = g.originXMm();
    oy = g.originYMm();
    oz = g.originZMm();
    ix = 1 / g.spacingXMm();
    iy = 1 / g.spacingYMm();
    iz = 1 / g.spacingZMm();
  }

  float sample(float[] a, double x, double y, double z, float outside) {
    double fx = (x - ox) * ix;
    double fy = (y - oy) * iy;
    double fz = (z - oz) * iz;
    if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx <= nx - 1 && fy <= ny - 1 && fz <= nz - 1)) {
      return outside;
    }
    int i = Math.min((int) fx, nx - 2);
    int j = Math.min((int) fy, ny - 2);
    int k = Math.min((int) fz, nz - 2);
    double tx = fx - i;
    double ty = fy - j;
    double tz = fz - k;
    int b = i + nx * j + plane * k;
    return (float) lerp3(a, b, tx, ty, tz);
  }

  /** Samples three arrays at one position into out[0..2]; false (out untouched) outside. */
  boolean sample3(float[] a, float[] b, float[] c, double x, double y, double z, double[] out) {
    double fx = (x - ox) * ix;
    double fy = (y - oy) * iy;
    double fz = (z - oz) * iz;
    if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx <= nx - 1 && fy <= ny - 1 && fz <= nz - 1)) {
      return false;
    }
    int i = Math.min((int) fx, nx - 2);
    int j = Math.min((int) fy, ny - 2);
    int k = Math.min((int) fz, nz - 2);
    double tx = fx - i;
    double ty = fy - j;
    double tz = fz - k;
    int base = i + nx * j + plane * k;
    out[0] = lerp3(a, base, tx, ty, tz);
    out[1] = lerp3(b, base, tx, ty, tz);
    out[2] = lerp3(c, base, tx, ty, tz);
    return true;
  }

  private double lerp3(float[] a, int b, double tx, double ty, double tz) {
    int by = b + nx;
    int bz = b + plane;
    int byz = bz + nx;
    double c00 = a[b] + tx * (a[b + 1] - a[b]);
    double c10 = a[by] + tx * (a[by + 1] - a[by]);
    double c01 = a[bz] + tx * (a[bz + 1] - a[bz]);
    double c11 = a[byz] + tx * (a[byz + 1] - a[byz]);
    double c0 = c00 + ty * (c10 - c00);
    double c1 = c01 + ty * (c11 - c01);
    return c0 + tz * (c1 - c0);
  }
}
