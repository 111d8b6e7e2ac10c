package org.twinsim.model.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.param.InvalidParameterException;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

class DeviationDetectorTest {
  /** Under its model the score is chi with 6 degrees of freedom: hold and review rates are its tails. */
  @Test
  void falseAlertRatesAreTheChiSquareTails() {
    DeviationDetector d = DeviationDetector.defaults();
    RandomStream s = RandomStreams.stream(1, "test.deviation");
    Vec3 sd = new Vec3(2, 3, 2.5);
    int n = 100_000;
    int holds = 0;
    int reviews = 0;
    for (int i = 0; i < n; i++) {
      Vec3 setup = new Vec3(sd.x() * z(s), sd.y() * z(s), sd.z() * z(s));
      Vec3 prostate = new Vec3(sd.x() * z(s), sd.y() * z(s), sd.z() * z(s));
      List<DeviationDetector.Finding> f = d.check(setup, Vec3.ZERO, sd, prostate, Vec3.ZERO, sd, Double.NaN);
      for (DeviationDetector.Finding x : f) {
        if (x.severity() == Severity.HOLD) {
          holds++;
        } else if (x.severity() == Severity.REVIEW) {
          reviews++;
        }
      }
    }
    ChiSquaredDistribution chi = new ChiSquaredDistribution(6);
    double pHold = 1 - chi.cumulativeProbability(4.5 * 4.5);
    double pReview = chi.cumulativeProbability(4.5 * 4.5) - chi.cumulativeProbability(3.5 * 3.5);
    assertEquals(n * pHold, holds, 5 * Math.sqrt(n * pHold));
    assertEquals(n * pReview, reviews, 5 * Math.sqrt(n * pReview));
  }

  @Test
  void lowCoverageOnTheClinicViewIsHeld() {
    DeviationDetector d = DeviationDetector.defaults();
    Vec3 sd = new Vec3(1, 1, 1);
    List<DeviationDetector.Finding> f = d.check(Vec3.ZERO, Vec3.ZERO, sd, Vec3.ZERO, Vec3.ZERO, sd, 80);
    assertEquals(1, f.size());
    assertEquals(Severity.HOLD, f.get(0).severity());
    assertEquals("dose", f.get(0).detector());
    assertTrue(d.check(Vec3.ZERO, Vec3.ZERO, sd, Vec3.ZERO, Vec3.ZERO, sd, 96).isEmpty());
    assertThrows(InvalidParameterException.class, () -> new DeviationDetector(-1.0, null, null, null));
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }
}
