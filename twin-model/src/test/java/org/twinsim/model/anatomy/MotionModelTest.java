package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Vec3;

class MotionModelTest {
  private static final AnatomyVariation V = AnatomyVariation.defaults();

  /**
   * Population estimates of Sigma (SD of patient means) and sigma (RMS of within-patient SDs), as
   * van Herk 2004 defines them, recover the configured Graf et al. 2009 values: each estimate lies
   * inside its 99.9% chi-square interval.
   */
  @Test
  void systematicAndRandomComponentsMatchTheConfiguredSds() {
    int patients = 300;
    int fractions = 20;
    double[][] prostate = new double[patients][];
    double[] sysSum2 = new double[3];
    double[] rndSum2 = new double[3];
    for (int p = 0; p < patients; p++) {
      MotionModel m = new MotionModel(V, 99, 0, p);
      double[] mean = new double[3];
      double[][] x = new double[fractions][];
      for (int f = 0; f < fractions; f++) {
        Vec3 v = m.fraction(f).prostateMm();
        x[f] = new double[] {v.x(), v.y(), v.z()};
        for (int a = 0; a < 3; a++) {
          mean[a] += x[f][a] / fractions;
        }
      }
      prostate[p] = mean;
      for (int a = 0; a < 3; a++) {
        sysSum2[a] += mean[a] * mean[a];
        for (int f = 0; f < fractions; f++) {
          double d = x[f][a] - mean[a];
          rndSum2[a] += d * d;
        }
      }
    }
    double[] sysSd = V.prostate().systematicMm().toPatientXyz();
    double[] rndSd = V.prostate().randomMm().toPatientXyz();
    for (int a = 0; a < 3; a++) {
      // random: pooled within-patient variance, df = patients*(fractions-1)
      int dfR = patients * (fractions - 1);
      double s2r = rndSum2[a] / dfR;
      assertInChiSquareInterval(s2r, rndSd[a] * rndSd[a], dfR, "sigma axis " + a);
      // systematic: variance of patient means (true mean 0) minus sigma^2/fractions, df = patients
      double s2m = sysSum2[a] / patients;
      double expectedMeanVar = sysSd[a] * sysSd[a] + rndSd[a] * rndSd[a] / fractions;
      assertInChiSquareInterval(s2m, expectedMeanVar, patients, "Sigma axis " + a);
    }
  }

  private static void assertInChiSquareInterval(double s2, double sigma2, int df, String what) {
    ChiSquaredDistribution chi = new ChiSquaredDistribution(df);
    double lo = sigma2 * chi.inverseCumulativeProbability(0.0005) / df;
    double hi = sigma2 * chi.inverseCumulativeProbability(0.9995) / df;
    assertTrue(s2 >= lo && s2 <= hi, what + ": variance " + s2 + " outside [" + lo + ", " + hi + "]");
  }

  /** Bladder volume coefficient of variation within a patient's course is the configured 0.35. */
  @Test
  void bladderVolumeCvMatches() {
    SummaryStatistics cvs = new SummaryStatistics();
    for (int p = 0; p < 200; p++) {
      MotionModel m = new MotionModel(V, 5, 0, p);
      SummaryStatistics s = new SummaryStatistics();
      for (int f = 0; f < 40; f++) {
        s.addValue(m.fraction(f).bladderVolumeMl() / m.bladderPlanningMl());
      }
      cvs.addValue(s.getStandardDeviation() / s.getMean());
    }
    assertEquals(0.35, cvs.getMean(), 0.03);
  }

  /** Mean 3D drift after 10 minutes is about 2.3 mm (REFERENCES.md), and variance grows linearly in time. */
  @Test
  void driftIsARandomWalkWithThePublishedMagnitude() {
    MotionModel m = new MotionModel(V, 11, 0, 0);
    SummaryStatistics at10 = new SummaryStatistics();
    SummaryStatistics x5 = new SummaryStatistics();
    SummaryStatistics x20 = new SummaryStatistics();
    for (int f = 0; f < 4000; f++) {
      DriftPath d = m.drift(f);
      at10.addValue(d.at(10).norm());
      x5.addValue(d.at(5).z());
      x20.addValue(d.at(20).z());
    }
    assertEquals(2.3, at10.getMean(), 0.15);
    assertEquals(4.0, x20.getVariance() / x5.getVariance(), 0.5);
    assertEquals(Vec3.ZERO, m.drift(0).at(0));
  }

  @Test
  void aFractionIsTheSameWhateverAskedBefore() {
    MotionModel a = new MotionModel(V, 3, 1, 2);
    MotionModel b = new MotionModel(V, 3, 1, 2);
    a.fraction(0);
    a.fraction(5);
    assertEquals(a.fraction(7), b.fraction(7));
    assertEquals(a.drift(7).at(12.3), b.drift(7).at(12.3));
  }
}
