package org.twinsim.model.geometry;

import java.util.stream.IntStream;

/**
 * Warping of volumes and label maps by a {@link VectorField}, composition of fields, and the
 * Jacobian determinant. All loops are over primitive arrays, parallel over slices.
 *
 * <p>Field convention: see {@link VectorField} ({@code target(p) = source(p + u(p))}).
 */
public final class Warp {
  private Warp() {
  }

  /**
   * Resamples {@code source} through {@code field}: the result lives on the field's grid and
   * holds {@code source(p + u(p))}, trilinearly interpolated, {@code outside} where that point
   * falls outside the source grid.
   */
  public static Volume volume(Volume source, VectorField field, float outside) {
    Grid3 g = field.grid();
    Grid3 sg = source.grid();
    float[] src = source.data();
    float[] ux = field.ux();
    float[] uy = field.uy();
    float[] uz = field.uz();
    float[] out = new float[g.size()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          out[n] = Trilinear.sample(src, sg, sg.fi(g.x(i) + ux[n]), sg.fj(y + uy[n]), sg.fk(z + uz[n]), outside);
        }
      }
    });
    return new Volume(g, out);
  }

  /**
   * Resamples {@code source} onto {@code target} (no deformation), trilinear, {@code outside}
   * beyond the source.
   */
  public static Volume resample(Volume source, Grid3 target, float outside) {
    return volume(source, new VectorField(target), outside);
  }

  /**
   * Warps a label map through {@code field} by nearest-neighbour lookup: the result lives on the
   * field's grid; points mapped outside the source grid become background.
   */
  public static LabelMap labels(LabelMap source, VectorField field) {
    Grid3 g = field.grid();
    Grid3 sg = source.grid();
    byte[] src = source.labels();
    float[] ux = field.ux();
    float[] uy = field.uy();
    float[] uz = field.uz();
    byte[] out = new byte[g.size()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          long si = Math.round(sg.fi(g.x(i) + ux[n]));
          long sj = Math.round(sg.fj(y + uy[n]));
          long sk = Math.round(sg.fk(z + uz[n]));
          if (si >= 0 && sj >= 0 && sk >= 0 && si < sg.nx() && sj < sg.ny() && sk < sg.nz()) {
            out[n] = src[sg.index((int) si, (int) sj, (int) sk)];
          }
        }
      }
    });
    return new LabelMap(g, source.structures(), out);
  }

  /**
   * Composition of two backward fields: {@code first} maps target T to an intermediate M
   * ({@code p -> p + a(p)}, on T's grid), {@code second} maps M to source S ({@code q -> q + b(q)},
   * on M's grid). The result maps T to S: {@code p -> p + a(p) + b(p + a(p))}, on T's grid.
   * Beyond {@code second}'s grid, b is taken as zero.
   */
  public static VectorField compose(VectorField first, VectorField second) {
    Grid3 g = first.grid();
    Grid3 mg = second.grid();
    float[] ax = first.ux();
    float[] ay = first.uy();
    float[] az = first.uz();
    float[] bx = second.ux();
    float[] by = second.uy();
    float[] bz = second.uz();
    float[] ox = new float[g.size()];
    float[] oy = new float[g.size()];
    float[] oz = new float[g.size()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          double fi = mg.fi(g.x(i) + ax[n]);
          double fj = mg.fj(y + ay[n]);
          double fk = mg.fk(z + az[n]);
          ox[n] = ax[n] + Trilinear.sample(bx, mg, fi, fj, fk, 0f);
          oy[n] = ay[n] + Trilinear.sample(by, mg, fi, fj, fk, 0f);
          oz[n] = az[n] + Trilinear.sample(bz, mg, fi, fj, fk, 0f);
        }
      }
    });
    return new VectorField(g, ox, oy, oz);
  }

  /**
   * Jacobian determinant of the mapping {@code p -> p + u(p)} at every voxel, by central
   * differences (one-sided at the edges). Values <= 0 mean folding.
   */
  public static float[] jacobianDeterminant(VectorField field) {
    Grid3 g = field.grid();
    float[] ux = field.ux();
    float[] uy = field.uy();
    float[] uz = field.uz();
    float[] det = new float[g.size()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      int k0 = Math.max(0, k - 1);
      int k1 = Math.min(g.nz() - 1, k + 1);
      double dz = (k1 - k0) * g.spacingZMm();
      for (int j = 0; j < g.ny(); j++) {
        int j0 = Math.max(0, j - 1);
        int j1 = Math.min(g.ny() - 1, j + 1);
        double dy = (j1 - j0) * g.spacingYMm();
        for (int i = 0; i < g.nx(); i++) {
          int i0 = Math.max(0, i - 1);
          int i1 = Math.min(g.nx() - 1, i + 1);
          double dx = (i1 - i0) * g.spacingXMm();
          int xa = g.index(i0, j, k);
          int xb = g.index(i1, j, k);
          int ya = g.index(i, j0, k);
          int yb = g.index(i, j1, k);
          int za = g.index(i, j, k0);
          int zb = g.index(i, j, k1);
          double a11 = 1 + d(ux, xa, xb, dx);
          double a12 = d(ux, ya, yb, dy);
          double a13 = d(ux, za, zb, dz);
          double a21 = d(uy, xa, xb, dx);
          double a22 = 1 + d(uy, ya, yb, dy);
          double a23 = d(uy, za, zb, dz);
          double a31 = d(uz, xa, xb, dx);
          double a32 = d(uz, ya, yb, dy);
          double a33 = 1 + d(uz, za, zb, dz);
          det[g.index(i, j, k)] = (float) (a11 * (a22 * a33 - a23 * a32)
              - a12 * (a21 * a33 - a23 * a31)
              + a13 * (a21 * a32 - a22 * a31));
        }
      }
    });
    return det;
  }

  private static double d(float[] u, int a, int b, double h) {
    return h == 0 ? 0 : (u[b] - u[a]) / h;
  }

  /** Dice similarity coefficient of two masks of equal length: 2|A and B| / (|A| + |B|). */
  public static double dice(boolean[] a, boolean[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("masks differ in size: " + a.length + " vs " + b.length);
    }
    long both = 0;
    long na = 0;
    long nb = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i]) {
        na++;
      }
      if (b[i]) {
        nb++;
      }
      if (a[i] && b[i]) {
        both++;
      }
    }
    return na + nb == 0 ? 1.0 : 2.0 * both / (na + nb);
  }
}
