package org.twinsim.model.geometry;

/**
 * Trilinear interpolation on flat x-fastest float arrays; the one place where out-of-grid
 * behaviour is decided.
 *
 * <p>Positions are continuous voxel indices. Within half a voxel outside the outermost voxel
 * centres the position is clamped to the edge (the voxel still covers it); farther out the
 * {@code outside} value is returned.
 */
public final class Trilinear {
  private Trilinear() {
  }

  /** Interpolated value of {@code a} (laid out on {@code g}) at continuous index (fi, fj, fk). */
  public static float sample(float[] a, Grid3 g, double fi, double fj, double fk, float outside) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5
        || Double.isNaN(fi) || Double.isNaN(fj) || Double.isNaN(fk)) {
      return outside;
    }
    double ci = fi < 0 ? 0 : (fi > nx - 1 ? nx - 1 : fi);
    double cj = fj < 0 ? 0 : (fj > ny - 1 ? ny - 1 : fj);
    double ck = fk < 0 ? 0 : (fk > nz - 1 ? nz - 1 : fk);
    int i0 = (int) ci;
    int j0 = (int) cj;
    int k0 = (int) ck;
    if (i0 >= nx - 1) {
      i0 = Math.max(0, nx - 2);
    }
    if (j0 >= ny - 1) {
      j0 = Math.max(0, ny - 2);
    }
    if (k0 >= nz - 1) {
      k0 = Math.max(0, nz - 2);
    }
    double tx = ci - i0;
    double ty = cj - j0;
    double tz = ck - k0;
    int sx = nx > 1 ? 1 : 0;
    int sy = ny > 1 ? nx : 0;
    int sz = nz > 1 ? nx * ny : 0;
    int b = i0 + nx * (j0 + ny * k0);
    double c00 = a[b] + tx * (a[b + sx] - a[b]);
    double c10 = a[b + sy] + tx * (a[b + sy + sx] - a[b + sy]);
    double c01 = a[b + sz] + tx * (a[b + sz + sx] - a[b + sz]);
    double c11 = a[b + sz + sy] + tx * (a[b + sz + sy + sx] - a[b + sz + sy]);
    double c0 = c00 + ty * (c10 - c00);
    double c1 = c01 + ty * (c11 - c01);
    return (float) (c0 + tz * (c1 - c0));
  }
}
