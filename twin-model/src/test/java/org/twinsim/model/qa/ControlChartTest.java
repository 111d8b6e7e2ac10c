package org.twinsim.model.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

class ControlChartTest {
  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }

  /** In control, a 3-sigma individuals chart fires with probability 2(1 - Phi(3)) = 0.0027 per point. */
  @Test
  void individualsChartFalseAlarmRateIsTheNormalTail() {
    IndividualsChart c = new IndividualsChart(0, 1, 3);
    RandomStream s = RandomStreams.stream(1, "test.shewhart");
    int n = 400_000;
    int alarms = 0;
    for (int i = 0; i < n; i++) {
      if (c.update(z(s)).alarm()) {
        alarms++;
      }
    }
    double p = 2 * (1 - NormalDist.cdf01(3));
    double sd = Math.sqrt(n * p * (1 - p));
    assertEquals(n * p, alarms, 4 * sd);
  }

  /** The baseline estimate of sigma from moving ranges (MR-bar / d2) is unbiased for normal data. */
  @Test
  void movingRangeSigmaEstimateIsUnbiased() {
    RandomStream s = RandomStreams.stream(2, "test.mr");
    double[] b = new double[200_000];
    for (int i = 0; i < b.length; i++) {
      b[i] = 5 + 0.7 * z(s);
    }
    IndividualsChart c = IndividualsChart.fromBaseline(b);
    assertEquals(0.7, c.sigma(), 0.005);
    assertEquals(5, c.centre(), 0.01);
  }

  /** One-sided CUSUM run lengths match Siegmund's approximation (in control, and for a 1-sigma shift). */
  @Test
  void cusumRunLengthsMatchSiegmund() {
    double k = 0.5;
    double h = 4;
    for (double shift : new double[] {0.0, 1.0}) {
      RandomStream s = RandomStreams.stream(3, "test.cusum", (long) (shift * 10));
      int runs = shift == 0 ? 3000 : 20000;
      double sum = 0;
      for (int r = 0; r < runs; r++) {
        double up = 0;
        int n = 0;
        do {
          n++;
          up = Math.max(0, up + z(s) + shift - k);
        } while (up <= h);
        sum += n;
      }
      double arl = TabularCusum.siegmundArl(shift, k, h);
      assertEquals(arl, sum / runs, 0.06 * arl, "shift " + shift + ": simulated ARL " + sum / runs + " vs Siegmund " + arl);
    }
    // published one-sided ARLs (Montgomery Table 9.3, h = 4, k = 0.5): 336 in control, 8.38 at 1 sigma
    assertEquals(336, TabularCusum.siegmundArl(0, 0.5, 4), 3);
    assertEquals(8.38, TabularCusum.siegmundArl(1, 0.5, 4), 0.1);
  }

  /**
   * A range drift of +0.2 mm per week (REFERENCES.md example) with 0.3 mm daily noise is flagged
   * before the true range error reaches the 1 mm tolerance in at least 90% of machines.
   */
  @Test
  void rangeDriftIsFlaggedBeforeItExceedsTolerance() {
    MachineDrift drift = new MachineDrift(20, 0.2, null, null, null, null);
    QaNoise noise = QaNoise.DEFAULT;
    int machines = 500;
    int early = 0;
    int falseAlarms = 0;
    for (int m = 0; m < machines; m++) {
      MachineQaTwin twin = MachineQaTwin.defaults();
      RandomStream s = RandomStreams.stream(4, "test.qa", m);
      int exceeds = -1;
      int flagged = -1;
      for (int day = 0; day < 200 && (exceeds < 0 || flagged < 0); day++) {
        MachineState t = drift.at(day, -1);
        if (exceeds < 0 && Math.abs(t.rangeMm()) > MachineQuantity.RANGE_MM.toleranceDaily()) {
          exceeds = day;
        }
        Map<MachineQuantity, Double> meas = new EnumMap<>(MachineQuantity.class);
        for (MachineQuantity q : MachineQuantity.values()) {
          meas.put(q, t.get(q) + noise.sd(q) * z(s));
        }
        MachineState truth = t;
        List<QaAlert> alerts = twin.observe(day, meas, q -> truth.get(q) + noise.sd(q) * z(s));
        boolean rangeAlert = alerts.stream().anyMatch(a -> a.quantity() == MachineQuantity.RANGE_MM
            && a.severity() != Severity.INFO);
        if (rangeAlert && flagged < 0) {
          flagged = day;
          if (day < 20) {
            falseAlarms++;
          }
        }
      }
      if (flagged >= 0 && flagged < exceeds) {
        early++;
      }
    }
    assertTrue(early >= 0.9 * machines, "flagged before tolerance in " + early + "/" + machines);
    assertTrue(falseAlarms <= 0.01 * machines, "range alerts during the 20-day baseline: " + falseAlarms);
  }

  @Test
  void toleranceBreachIsAHoldEvenDuringTheBaseline() {
    MachineQaTwin twin = MachineQaTwin.defaults();
    List<QaAlert> a = twin.observe(0, Map.of(MachineQuantity.OUTPUT_PCT, 3.4));
    assertEquals(1, a.size());
    assertEquals(Severity.HOLD, a.get(0).severity());
    assertTrue(a.get(0).reason().contains("TG-224"));
    assertFalse(twin.monitoring());
  }
}
