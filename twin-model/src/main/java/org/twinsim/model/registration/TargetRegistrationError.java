package org.twinsim.model.registration;

import java.util.Arrays;
import java.util.Locale;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * Target registration error of an estimated field against the true one (Fitzpatrick et al. 1998,
 * IEEE TMI 17:694, here on every voxel of a mask rather than on fiducials): at each voxel p of the
 * mask, {@code |u_est(p) - u_true(p)|} in mm. The same statistic compares two backends' fields.
 *
 * @param meanMm mean error, mm
 * @param p95Mm 95th percentile (linear interpolation between order statistics, the "type 7"
 *     definition of Hyndman and Fan 1996), mm
 * @param maxMm largest error, mm
 * @param rmsMm root-mean-square error, mm
 * @param voxels voxels in the mask
 */
public record TargetRegistrationError(double meanMm, double p95Mm, double maxMm, double rmsMm, int voxels) {

  /**
   * TRE of {@code estimated} against {@code truth} over {@code mask} (on the estimated field's
   * grid). If the true field lives on another grid it is sampled at the estimated grid's voxel
   * centres (edge-clamped trilinear).
   *
   * @throws IllegalArgumentException if the mask is empty or of the wrong size
   */
  public static TargetRegistrationError of(VectorField estimated, VectorField truth, boolean[] mask) {
    Grid3 g = estimated.grid();
    if (mask.length != g.size()) {
      throw new IllegalArgumentException("TRE: mask has " + mask.length + " values, the field grid " + g.size());
    }
    boolean same = truth.grid().sameAs(g);
    Grid3 tg = truth.grid();
    int count = 0;
    for (boolean b : mask) {
      if (b) {
        count++;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("TRE: the mask is empty");
    }
    double[] e = new double[count];
    int c = 0;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int n = g.index(i, j, k);
          if (!mask[n]) {
            continue;
          }
          double tx;
          double ty;
          double tz;
          if (same) {
            tx = truth.ux()[n];
            ty = truth.uy()[n];
            tz = truth.uz()[n];
          } else {
            double fi = tg.fi(g.x(i));
            double fj = tg.fj(g.y(j));
            double fk = tg.fk(g.z(k));
            tx = Sampling.clamped(truth.ux(), tg, fi, fj, fk);
            ty = Sampling.clamped(truth.uy(), tg, fi, fj, fk);
            tz = Sampling.clamped(truth.uz(), tg, fi, fj, fk);
          }
          double dx = estimated.ux()[n] - tx;
          double dy = estimated.uy()[n] - ty;
          double dz = estimated.uz()[n] - tz;
          e[c++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
      }
    }
    return ofErrors(e);
  }

  /** Statistics of a set of error magnitudes (the array is sorted in place). */
  public static TargetRegistrationError ofErrors(double[] e) {
    if (e.length == 0) {
      throw new IllegalArgumentException("TRE: no errors");
    }
    Arrays.sort(e);
    double s = 0;
    double s2 = 0;
    for (double v : e) {
      s += v;
      s2 += v * v;
    }
    return new TargetRegistrationError(s / e.length, percentile(e, 0.95), e[e.length - 1], Math.sqrt(s2 / e.length),
        e.length);
  }

  /** Percentile of sorted values, linear interpolation (type 7). */
  static double percentile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "TRE mean %.2f mm, p95 %.2f mm, max %.2f mm (%d voxels)", meanMm, p95Mm, maxMm, voxels);
  }
}
