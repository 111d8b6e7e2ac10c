package org.twinsim.model.registration;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * Inversion of a backward displacement field by fixed-point iteration (Chen et al. 2008, Med Phys
 * 35:81, "A simple fixed-point approach to invert a deformation field").
 *
 * <p>Given u on grid A (p in A maps to {@code p + u(p)} in B), the inverse w lives on grid B and
 * satisfies {@code w(q) = -u(q + w(q))}, so that {@code q + w(q)} is the point of A that maps to q.
 * Iteration: {@code w_0 = 0}, {@code w_{n+1}(q) = -u(q + w_n(q))}, with u sampled edge-clamped
 * trilinear (the field is extended by its edge values beyond A). It converges where the mapping is
 * contractive (|grad u| < 1, i.e. no folding). It stops when the largest change of an iteration
 * falls below the tolerance, or after the iteration bound.
 */
public final class FieldInversion {
  /** Default iteration bound. */
  public static final int DEFAULT_ITERATIONS = 30;
  /** Default stopping tolerance: largest change of one iteration, mm. */
  public static final double DEFAULT_TOLERANCE_MM = 0.01;

  private FieldInversion() {
  }

  /**
   * The result of an inversion.
   *
   * @param field the inverse field on the requested grid
   * @param iterations iterations run
   * @param lastChangeMm largest change of the last iteration, mm
   */
  public record Result(VectorField field, int iterations, double lastChangeMm) {
  }

  /**
   * Inverts {@code u} onto {@code target}.
   *
   * @throws RegistrationException if u is not finite
   */
  public static Result invert(VectorField u, Grid3 target, int maxIterations, double toleranceMm) {
    if (maxIterations < 1 || !(toleranceMm >= 0)) {
      throw new IllegalArgumentException("field inversion: expected maxIterations >= 1 and toleranceMm >= 0, got "
          + maxIterations + ", " + toleranceMm);
    }
    if (!u.isFinite()) {
      throw new RegistrationException("field inversion: the field to invert has non-finite components");
    }
    Grid3 a = u.grid();
    float[] ux = u.ux();
    float[] uy = u.uy();
    float[] uz = u.uz();
    int n = target.size();
    float[] wx = new float[n];
    float[] wy = new float[n];
    float[] wz = new float[n];
    double[] change = new double[target.nz()];
    int it = 0;
    double last = Double.POSITIVE_INFINITY;
    while (it < maxIterations) {
      it++;
      IntStream.range(0, target.nz()).parallel().forEach(k -> {
        double z = target.z(k);
        double mx = 0;
        for (int j = 0; j < target.ny(); j++) {
          double y = target.y(j);
          int row = target.index(0, j, k);
          for (int i = 0; i < target.nx(); i++) {
            int m = row + i;
            double fi = a.fi(target.x(i) + wx[m]);
            double fj = a.fj(y + wy[m]);
            double fk = a.fk(z + wz[m]);
            float nxv = -Sampling.clamped(ux, a, fi, fj, fk);
            float nyv = -Sampling.clamped(uy, a, fi, fj, fk);
            float nzv = -Sampling.clamped(uz, a, fi, fj, fk);
            double d = Math.max(Math.abs(nxv - wx[m]), Math.max(Math.abs(nyv - wy[m]), Math.abs(nzv - wz[m])));
            mx = Math.max(mx, d);
            wx[m] = nxv;
            wy[m] = nyv;
            wz[m] = nzv;
          }
        }
        change[k] = mx;
      });
      last = 0;
      for (double c : change) {
        last = Math.max(last, c);
      }
      if (last < toleranceMm) {
        break;
      }
    }
    return new Result(new VectorField(target, wx, wy, wz), it, last);
  }
}
