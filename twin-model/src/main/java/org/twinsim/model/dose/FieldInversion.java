package org.twinsim.model.dose;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.VectorField;

/**
 * Inverse of a backward displacement field by fixed-point iteration.
 *
 * <p>Reference: Chen et al. 2008, "A simple fixed-point approach to invert a deformation field",
 * Med Phys 35:81. If {@code u} (on grid A, pointing into B) maps A to B as {@code a -> a + u(a)}, the
 * inverse {@code v} on grid B satisfies {@code v(b) = -u(b + v(b))}; iterating from v = 0 converges
 * when the field's gradient is below 1 (no folding). Beyond u's grid, u is taken as zero.
 */
public final class FieldInversion {
  private FieldInversion() {
  }

  /**
   * The inverse of {@code field} on {@code targetGrid}: a field on {@code targetGrid} pointing into
   * {@code field}'s grid. A new field; {@code field} is not modified.
   */
  public static VectorField invert(VectorField field, Grid3 targetGrid, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("field inversion needs at least one iteration, got " + iterations);
    }
    Grid3 fg = field.grid();
    float[] ux = field.ux();
    float[] uy = field.uy();
    float[] uz = field.uz();
    Grid3 g = targetGrid;
    float[] vx = new float[g.size()];
    float[] vy = new float[g.size()];
    float[] vz = new float[g.size()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        for (int i = 0; i < g.nx(); i++) {
          double x = g.x(i);
          double ax = 0;
          double ay = 0;
          double az = 0;
          for (int it = 0; it < iterations; it++) {
            double fi = fg.fi(x + ax);
            double fj = fg.fj(y + ay);
            double fk = fg.fk(z + az);
            ax = -Trilinear.sample(ux, fg, fi, fj, fk, 0f);
            ay = -Trilinear.sample(uy, fg, fi, fj, fk, 0f);
            az = -Trilinear.sample(uz, fg, fi, fj, fk, 0f);
          }
          int n = g.index(i, j, k);
          vx[n] = (float) ax;
          vy[n] = (float) ay;
          vz[n] = (float) az;
        }
      }
    });
    return new VectorField(g, vx, vy, vz);
  }
}
