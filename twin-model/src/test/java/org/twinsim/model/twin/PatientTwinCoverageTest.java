package org.twinsim.model.twin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.Axes3;

/**
 * The twin on MotionModel cohorts (defaults: Graf et al. 2009 systematic and random prostate
 * motion), prior trained on one seed, evaluated on another, registrations simulated with a 1 mm SD
 * error per axis.
 */
class PatientTwinCoverageTest {
  static final double REG_SD_MM = 1.0;
  static final int FRACTIONS = 28;
  static PopulationPrior prior;
  static MotionCohort training;

  @BeforeAll
  static void train() {
    training = new MotionCohort(1001, 40, FRACTIONS, REG_SD_MM);
    // 2 restarts instead of the default 5 keep the test short; the optimum is the same here
    TwinParameters p = new TwinParameters(null, null, Axes3.of(REG_SD_MM, REG_SD_MM, REG_SD_MM),
        new OptimizerParameters(2, 1L, null, null), null);
    long t0 = System.nanoTime();
    prior = PopulationPrior.fitCourses(training.coursesWithBladder(), TimeBase.FRACTION_INDEX, p);
    System.out.printf(Locale.ROOT, "prior trained in %.0f ms:%n%s", (System.nanoTime() - t0) / 1e6, prior.describe());
  }

  /**
   * The learned white variance equals sigma^2 + sigma_reg^2 and the learned bias variance Sigma^2,
   * each within the 99.9% sampling interval of its moment estimate for this cohort size.
   */
  @Test
  void priorRecoversTheConfiguredSystematicAndRandomSds() {
    AnatomyVariation v = AnatomyVariation.defaults();
    double[] sys = v.prostate().systematicMm().toPatientXyz();
    double[] rnd = v.prostate().randomMm().toPatientXyz();
    int patients = training.measuredMm.length;
    int df = patients * (FRACTIONS - 1);
    ChiSquaredDistribution within = new ChiSquaredDistribution(df);
    ChiSquaredDistribution between = new ChiSquaredDistribution(patients);
    for (int a = 0; a < 3; a++) {
      double white = prior.axis(a).whiteVariance();
      double expectedWhite = rnd[a] * rnd[a] + REG_SD_MM * REG_SD_MM;
      double lo = expectedWhite * within.inverseCumulativeProbability(0.0005) / df;
      double hi = expectedWhite * within.inverseCumulativeProbability(0.9995) / df;
      assertTrue(white >= lo && white <= hi, "axis " + a + " white " + white + " outside [" + lo + ", " + hi + "]");
      // variance of a patient mean = Sigma^2 + white / n; its estimate over P patients ~ chi2(P)/P
      double meanVar = prior.axis(a).latentVariance() + white / FRACTIONS;
      double expectedMeanVar = sys[a] * sys[a] + expectedWhite / FRACTIONS;
      double loB = expectedMeanVar * between.inverseCumulativeProbability(0.0005) / patients;
      double hiB = expectedMeanVar * between.inverseCumulativeProbability(0.9995) / patients;
      assertTrue(meanVar >= loB && meanVar <= hiB,
          "axis " + a + " Sigma^2 + white/n " + meanVar + " outside [" + loB + ", " + hiB + "]");
      System.out.printf(Locale.ROOT, "axis %d: Sigma %.2f mm (configured %.2f), white SD %.2f mm (configured %.2f)%n",
          a, Math.sqrt(prior.axis(a).latentVariance()), sys[a], Math.sqrt(white), Math.sqrt(expectedWhite));
    }
  }

  /**
   * On 50 evaluation patients x 28 fractions (another seed), the 90% forecast interval of each
   * fraction, made before it is observed, covers the measured shift and (with the registration error
   * removed) the true shift in 85-95% of fractions per axis. With 1400 forecasts per axis the
   * binomial SD of a coverage around 0.90 is 0.8%, so the band is about 6 SD wide each side.
   * The bladder volume's log-normal forecast is held to the same band.
   */
  @Test
  void ninetyPercentIntervalsCoverTheNextFractionIn85To95Percent() {
    MotionCohort eval = new MotionCohort(2002, 50, FRACTIONS, REG_SD_MM);
    int[] hitMeasured = new int[3];
    int[] hitTrue = new int[3];
    int hitBladder = 0;
    int n = 0;
    for (int p = 0; p < eval.measuredMm.length; p++) {
      PatientTwin twin = new PatientTwin(prior);
      for (int f = 0; f < FRACTIONS; f++) {
        Forecast m = twin.forecast(f, 0.9, ForecastTarget.MEASUREMENT);
        Forecast t = twin.forecast(f, 0.9, ForecastTarget.TRUE_SHIFT);
        boolean[] cm = m.covers(MotionCohort.vec(eval.measuredMm[p][f]));
        boolean[] ct = t.covers(MotionCohort.vec(eval.trueMm[p][f]));
        for (int a = 0; a < 3; a++) {
          hitMeasured[a] += cm[a] ? 1 : 0;
          hitTrue[a] += ct[a] ? 1 : 0;
        }
        hitBladder += m.bladderVolumeMl().covers(eval.bladderMl[p][f]) ? 1 : 0;
        n++;
        twin.observe(f, MotionCohort.vec(eval.measuredMm[p][f]), eval.bladderMl[p][f]);
      }
    }
    for (int a = 0; a < 3; a++) {
      double cm = hitMeasured[a] / (double) n;
      double ct = hitTrue[a] / (double) n;
      System.out.printf(Locale.ROOT, "axis %s: 90%% interval coverage %.3f of measured, %.3f of true shift (%d forecasts)%n",
          "xyz".charAt(a), cm, ct, n);
      assertTrue(cm >= 0.85 && cm <= 0.95, "axis " + a + " coverage of measured shift " + cm);
      assertTrue(ct >= 0.85 && ct <= 0.95, "axis " + a + " coverage of true shift " + ct);
    }
    double cb = hitBladder / (double) n;
    System.out.printf(Locale.ROOT, "bladder volume: 90%% interval coverage %.3f (%d forecasts)%n", cb, n);
    assertTrue(cb >= 0.85 && cb <= 0.95, "bladder volume coverage " + cb);
  }

  /**
   * An update and a forecast per fraction take well under 10 ms: mean over 20 courses of 28
   * fractions after a warm-up pass, in CPU time of the calling thread (wall time, printed too,
   * depends on how busy the shared machine is).
   */
  @Test
  void updateAndForecastPerFractionAreFast() {
    MotionCohort eval = new MotionCohort(3003, 20, FRACTIONS, REG_SD_MM);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double cpuMs = 0;
    double wallMs = 0;
    for (int rep = 0; rep < 2; rep++) { // first pass warms the JIT
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int p = 0; p < eval.measuredMm.length; p++) {
        PatientTwin twin = new PatientTwin(prior);
        for (int f = 0; f < FRACTIONS; f++) {
          twin.observe(f, MotionCohort.vec(eval.measuredMm[p][f]), eval.bladderMl[p][f]);
          twin.forecast(f + 1, 0.9);
        }
      }
      int k = eval.measuredMm.length * FRACTIONS;
      cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / k;
      wallMs = (System.nanoTime() - t0) / 1e6 / k;
    }
    System.out.printf(Locale.ROOT, "update + forecast (3 axes + bladder): %.3f ms CPU, %.3f ms wall per fraction%n",
        cpuMs, wallMs);
    assertTrue(cpuMs < 10.0, "update + forecast took " + cpuMs + " ms CPU per fraction");
  }
}
