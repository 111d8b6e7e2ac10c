package org.twinsim.engine.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

class TimingFitTest {
  /** Samples of a known log-normal (mean 30 s, SD 8 s) are fitted back within sampling error and pass KS. */
  @Test
  void recoversAKnownLogNormal() {
    DistributionSpec truth = DistributionSpec.lognormal(30, 8);
    RandomStream s = RandomStreams.stream(3, "test.fit");
    double[] x = new double[4000];
    for (int i = 0; i < x.length; i++) {
      x[i] = truth.quantile(s.nextDouble());
    }
    TimingFit f = TimingFit.lognormal(x);
    assertEquals(30, f.spec().meanS(), 0.5);
    assertEquals(8, f.spec().sdS(), 0.4);
    assertTrue(f.ksPValue() > 0.01, "KS p " + f.ksPValue());
    assertTrue(f.yaml("deformable-registration", "x").startsWith("    deformable-registration: {dist: lognormal"));
  }

  /** Uniform data are not log-normal: KS rejects them. */
  @Test
  void rejectsADifferentShape() {
    RandomStream s = RandomStreams.stream(4, "test.fit");
    double[] x = new double[4000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + 40 * s.nextDouble();
    }
    assertTrue(TimingFit.lognormal(x).ksPValue() < 1e-3);
    assertThrows(IllegalArgumentException.class, () -> TimingFit.lognormal(new double[] {1, -2, Double.NaN}));
  }
}
