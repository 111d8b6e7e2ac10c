package org.twinsim.engine.safety;

import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.geometry.Vec3;

/**
 * The twin's predictive distribution of one measured displacement (bony setup, or prostate
 * relative to bone) for the next fraction, per axis: the patient's systematic error learned from
 * the fractions measured so far, shrunk to the population (normal-normal conjugate model, Gelman
 * et al., Bayesian Data Analysis, 3rd ed., sect. 2.5), on the systematic + random error model of
 * van Herk 2004 (Semin Radiat Oncol 14:52). With population SD {@code S} of the systematic error,
 * {@code r} of the daily random error and {@code e} of the measurement, after {@code n} measurements
 * with mean {@code m}, and {@code t2 = r^2 + e^2}: predictive mean {@code n S^2 m / (n S^2 + t2)}
 * and variance {@code t2 + S^2 t2 / (n S^2 + t2)}. Under that model a new measurement standardised
 * by them is exactly standard normal per axis. Not thread-safe; one per patient course.
 */
public final class TwinForecast {
  private final double[] sysVar = new double[3];
  private final double[] dailyVar = new double[3];
  private final double[] sum = new double[3];
  private final double[] sumSq = new double[3];
  private int n;

  /**
   * @param systematicSdMm population SD of the systematic component per anatomical axis
   * @param randomSdMm population SD of the daily random component per anatomical axis
   * @param measurementSdMm SD of the measurement error, each axis
   */
  public TwinForecast(Axes3 systematicSdMm, Axes3 randomSdMm, double measurementSdMm) {
    Vec3 s = patientAxes(systematicSdMm);
    Vec3 r = patientAxes(randomSdMm);
    for (int a = 0; a < 3; a++) {
      sysVar[a] = s.get(a) * s.get(a);
      dailyVar[a] = r.get(a) * r.get(a) + measurementSdMm * measurementSdMm;
    }
  }

  /**
   * The position detector's score: the Mahalanobis distance of a measured bony setup and prostate
   * shift from their predictive distributions (independent axes), sqrt of the sum of squared
   * z-scores; without a prostate measurement (bone-only imaging) the setup terms alone.
   */
  public static double positionScore(Vec3 setupMm, Vec3 setupMeanMm, Vec3 setupSdMm, Vec3 prostateMm, Vec3 prostateMeanMm,
                                     Vec3 prostateSdMm) {
    double q = 0;
    for (int a = 0; a < 3; a++) {
      double zs = (setupMm.get(a) - setupMeanMm.get(a)) / setupSdMm.get(a);
      double zp = prostateMm == null ? 0 : (prostateMm.get(a) - prostateMeanMm.get(a)) / prostateSdMm.get(a);
      q += zs * zs + zp * zp;
    }
    return Math.sqrt(q);
  }

  /** Anatomical (lr, si, ap) to patient axes (x lr, y ap, z si), as the motion model does. */
  static Vec3 patientAxes(Axes3 a) {
    return new Vec3(a.lr(), a.ap(), a.si());
  }

  /** Learns one fraction's measurement. */
  public void update(Vec3 measuredMm) {
    for (int a = 0; a < 3; a++) {
      sum[a] += measuredMm.get(a);
      sumSq[a] += measuredMm.get(a) * measuredMm.get(a);
    }
    n++;
  }

  /** Measurements learned so far. */
  public int count() {
    return n;
  }

  /** Predictive mean of the next measurement, mm. */
  public Vec3 meanMm() {
    double[] m = new double[3];
    for (int a = 0; a < 3; a++) {
      m[a] = n == 0 ? 0 : sysVar[a] * sum[a] / (n * sysVar[a] + dailyVar[a]);
    }
    return Vec3.of(m);
  }

  /**
   * Predictive SD of the next measurement per axis with the patient's own daily variance learned:
   * the population daily variance (random + measurement) is a scaled-inverse-chi-square prior
   * worth {@code priorDof} measurements, updated with the within-patient sum of squares of the
   * measurements so far (n - 1 degrees of freedom), and its posterior point estimate
   * {@code (priorDof t2 + SS) / (priorDof + n - 1)} is plugged into the predictive variance
   * (Gelman et al., Bayesian Data Analysis, 3rd ed., sect. 3.3). Equal to {@link #sdMm()} before
   * two measurements. Used to decide how much imaging a day needs, not by the detectors.
   */
  public Vec3 learnedSdMm(double priorDof) {
    double[] s = new double[3];
    for (int a = 0; a < 3; a++) {
      double v = dailyVar[a];
      if (n >= 2) {
        double ss = Math.max(0, sumSq[a] - sum[a] * sum[a] / n);
        v = (priorDof * dailyVar[a] + ss) / (priorDof + n - 1);
      }
      s[a] = Math.sqrt(v + sysVar[a] * v / (n * sysVar[a] + v));
    }
    return Vec3.of(s);
  }

  /** Predictive SD of the next measurement per axis, mm. */
  public Vec3 sdMm() {
    double[] s = new double[3];
    for (int a = 0; a < 3; a++) {
      s[a] = Math.sqrt(dailyVar[a] + sysVar[a] * dailyVar[a] / (n * sysVar[a] + dailyVar[a]));
    }
    return Vec3.of(s);
  }
}
