package org.twinsim.engine.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.qa.ImagingPolicy;
import org.twinsim.model.qa.ImagingProtocol;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/** Twin-guided imaging in the safety layer's course screen, against its paired daily-CBCT reference. */
class TwinGuidedImagingTest {
  static Scenario scenario(List<AnomalySpec> anomalies, ImagingPolicy imaging) {
    SafetySpec spec = new SafetySpec(anomalies, Map.of("position", new DetectorSpec(3.0, 3.5, 4.25)), null, null, imaging);
    return SafetyCourseTest.scenario(404, 30, 28, spec);
  }

  /**
   * The learned predictive SD of a calm patient (daily SD 1 mm) converges to the patient's own SD
   * (the sample SD, an independent estimate), while the population predictive SD stays where the
   * population puts it; before two measurements the two agree.
   */
  @Test
  void learnedSpreadConvergesToThePatientsOwn() {
    Axes3 sys = Axes3.of(1.1, 1.9, 2.3);
    Axes3 rnd = Axes3.of(1.4, 2.3, 2.7);
    TwinForecast t = new TwinForecast(sys, rnd, 1.0);
    assertEquals(t.sdMm(), t.learnedSdMm(5));
    RandomStream s = RandomStreams.stream(5, "test.calm");
    int n = 4000;
    double[] sum = new double[3];
    double[] sq = new double[3];
    for (int i = 0; i < n; i++) {
      Vec3 m = new Vec3(2 + NormalDist.inverseF01(s.nextDouble()), -1 + NormalDist.inverseF01(s.nextDouble()),
          NormalDist.inverseF01(s.nextDouble()));
      t.update(m);
      for (int a = 0; a < 3; a++) {
        sum[a] += m.get(a);
        sq[a] += m.get(a) * m.get(a);
      }
    }
    for (int a = 0; a < 3; a++) {
      double sample = Math.sqrt((sq[a] - sum[a] * sum[a] / n) / (n - 1));
      assertEquals(sample, t.learnedSdMm(5).get(a), 0.01, "axis " + a);
      assertTrue(t.sdMm().get(a) > 1.7, "population predictive SD unchanged by calm data");
    }
  }

  /**
   * Paired draws: a low-dose CBCT's measurement errors are the standard scan's scaled by
   * 1/sqrt(0.4), the truth is the same, and the imaging dose is the protocol's plus a standard CBCT
   * per hold; the first fractions are learning fractions with the standard scan.
   */
  @Test
  void lowDoseErrorsAreTheStandardOnesScaled() {
    ImagingPolicy policy = new ImagingPolicy("twin-guided", 50.0, 0.0, 5);
    Scenario s = scenario(List.of(), policy);
    int low = 0;
    for (int p = 0; p < 10; p++) {
      SafetyCourse c = SafetyCourse.screen(s, 0, p);
      SafetyCourse ref = SafetyCourse.screen(s, 0, p, ImagingPolicy.dailyCbct());
      for (int f = 0; f < 28; f++) {
        ImagingProtocol proto = c.protocol()[f];
        assertEquals(ImagingProtocol.FULL_CBCT, ref.protocol()[f]);
        assertEquals(proto.softTissueDoseMGy() + (c.hold()[f] ? 35.0 : 0), c.imagingDoseMGy(f), 1e-12);
        if (f < 5) {
          assertEquals(ImagingProtocol.FULL_CBCT, proto, "learning fraction " + f);
        }
        FractionObservation o = c.observations().get(f);
        FractionObservation r = ref.observations().get(f);
        assertEquals(r.truth().prostateMm(), o.truth().prostateMm());
        if (proto == ImagingProtocol.LOW_DOSE_CBCT && !c.hold()[f]) {
          low++;
          Vec3 e = o.obsProstateMm().minus(o.truth().prostateMm());
          Vec3 er = r.obsProstateMm().minus(r.truth().prostateMm());
          Vec3 b = o.obsSetupMm().minus(o.truth().setupMm());
          Vec3 br = r.obsSetupMm().minus(r.truth().setupMm());
          for (int a = 0; a < 3; a++) {
            assertEquals(er.get(a) / Math.sqrt(0.4), e.get(a), 1e-9);
            assertEquals(br.get(a) / Math.sqrt(0.4), b.get(a), 1e-9);
          }
        }
      }
    }
    assertTrue(low > 150, "low-dose fractions: " + low);
  }

  /**
   * A kV pair sees bone only: the prostate position the clinic uses is the twin's forecast, which
   * does not move between kV-pair days (nothing soft-tissue is learned), and an injected prostate
   * displacement on a kV-pair day is not in the measurement, so the position detector does not hold it.
   */
  @Test
  void kvPairDaysDoNotSeeTheProstate() {
    ImagingPolicy policy = new ImagingPolicy("twin-guided", 50.0, 50.0, 5);
    Scenario s = scenario(List.of(new AnomalySpec("prostate-shift", 0.1, null, List.of(12.0, 12.0))), policy);
    int kvEvents = 0;
    int kvHeld = 0;
    int stable = 0;
    for (int p = 0; p < 30; p++) {
      SafetyCourse c = SafetyCourse.screen(s, 0, p);
      for (int f = 6; f < 28; f++) {
        if (c.protocol()[f] == ImagingProtocol.KV_PAIR && c.protocol()[f - 1] == ImagingProtocol.KV_PAIR && !c.hold()[f]) {
          assertEquals(c.observations().get(f - 1).obsProstateMm(), c.observations().get(f).obsProstateMm());
          stable++;
        }
      }
      for (SafetyEvent e : c.events()) {
        if (c.protocol()[e.startFraction()] == ImagingProtocol.KV_PAIR) {
          kvEvents++;
          kvHeld += e.detectedFraction() >= 0 ? 1 : 0;
          FractionObservation o = c.observations().get(e.startFraction());
          if (!c.hold()[e.startFraction()]) {
            assertTrue(o.truth().prostateMm().minus(o.obsProstateMm()).norm() > 6, "the 12 mm shift is unseen");
          }
        }
      }
    }
    assertTrue(stable > 200, "consecutive kV-pair days: " + stable);
    assertTrue(kvEvents >= 20, "events on kV-pair days: " + kvEvents);
    assertTrue(kvHeld <= 2, "held by the bony check alone: " + kvHeld + " of " + kvEvents);
  }
}
