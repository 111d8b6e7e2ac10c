package org.twinsim.model.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.geometry.Vec3;

class PatientTwinTest {
  private static final double[] SYS = {1.1, 2.3, 1.9}; // x = LR, y = AP, z = SI (Graf et al. 2009)
  private static final double[] RND = {1.4, 2.7, 2.3};
  private static final double REG = 1.0;

  private static PopulationPrior published() {
    return PopulationPrior.fromPublished(Axes3.of(1.1, 1.9, 2.3), Axes3.of(1.4, 2.3, 2.7),
        TwinParameters.DEFAULT.withRegistrationNoiseSdMm(Axes3.of(REG, REG, REG)));
  }

  /**
   * With a bias + white prior the twin's update is the conjugate normal update of van Herk's model:
   * after n measurements with mean ybar, the systematic shift S has posterior mean
   * n Sigma^2 ybar / (n Sigma^2 + s^2) and variance Sigma^2 s^2 / (n Sigma^2 + s^2), s^2 = sigma^2 + reg^2;
   * the next measurement adds s^2, the next true shift adds sigma^2. Interval ends are the normal
   * quantiles (commons-math NormalDistribution).
   */
  @Test
  void updateIsTheConjugateNormalBayesEstimateOfVanHerksModel() {
    PatientTwin twin = new PatientTwin(published());
    double[][] obs = {{0.5, -2.0, 3.1}, {1.7, -0.4, 2.2}, {-0.3, -3.5, 4.0}, {0.9, -1.1, 1.4}, {2.2, 0.3, 2.9}};
    double[] sum = new double[3];
    for (int f = 0; f <= obs.length; f++) {
      for (ForecastTarget target : ForecastTarget.values()) {
        Forecast fc = twin.forecast(f, 0.9, target);
        assertEquals(f, fc.observations());
        assertNull(fc.bladderVolumeMl());
        for (int a = 0; a < 3; a++) {
          double big2 = SYS[a] * SYS[a];
          double s2 = RND[a] * RND[a] + REG * REG;
          double postMean = f * big2 * (sum[a] / Math.max(f, 1)) / (f * big2 + s2);
          double postVar = big2 * s2 / (f * big2 + s2);
          double var = switch (target) {
            case MEASUREMENT -> postVar + s2;
            case TRUE_SHIFT -> postVar + RND[a] * RND[a];
            case LATENT -> postVar;
          };
          AxisForecast af = fc.axis(a);
          assertEquals(postMean, af.mean(), 1e-9, target + " mean axis " + a + " after " + f);
          assertEquals(Math.sqrt(var), af.sd(), 1e-9 * Math.sqrt(var), target + " sd axis " + a + " after " + f);
          NormalDistribution nd = new NormalDistribution(postMean, Math.sqrt(var));
          assertEquals(nd.inverseCumulativeProbability(0.05), af.lower(), 1e-8);
          assertEquals(nd.inverseCumulativeProbability(0.95), af.upper(), 1e-8);
        }
      }
      if (f < obs.length) {
        twin.observe(f, Vec3.of(obs[f]));
        for (int a = 0; a < 3; a++) {
          sum[a] += obs[f][a];
        }
      }
    }
  }

  @Test
  void scenariosAndMarginsFollowTheIntervals() {
    PatientTwin twin = new PatientTwin(published());
    twin.observe(0, new Vec3(2, -1, 0.5));
    Forecast f = twin.forecast(1, 0.8);
    List<Vec3> s = f.axisScenariosMm();
    assertEquals(7, s.size());
    assertEquals(f.meanMm(), s.get(0));
    assertEquals(f.lowerMm().x(), s.get(1).x(), 0);
    assertEquals(f.upperMm().z(), s.get(6).z(), 0);
    assertEquals(f.meanMm().y(), s.get(6).y(), 0);
    Vec3 m = f.robustnessMarginMm();
    assertEquals(Math.max(Math.abs(f.lowerMm().y()), Math.abs(f.upperMm().y())), m.y(), 0);
    assertEquals(f.quantileMm(0.1), f.lowerMm());
    assertEquals(f.quantileMm(0.9), f.upperMm());
  }

  @Test
  void misuseIsReportedClearly() {
    PatientTwin twin = new PatientTwin(published());
    twin.observe(3, Vec3.ZERO);
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> twin.observe(3, Vec3.ZERO));
    assertTrue(twice.getMessage().contains("already observed"), twice.getMessage());
    IllegalStateException days = assertThrows(IllegalStateException.class, () -> twin.observeAt(5.0, Vec3.ZERO));
    assertTrue(days.getMessage().contains("DAYS"), days.getMessage());
    IllegalStateException bladder = assertThrows(IllegalStateException.class, () -> twin.observe(4, Vec3.ZERO, 300));
    assertTrue(bladder.getMessage().contains("bladder"), bladder.getMessage());
    IllegalArgumentException level = assertThrows(IllegalArgumentException.class, () -> twin.forecast(4, 90));
    assertTrue(level.getMessage().contains("(0, 1)"), level.getMessage());
    assertThrows(IllegalArgumentException.class, () -> twin.observe(4, new Vec3(Double.NaN, 0, 0)));
    assertThrows(IllegalArgumentException.class, () -> PopulationPrior.fit(List.<double[][]>of(new double[][] {{0, 0, 0}})));
  }

  /**
   * Time in days (Monday-to-Friday schedule) with bladder volumes: the prior learns on days, the twin
   * observes and forecasts on days, and the bladder forecast is log-normal (median = exp(location)).
   */
  @Test
  void daysAndBladderChannel() {
    MotionCohort c = new MotionCohort(77, 12, 15, REG);
    List<PatientCourse> courses = new ArrayList<>();
    double[] days = new double[15];
    for (int f = 0; f < 15; f++) {
      days[f] = 7 * (f / 5) + f % 5;
    }
    for (int p = 0; p < 12; p++) {
      courses.add(new PatientCourse(days, c.measuredMm[p], c.bladderMl[p]));
    }
    PopulationPrior prior = PopulationPrior.fitCourses(courses, TimeBase.DAYS,
        new TwinParameters(null, null, null, new OptimizerParameters(1, null, null, null), null));
    assertTrue(prior.bladder().isPresent());
    PatientTwin twin = new PatientTwin(prior);
    assertThrows(IllegalStateException.class, () -> twin.observe(0, Vec3.ZERO));
    twin.observeAt(0, new Vec3(1, 2, 3), 350);
    twin.observeAt(1, new Vec3(1, 2, 3), 420);
    Forecast f = twin.forecastAt(4, 0.9, ForecastTarget.MEASUREMENT);
    AxisForecast b = f.bladderVolumeMl();
    assertTrue(b.logNormal());
    assertEquals(Math.exp(b.location()), b.quantile(0.5), 1e-9);
    assertTrue(b.lower() > 0 && b.lower() < b.quantile(0.5) && b.upper() > b.mean());
    assertEquals(2, f.observations());
  }
}
