package org.twinsim.model.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import umontreal.ssj.rng.RandomStream;

class RandomStreamsTest {
  @Test
  void sameCoordinatesGiveTheSameDraws() {
    RandomStream a = RandomStreams.stream(42, "anatomy.setup", 0, 3);
    RandomStream b = RandomStreams.stream(42, "anatomy.setup", 0, 3);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextDouble(), b.nextDouble());
    }
  }

  @Test
  void otherCoordinatesSeedOrPurposeGiveOtherDraws() {
    double x = RandomStreams.stream(42, "anatomy.setup", 0, 3).nextDouble();
    assertNotEquals(x, RandomStreams.stream(42, "anatomy.setup", 0, 4).nextDouble());
    assertNotEquals(x, RandomStreams.stream(43, "anatomy.setup", 0, 3).nextDouble());
    assertNotEquals(x, RandomStreams.stream(42, "anatomy.motion", 0, 3).nextDouble());
  }

  /** First draws of 2000 streams with consecutive coordinates are U(0,1) (Kolmogorov-Smirnov). */
  @Test
  void firstDrawsAcrossCoordinatesAreUniform() {
    double[] u = new double[2000];
    for (int p = 0; p < u.length; p++) {
      u[p] = RandomStreams.stream(7, "x", p).nextDouble();
    }
    double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
        new org.apache.commons.math3.distribution.UniformRealDistribution(0, 1), u);
    assertTrue(pValue > 0.001, "KS p = " + pValue);
  }
}
