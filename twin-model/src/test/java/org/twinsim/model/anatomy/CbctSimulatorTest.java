package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;

/** The CBCT model against its specification, measured in uniform phantoms. */
class CbctSimulatorTest {
  private static final Grid3 G = Grid3.centred(320, 320, 120, 4, 4, 4, 0, 0, 0);

  private static Volume water(Grid3 g) {
    Volume v = new Volume(g);
    v.fill(0f);
    return v;
  }

  private static SummaryStatistics region(Volume v, double rMaxMm, double halfZMm) {
    SummaryStatistics s = new SummaryStatistics();
    Grid3 g = v.grid();
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double x = g.x(i);
          double y = g.y(j);
          if (x * x + y * y <= rMaxMm * rMaxMm && Math.abs(g.z(k)) <= halfZMm) {
            s.addValue(v.get(i, j, k));
          }
        }
      }
    }
    return s;
  }

  /** (e) In a uniform water region the noise SD is the spec's, and the mean is the bias (no cupping). */
  @Test
  void noiseSdAndBiasMatchTheSpec() {
    CbctSpec spec = new CbctSpec(25.0, 1.0, 0.0, 1.0, -30.0, 300.0, 100.0, -1000.0, null, null);
    Volume cb = CbctSimulator.simulate(water(G), spec, 1, 0, 0, 0);
    SummaryStatistics s = region(cb, 120, 40);
    System.out.printf("water: mean %.2f HU, SD %.2f HU (n=%d)%n", s.getMean(), s.getStandardDeviation(), s.getN());
    assertEquals(25.0, s.getStandardDeviation(), 0.05 * 25);
    // correlated noise: effective sample size ~ n / 20; the mean is within 4 SD of that
    assertEquals(-30.0, s.getMean(), 4 * 25 / Math.sqrt(s.getN() / 20.0));
  }

  /** Noise SD scales as 1 / sqrt(doseFactor): a quarter of the dose doubles it. */
  @Test
  void noiseFollowsImagingDose() {
    CbctSpec full = new CbctSpec(20.0, 1.0, 0.0, 1.0, 0.0, 300.0, 100.0, -1000.0, null, null);
    double sd1 = region(CbctSimulator.simulate(water(G), full, 3, 1), 120, 40).getStandardDeviation();
    double sd4 = region(CbctSimulator.simulate(water(G), full.withDoseFactor(0.25), 3, 1), 120, 40).getStandardDeviation();
    assertEquals(2.0, sd4 / sd1, 0.08);
    assertEquals(40.0, full.withDoseFactor(0.25).effectiveNoiseSdHu(), 1e-12);
  }

  /** Cupping: water reads cuppingHu lower at the centre than at the edge of the FOV, following (1 - r^2/R^2). */
  @Test
  void cuppingFollowsTheRadialProfile() {
    CbctSpec spec = new CbctSpec(0.0, 1.0, 50.0, 1.0, 0.0, 300.0, 100.0, -1000.0, null, null);
    Volume cb = CbctSimulator.simulate(water(G), spec, 1);
    double r = 150;
    for (double x : new double[] {2, 50, 100, 140}) {
      double expected = -50 * (1 - (x * x + 4) / (r * r)); // voxel centre at (x, 2)
      assertEquals(expected, cb.sample(x, 2, 2, Float.NaN), 0.5, "cupping at x = " + x);
    }
  }

  /** HU scale and bias: a 1000 HU insert reads scale * 1000 + bias. */
  @Test
  void huScaleAndBiasApplyToEveryTissue() {
    CbctSpec spec = new CbctSpec(0.0, 1.0, 0.0, 0.9, 20.0, 300.0, 100.0, -1000.0, null, null);
    Volume v = water(G);
    v.fill(1000f);
    Volume cb = CbctSimulator.simulate(v, spec, 1);
    assertEquals(920.0, cb.sample(0, 0, 0, Float.NaN), 1e-3);
  }

  /** Outside the FOV cylinder (radius or length) the fill value. */
  @Test
  void outsideTheFovIsFilled() {
    CbctSpec spec = new CbctSpec(10.0, 1.0, 0.0, 1.0, 0.0, 200.0, 60.0, -2000.0, null, null);
    Volume cb = CbctSimulator.simulate(water(G), spec, 1);
    assertEquals(-2000f, cb.sample(110, 0, 0, Float.NaN), 0f, "beyond the radius");
    assertEquals(-2000f, cb.sample(0, 0, 40, Float.NaN), 0f, "beyond the length");
    assertTrue(cb.sample(0, 0, 0, Float.NaN) > -200, "inside");
  }

  /** On its own grid the CBCT covers the FOV cylinder at its own spacing, resampled from the CT. */
  @Test
  void ownGridResamplesTheCt() {
    Grid3 ct = Grid3.centred(480, 320, 240, 4, 4, 4, 0, 0, 40);
    Volume v = new Volume(ct);
    for (int k = 0; k < ct.nz(); k++) {
      for (int j = 0; j < ct.ny(); j++) {
        for (int i = 0; i < ct.nx(); i++) {
          v.set(i, j, k, (float) (ct.x(i) + 2 * ct.y(j)));
        }
      }
    }
    CbctSpec spec = new CbctSpec(0.0, 1.0, 0.0, 1.0, 0.0, 300.0, 120.0, -1000.0, 3.0, 2.5);
    Volume cb = CbctSimulator.simulate(v, spec, 1);
    Grid3 g = cb.grid();
    assertEquals(100, g.nx());
    assertEquals(48, g.nz());
    assertEquals(2.5, g.spacingZMm(), 1e-12);
    assertEquals(31.5 + 2 * -12.5, cb.sample(31.5, -12.5, 1.25, Float.NaN), 0.01, "linear CT reproduced");
  }

  /** Same seed and coordinates, same noise; another fraction, other noise. */
  @Test
  void noiseIsSeeded() {
    CbctSpec spec = CbctSpec.defaults();
    Grid3 g = Grid3.centred(120, 120, 40, 4, 4, 4, 0, 0, 0);
    Volume a = CbctSimulator.simulate(water(g), spec, 9, 0, 1, 2);
    Volume b = CbctSimulator.simulate(water(g), spec, 9, 0, 1, 2);
    Volume c = CbctSimulator.simulate(water(g), spec, 9, 0, 1, 3);
    assertArrayEquals(a.data(), b.data());
    assertTrue(a.data()[g.index(10, 10, 5)] != c.data()[g.index(10, 10, 5)]);
  }
}
