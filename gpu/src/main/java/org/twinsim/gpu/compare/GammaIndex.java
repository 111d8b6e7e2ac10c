package org.twinsim.gpu.compare;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.Volume;

/**
 * The gamma index of an evaluated dose distribution against a reference (Low et al. 1998, Med Phys
 * 25:656), with global dose-difference normalisation and a low-dose threshold ({@link GammaCriteria}).
 * For each reference voxel centre r at or above the threshold,
 * {@code gamma(r) = min over points e of sqrt(|e - r|^2 / DTA^2 + (De(e) - Dr(r))^2 / dD^2)} with
 * {@code dD} the dose criterion times the reference's maximum dose; a point passes when
 * {@code gamma <= 1}.
 *
 * <p>The minimum runs over the evaluated distribution as a continuous function (trilinear
 * interpolation, {@link Trilinear}; the evaluated grid may differ from the reference grid) sampled
 * on a cubic lattice of offsets of {@code searchStepFraction x DTA} within {@code maxGamma x DTA},
 * visited in order of increasing distance and stopped as soon as the distance term alone reaches the
 * best value found (the distance-ordered search of Wendling et al. 2007, Med Phys 34:1647). Offsets
 * outside the evaluated grid are skipped; a point with none inside gets the cap. The discretisation
 * makes gamma too large by at most about {@code (step/2)^2 (1/DTA^2 + |grad D|^2/dD^2)} in gamma
 * squared. Parallel over reference slices; the result does not depend on the number of threads.
 */
public final class GammaIndex {
  private GammaIndex() {
  }

  /** The comparison without the per-voxel map. */
  public static GammaResult compare(Volume reference, Volume evaluated, GammaCriteria criteria) {
    return compare(reference, evaluated, criteria, null);
  }

  /**
   * Compares {@code evaluated} with {@code reference}.
   *
   * @param gammaOut null, or an array of the reference grid's size that receives gamma at every
   *     evaluated point and NaN elsewhere (modified)
   */
  public static GammaResult compare(Volume reference, Volume evaluated, GammaCriteria criteria, float[] gammaOut) {
    GammaCriteria c = criteria == null ? GammaCriteria.defaults() : criteria;
    Grid3 rg = reference.grid();
    Grid3 eg = evaluated.grid();
    float[] rd = reference.data();
    float[] ed = evaluated.data();
    if (gammaOut != null && gammaOut.length != rg.size()) {
      throw new IllegalArgumentException("gamma map has " + gammaOut.length + " values, the reference grid " + rg.size());
    }
    double max = 0;
    for (float v : rd) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("reference dose has a non-finite value " + v);
      }
      max = Math.max(max, v);
    }
    if (gammaOut != null) {
      Arrays.fill(gammaOut, Float.NaN);
    }
    if (!(max > 0)) {
      return new GammaResult(c, max, 0, 0, 0, 0);
    }
    final double dd = c.doseDifferencePercent() / 100.0 * max;
    final double threshold = c.lowDoseThresholdPercent() / 100.0 * max;
    final double dta = c.distanceToAgreementMm();
    final double cap = c.maxGamma();
    final double[][] offsets = offsets(dta * c.searchStepFraction(), dta * cap);
    final double invDta2 = 1.0 / (dta * dta);
    final double invDd2 = 1.0 / (dd * dd);
    int nz = rg.nz();
    long[] evaluatedK = new long[nz];
    long[] passedK = new long[nz];
    double[] sumK = new double[nz];
    double[] maxK = new double[nz];
    IntStream.range(0, nz).parallel().forEach(k -> {
      double z = rg.z(k);
      long ev = 0;
      long ps = 0;
      double sum = 0;
      double mx = 0;
      for (int j = 0; j < rg.ny(); j++) {
        double y = rg.y(j);
        for (int i = 0; i < rg.nx(); i++) {
          int n = rg.index(i, j, k);
          double dr = rd[n];
          if (dr < threshold) {
            continue;
          }
          double x = rg.x(i);
          double best2 = cap * cap;
          for (double[] o : offsets) {
            if (o[3] * invDta2 >= best2) {
              break; // sorted by distance: no farther point can do better
            }
            float de = Trilinear.sample(ed, eg, eg.fi(x + o[0]), eg.fj(y + o[1]), eg.fk(z + o[2]), Float.NaN);
            if (Float.isNaN(de)) {
              continue;
            }
            double diff = de - dr;
            double g2 = o[3] * invDta2 + diff * diff * invDd2;
            if (g2 < best2) {
              best2 = g2;
            }
          }
          double gamma = Math.min(Math.sqrt(best2), cap);
          ev++;
          if (gamma <= 1.0) {
            ps++;
          }
          sum += gamma;
          mx = Math.max(mx, gamma);
          if (gammaOut != null) {
            gammaOut[n] = (float) gamma;
          }
        }
      }
      evaluatedK[k] = ev;
      passedK[k] = ps;
      sumK[k] = sum;
      maxK[k] = mx;
    });
    long ev = 0;
    long ps = 0;
    double sum = 0;
    double mx = 0;
    for (int k = 0; k < nz; k++) {
      ev += evaluatedK[k];
      ps += passedK[k];
      sum += sumK[k];
      mx = Math.max(mx, maxK[k]);
    }
    return new GammaResult(c, max, ev, ps, ev == 0 ? 0 : sum / ev, mx);
  }

  /** Lattice offsets {dx, dy, dz, |d|^2} within {@code radius}, sorted by distance (ties in lattice order). */
  static double[][] offsets(double step, double radius) {
    int r = (int) Math.ceil(radius / step);
    int count = 0;
    double[][] all = new double[(2 * r + 1) * (2 * r + 1) * (2 * r + 1)][];
    double r2 = radius * radius * (1 + 1e-12);
    for (int a = -r; a <= r; a++) {
      for (int b = -r; b <= r; b++) {
        for (int q = -r; q <= r; q++) {
          double dx = a * step;
          double dy = b * step;
          double dz = q * step;
          double d2 = dx * dx + dy * dy + dz * dz;
          if (d2 <= r2) {
            all[count++] = new double[] {dx, dy, dz, d2};
          }
        }
      }
    }
    double[][] out = Arrays.copyOf(all, count);
    Arrays.sort(out, (p, q) -> Double.compare(p[3], q[3]));
    return out;
  }
}
