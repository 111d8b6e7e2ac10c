package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

class HistogramMatchingTest {
  /** Three tissues in slabs: fat -70 HU, urine 5 HU, prostate 50 HU. */
  private static float[] tissues(Grid3 g) {
    float[] a = new float[g.size()];
    for (int n = 0; n < a.length; n++) {
      int i = n % g.nx();
      a[n] = i < g.nx() / 3 ? -70f : (i < 2 * g.nx() / 3 ? 5f : 50f);
    }
    return a;
  }

  @Test
  void aLinearGreyValueChangeIsUndone() {
    Grid3 g = new Grid3(30, 20, 20, 4, 4, 4, 0, 0, 0);
    float[] ref = new float[g.size()];
    for (int n = 0; n < ref.length; n++) {
      ref[n] = (float) (-500 + 1500.0 * n / ref.length); // uniform ramp
    }
    float[] src = new float[ref.length];
    for (int n = 0; n < ref.length; n++) {
      src[n] = 0.9f * ref[n] + 40f;
    }
    byte[] use = new byte[ref.length];
    Arrays.fill(use, (byte) 1);
    HistogramMatching h = HistogramMatching.fit(src, ref, use, 7);
    for (float v : new float[] {-400, -100, 0, 50, 700}) {
      assertEquals(v, h.map(0.9f * v + 40f), 2.0);
    }
    // beyond the end points the mapping continues linearly
    assertEquals(-800, h.map(0.9f * -800 + 40f), 3.0);
  }

  /**
   * A CBCT-like copy (offset +30 HU, noise SD 30 HU) of three tissues (fat -70, urine 5, prostate
   * 50 HU): fitted on equally smoothed copies, the mapping takes each tissue's CBCT mean back to
   * its CT value (offset removed, contrast kept).
   */
  @Test
  void fittingOnSmoothedCopiesRemovesTheOffsetOfNoisyTissues() {
    Grid3 g = new Grid3(48, 32, 32, 4, 4, 4, 0, 0, 0);
    float[] ref = tissues(g);
    float[] src = tissues(g);
    RandomStream s = RandomStreams.stream(7, "test.histogram.noise");
    for (int n = 0; n < src.length; n++) {
      src[n] += 30f + (float) (30 * NormalDist.inverseF01(s.nextDouble()));
    }
    byte[] use = new byte[src.length];
    Arrays.fill(use, (byte) 1);
    float[] fs = src.clone();
    float[] rs = ref.clone();
    GaussianSmoother.smooth(fs, new float[fs.length], g, 6, 6, 6);
    GaussianSmoother.smooth(rs, new float[rs.length], g, 6, 6, 6);
    HistogramMatching h = HistogramMatching.fit(fs, rs, use, 7);
    assertEquals(-70, h.map(-40f), 8);
    assertEquals(5, h.map(35f), 8);
    assertEquals(50, h.map(80f), 8);
  }

  @Test
  void constantOrTinySamplesAreRejected() {
    float[] a = new float[1000];
    byte[] use = new byte[1000];
    Arrays.fill(use, (byte) 1);
    float[] b = new float[1000];
    for (int i = 0; i < b.length; i++) {
      b[i] = i;
    }
    assertThrows(RegistrationException.class, () -> HistogramMatching.fit(a, b, use, 5));
    assertThrows(RegistrationException.class, () -> HistogramMatching.fit(b, b, new byte[1000], 5));
  }
}
