package org.twinsim.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectorRocTest {
  @Test
  void smallCaseByHand() {
    List<DetectorRoc.Point> c = DetectorRoc.curve(new double[] {5, 3}, new double[] {1, 3, 2, 0});
    // thresholds inf, 5, 3, 2, 1, 0
    assertEquals(6, c.size());
    assertEquals(new DetectorRoc.Point(5, 0, 50), c.get(1));
    assertEquals(new DetectorRoc.Point(3, 25, 100), c.get(2));
    assertEquals(new DetectorRoc.Point(0, 100, 100), c.get(5));
    // pairs: 5 beats all 4; 3 beats 1, 2, 0 and ties 3: (4 + 3.5) / 8
    assertEquals(7.5 / 8, DetectorRoc.auc(c), 1e-12);
  }

  /** The area equals the Mann-Whitney probability P(event > normal) + P(tie)/2, counted pair by pair. */
  @Test
  void areaIsTheMannWhitneyStatistic() {
    Random r = new Random(11);
    double[] ev = new double[57];
    double[] no = new double[311];
    for (int i = 0; i < ev.length; i++) {
      ev[i] = Math.round((1.2 + r.nextGaussian()) * 4) / 4.0;
    }
    for (int i = 0; i < no.length; i++) {
      no[i] = Math.round(r.nextGaussian() * 4) / 4.0;
    }
    double u = 0;
    for (double e : ev) {
      for (double n : no) {
        u += e > n ? 1 : e == n ? 0.5 : 0;
      }
    }
    assertEquals(u / (ev.length * (double) no.length), DetectorRoc.auc(DetectorRoc.curve(ev, no)), 1e-12);
  }

  @Test
  void needsBothClasses() {
    assertThrows(IllegalArgumentException.class, () -> DetectorRoc.curve(new double[0], new double[] {1}));
  }
}
