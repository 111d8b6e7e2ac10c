package org.twinsim.engine.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twinsim.engine.scenario.Cohort;
import org.twinsim.engine.scenario.Fractionation;
import org.twinsim.engine.scenario.PhysicsSpec;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.qa.Severity;
import umontreal.ssj.probdist.ChiSquareDist;
import umontreal.ssj.probdist.NormalDist;

class SafetyCourseTest {
  static Scenario scenario(long seed, int patients, int fractions, SafetySpec safety) {
    return new Scenario("t", "test", seed, 1, new Cohort(null, patients, 1, null),
        new Fractionation(fractions, null, null, null, null), null, null, null, null, null, null, null,
        new PhysicsSpec("geometric", null, null, null, null, null), null, safety);
  }

  static SafetySpec spec(List<AnomalySpec> anomalies, DetectorSpec couch, DetectorSpec position) {
    return new SafetySpec(anomalies, Map.of("couch", couch, "position", position), null);
  }

  /** k/n within the exact-enough normal 99.9% band of a binomial(n, p). */
  static void assertBinomial(long k, long n, double p, String what) {
    double z = NormalDist.inverseF01(0.9995);
    double sd = Math.sqrt(n * p * (1 - p));
    assertTrue(Math.abs(k - n * p) <= z * sd + 1, what + ": " + k + " of " + n + ", expected " + n * p + " +/- " + z * sd);
  }

  /**
   * With no anomaly the position score squared is chi-square with 6 degrees of freedom under the
   * motion model, so the review rate is the analytic tail P(chi2_6 > 3.5^2) = 0.0566 and the couch
   * score's is P(chi2_3 > 3^2) = 0.0293 (thresholds set only for this test).
   */
  @Test
  void falseAlarmRatesAreTheChiSquareTails() {
    DetectorSpec position = new DetectorSpec(3.5, 3.5, 30.0);
    DetectorSpec couch = new DetectorSpec(3.0, 3.0, 30.0);
    Scenario s = scenario(77, 300, 28, spec(List.of(), couch, position));
    long n = 0;
    long pos = 0;
    long cou = 0;
    for (int p = 0; p < 300; p++) {
      SafetyCourse c = SafetyCourse.screen(s, 0, p);
      n += 28;
      for (SafetyAlert a : c.alerts()) {
        assertEquals(null, a.eventId());
        if (a.detector().equals("position")) {
          pos++;
        } else {
          cou++;
        }
      }
    }
    assertBinomial(pos, n, ChiSquareDist.barF(6, 12, 3.5 * 3.5), "position alerts");
    assertBinomial(cou, n, ChiSquareDist.barF(3, 12, 9.0), "couch alerts");
  }

  /** A 10 mm wrong couch shift is held on its fraction and corrected before the beam. */
  @Test
  void tenMillimetreGrossErrorIsCaughtAndCorrected() {
    Scenario s = scenario(5, 10, 12, spec(List.of(new AnomalySpec("gross-setup", 0.3, null, List.of(10.0, 10.0))),
        DetectorSpec.defaults(), DetectorSpec.defaults()));
    int events = 0;
    for (int p = 0; p < 10; p++) {
      SafetyCourse c = SafetyCourse.screen(s, 0, p);
      for (SafetyEvent e : c.events()) {
        events++;
        assertEquals(10.0, e.vectorMm().norm(), 1e-12);
        assertEquals(e.startFraction(), e.detectedFraction(), e.eventId());
        assertTrue(c.hold()[e.startFraction()]);
        assertEquals(Vec3.ZERO, c.couchErrorMm()[e.startFraction()]);
        assertTrue(c.alerts().stream().anyMatch(a -> a.fraction() == e.startFraction() && a.detector().equals("couch")
            && a.severity() == Severity.HOLD && e.eventId().equals(a.eventId())));
      }
    }
    assertTrue(events > 10, "too few events to test: " + events);
  }

  /** Undetected (thresholds out of reach), the wrong shift is what is delivered; a recurring one lasts the course. */
  @Test
  void undetectedErrorIsDelivered() {
    DetectorSpec blind = new DetectorSpec(1e6, 1e6, 1e6);
    Scenario s = scenario(9, 10, 10, spec(List.of(new AnomalySpec("gross-setup", null, 1.0, List.of(6.0, 8.0))),
        blind, blind));
    for (int p = 0; p < 10; p++) {
      SafetyCourse c = SafetyCourse.screen(s, 0, p);
      assertEquals(1, c.events().size());
      SafetyEvent e = c.events().get(0);
      assertTrue(e.recurring());
      assertEquals(9, e.endFraction());
      assertEquals(-1, e.detectedFraction());
      for (int f = 0; f < 10; f++) {
        assertEquals(f >= e.startFraction() ? e.vectorMm() : Vec3.ZERO, c.couchErrorMm()[f]);
      }
      assertTrue(c.alerts().isEmpty());
    }
  }

  /** A prostate shift is real anatomy: in truth and in the measurement, by the same vector. */
  @Test
  void prostateShiftIsInTruthAndMeasurement() {
    DetectorSpec d = DetectorSpec.defaults();
    Scenario plain = scenario(3, 4, 10, spec(List.of(), d, d));
    Scenario shifted = scenario(3, 4, 10, spec(List.of(new AnomalySpec("prostate-shift", 0.5, null, null)), d, d));
    for (int p = 0; p < 4; p++) {
      SafetyCourse a = SafetyCourse.screen(plain, 0, p);
      SafetyCourse b = SafetyCourse.screen(shifted, 0, p);
      SafetyCourse again = SafetyCourse.screen(shifted, 0, p);
      assertEquals(b.events(), again.events(), "same seed, same events");
      assertEquals(b.alerts(), again.alerts(), "same seed, same alerts");
      assertArrayEquals(b.couchErrorMm(), again.couchErrorMm());
      for (SafetyEvent e : b.events()) {
        int f = e.startFraction();
        assertTrue(e.sizeMm() >= 8 && e.sizeMm() <= 15);
        Vec3 dTrue = b.observations().get(f).truth().prostateMm().minus(a.observations().get(f).truth().prostateMm());
        Vec3 dObs = b.observations().get(f).obsProstateMm().minus(a.observations().get(f).obsProstateMm());
        // held: re-imaged after the gas is released, the fraction goes on without the displacement
        Vec3 expected = b.hold()[f] ? Vec3.ZERO : e.vectorMm();
        assertEquals(0, dTrue.minus(expected).norm(), 1e-9);
        assertEquals(0, dObs.minus(expected).norm(), 1e-9);
      }
    }
  }
}
