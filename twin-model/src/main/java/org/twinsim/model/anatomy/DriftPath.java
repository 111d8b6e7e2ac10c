package org.twinsim.model.anatomy;

import java.util.Arrays;
import org.twinsim.model.geometry.Vec3;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * One fraction's intra-fraction prostate drift: a 3D Brownian motion (random walk, Ballhausen et
 * al. 2015) started at zero at the time of the CBCT, sampled at 30 s steps and linearly
 * interpolated between them. The path is fixed by its stream, so strategies that deliver at
 * different times see the same path at different points (common random numbers).
 */
public final class DriftPath {
  /** Step of the sampled path, minutes. */
  public static final double STEP_MIN = 0.5;
  private final RandomStream stream;
  private final double[] sdPerStep = new double[3];
  private double[] xs = new double[3 * 64];
  private int steps; // number of sampled steps beyond t = 0

  DriftPath(AnatomyVariation.IntrafractionDrift drift, RandomStream stream) {
    this.stream = stream;
    double[] s10 = drift.sigmaMmAt10Min().toPatientXyz();
    for (int a = 0; a < 3; a++) {
      sdPerStep[a] = s10[a] * Math.sqrt(STEP_MIN / 10.0);
    }
  }

  /** Drift at {@code minutes} after the CBCT (0 or negative: none), patient axes, mm. */
  public synchronized Vec3 at(double minutes) {
    if (!(minutes > 0)) {
      return Vec3.ZERO;
    }
    double u = minutes / STEP_MIN;
    int n = (int) Math.ceil(u);
    extendTo(n);
    int lo = (int) Math.floor(u);
    double t = u - lo;
    double[] r = new double[3];
    for (int a = 0; a < 3; a++) {
      double p0 = lo == 0 ? 0 : xs[3 * (lo - 1) + a];
      double p1 = n == 0 ? 0 : xs[3 * (n - 1) + a];
      r[a] = p0 + t * (p1 - p0);
    }
    return Vec3.of(r);
  }

  private void extendTo(int n) {
    if (n > 100_000) {
      throw new IllegalArgumentException("drift requested beyond " + (100_000 * STEP_MIN) + " minutes");
    }
    while (steps < n) {
      if (3 * (steps + 1) > xs.length) {
        xs = Arrays.copyOf(xs, xs.length * 2);
      }
      for (int a = 0; a < 3; a++) {
        double prev = steps == 0 ? 0 : xs[3 * (steps - 1) + a];
        xs[3 * steps + a] = prev + sdPerStep[a] * NormalDist.inverseF01(stream.nextDouble());
      }
      steps++;
    }
  }
}
