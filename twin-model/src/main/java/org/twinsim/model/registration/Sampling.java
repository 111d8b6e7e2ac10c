package org.twinsim.model.registration;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;

/**
 * Edge-clamped trilinear sampling and resampling between grids, the interpolation used for
 * displacement fields and for the resolution pyramid.
 *
 * <p>Unlike {@link org.twinsim.model.geometry.Trilinear} (which returns an "outside" value beyond
 * half a voxel), a position outside the grid is clamped onto it: the field and the image are
 * extended by their edge values ("replicate-edge"). Continuous index {@code f} along an axis of
 * {@code n} voxels is clamped to {@code [0, n-1]}; the lower corner is {@code min(floor(f), n-2)}
 * (0 when {@code n == 1}) and the weight is {@code f - corner}.
 */
final class Sampling {
  private Sampling() {
  }

  /** Edge-clamped trilinear value of {@code a} (on {@code g}) at continuous index (fi, fj, fk). */
  static float clamped(float[] a, Grid3 g, double fi, double fj, double fk) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    double ci = fi < 0 ? 0 : (fi > nx - 1 ? nx - 1 : fi);
    double cj = fj < 0 ? 0 : (fj > ny - 1 ? ny - 1 : fj);
    double ck = fk < 0 ? 0 : (fk > nz - 1 ? nz - 1 : fk);
    int i0 = Math.min((int) ci, Math.max(0, nx - 2));
    int j0 = Math.min((int) cj, Math.max(0, ny - 2));
    int k0 = Math.min((int) ck, Math.max(0, nz - 2));
    float tx = (float) (ci - i0);
    float ty = (float) (cj - j0);
    float tz = (float) (ck - k0);
    int sx = nx > 1 ? 1 : 0;
    int sy = ny > 1 ? nx : 0;
    int sz = nz > 1 ? nx * ny : 0;
    int b = i0 + nx * (j0 + ny * k0);
    float c00 = a[b] + tx * (a[b + sx] - a[b]);
    float c10 = a[b + sy] + tx * (a[b + sy + sx] - a[b + sy]);
    float c01 = a[b + sz] + tx * (a[b + sz + sx] - a[b + sz]);
    float c11 = a[b + sz + sy] + tx * (a[b + sz + sy + sx] - a[b + sz + sy]);
    float c0 = c00 + ty * (c10 - c00);
    float c1 = c01 + ty * (c11 - c01);
    return c0 + tz * (c1 - c0);
  }

  /**
   * Resamples {@code src} (on {@code sg}) at the voxel centres of {@code dg} into {@code dst}
   * (length {@code dg.size()}; modified), edge-clamped trilinear; parallel over slices.
   */
  static void resample(float[] src, Grid3 sg, float[] dst, Grid3 dg) {
    IntStream.range(0, dg.nz()).parallel().forEach(k -> {
      double fk = sg.fk(dg.z(k));
      for (int j = 0; j < dg.ny(); j++) {
        double fj = sg.fj(dg.y(j));
        int row = dg.index(0, j, k);
        for (int i = 0; i < dg.nx(); i++) {
          dst[row + i] = clamped(src, sg, sg.fi(dg.x(i)), fj, fk);
        }
      }
    });
  }

  /** A sub-grid of {@code g}: the voxels of the inclusive index box {i0, i1, j0, j1, k0, k1}. */
  static Grid3 subGrid(Grid3 g, int[] box) {
    return new Grid3(box[1] - box[0] + 1, box[3] - box[2] + 1, box[5] - box[4] + 1,
        g.spacingXMm(), g.spacingYMm(), g.spacingZMm(), g.x(box[0]), g.y(box[2]), g.z(box[4]));
  }

  /** Copies the index box of {@code src} (on {@code g}) into a new array laid out on {@code subGrid(g, box)}. */
  static float[] crop(float[] src, Grid3 g, int[] box) {
    int nx = box[1] - box[0] + 1;
    int ny = box[3] - box[2] + 1;
    int nz = box[5] - box[4] + 1;
    float[] out = new float[nx * ny * nz];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        System.arraycopy(src, g.index(box[0], box[2] + j, box[4] + k), out, nx * (j + ny * k), nx);
      }
    }
    return out;
  }

  /** The whole grid as an index box. */
  static int[] fullBox(Grid3 g) {
    return new int[] {0, g.nx() - 1, 0, g.ny() - 1, 0, g.nz() - 1};
  }
}
