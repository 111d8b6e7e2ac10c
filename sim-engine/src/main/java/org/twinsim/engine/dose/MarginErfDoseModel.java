package org.twinsim.engine.dose;

import java.util.Arrays;
import org.twinsim.model.geometry.Vec3;
import umontreal.ssj.probdist.NormalDist;

/**
 * PLACEHOLDER dose model, used until the pencil-beam engine drives the course replay: the planned
 * dose is a box around the CTV, expanded by the plan's setup margin, with error-function edges of
 * lateral penumbra sigma 3 mm (80-20% ~ 5 mm, typical of pencil-beam scanning at depth) whose 97%
 * level sits on the expanded box; the CTV is an ellipsoid of semi-axes 24 (LR) x 19 (AP) x 22 (SI)
 * mm (42 cc) and the bladder neck a 4 mm disc of radius 12 mm just superior to it, which follows the
 * bone plus half of the prostate motion. Metrics are order statistics over 2000 fixed points of each
 * structure. It is a geometric coverage model, not dosimetry; rows say so in {@code dose_model}.
 *
 * <p>Range errors: the plan is taken as two lateral opposed fields (along x, the usual prostate
 * proton arrangement), each covering the whole target with half the dose (single-field uniform
 * dose). A range error moves each field's distal edge only - the distal side of the field from the
 * right is the left side of the target and vice versa - so along x a point gets half its dose
 * through an edge moved by the range error and half through an unchanged (proximal) edge - the
 * entrance plateau of a spread-out Bragg peak keeps the proximal side near full dose for shifts of a
 * few mm. Without a range error the model is exactly the one above.
 */
public final class MarginErfDoseModel implements FractionDoseModel {
  private static final double SIGMA_MM = 3.0;
  private static final double SHOULDER_MM = 1.88 * SIGMA_MM; // Phi(1.88) = 0.97
  private static final double[] HALF_MM = {24, 19, 22};
  private static final int N = 2000;
  private final double[][] ctv = new double[N][];
  private final double[][] neck = new double[N][];

  public MarginErfDoseModel() {
    for (int n = 0; n < N; n++) {
      // Halton points (bases 2, 3, 5): deterministic and evenly spread
      double u = halton(n + 1, 2);
      double v = halton(n + 1, 3);
      double w = halton(n + 1, 5);
      double r = Math.cbrt(u);
      double cosT = 2 * v - 1;
      double sinT = Math.sqrt(1 - cosT * cosT);
      double phi = 2 * Math.PI * w;
      ctv[n] = new double[] {HALF_MM[0] * r * sinT * Math.cos(phi), HALF_MM[1] * r * sinT * Math.sin(phi),
          HALF_MM[2] * r * cosT};
      double rr = 12 * Math.sqrt(u);
      neck[n] = new double[] {rr * Math.cos(2 * Math.PI * v), -4 + rr * Math.sin(2 * Math.PI * v),
          HALF_MM[2] + 1 + 4 * w};
    }
  }

  @Override
  public String name() {
    return "placeholder-margin-erf";
  }

  @Override
  public DoseOutcome evaluate(Vec3 targetResidualMm, Vec3 boneResidualMm, double planSetupMarginMm) {
    return evaluate(targetResidualMm, boneResidualMm, planSetupMarginMm, 0.0);
  }

  @Override
  public DoseOutcome evaluate(Vec3 targetResidualMm, Vec3 boneResidualMm, double planSetupMarginMm, double rangeErrorMm) {
    double[] ctvDose = new double[N];
    double[] neckDose = new double[N];
    Vec3 neckShift = boneResidualMm.plus(targetResidualMm.minus(boneResidualMm).times(0.5));
    double neckSum = 0;
    double neckMax = 0;
    for (int n = 0; n < N; n++) {
      ctvDose[n] = dose(ctv[n], targetResidualMm, planSetupMarginMm, rangeErrorMm);
      neckDose[n] = dose(neck[n], neckShift, planSetupMarginMm, rangeErrorMm);
      neckSum += neckDose[n];
      neckMax = Math.max(neckMax, neckDose[n]);
    }
    Arrays.sort(ctvDose);
    return DoseOutcome.geometric(name(), 100 * ctvDose[(int) (0.02 * N)], 100 * ctvDose[(int) (0.05 * N)],
        100 * neckMax, 100 * neckSum / N);
  }

  private static double dose(double[] p, Vec3 shift, double margin, double rangeErrorMm) {
    double d = 1;
    for (int a = 0; a < 3; a++) {
      double q = Math.abs(p[a] + shift.get(a));
      double edge = HALF_MM[a] + margin + SHOULDER_MM - q;
      if (a == 0 && rangeErrorMm != 0) {
        d *= 0.5 * NormalDist.cdf01((edge + rangeErrorMm) / SIGMA_MM) + 0.5 * NormalDist.cdf01(edge / SIGMA_MM);
      } else {
        d *= NormalDist.cdf01(edge / SIGMA_MM);
      }
    }
    return d;
  }

  private static double halton(int i, int base) {
    double f = 1;
    double r = 0;
    while (i > 0) {
      f /= base;
      r += f * (i % base);
      i /= base;
    }
    return r;
  }
}
