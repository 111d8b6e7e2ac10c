package org.twinsim.gpu.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The gamma index against cases whose gamma is known in closed form or by an independent 1-D
 * brute-force minimisation (Low et al. 1998, Med Phys 25:656: gamma(r) = min_e sqrt(|e-r|^2/DTA^2 +
 * (De(e)-Dr(r))^2/dD^2)).
 */
class GammaIndexTest {
  /** A 3-D volume that varies along x only: d(x). */
  private static Volume alongX(Grid3 g, java.util.function.DoubleUnaryOperator d) {
    float[] a = new float[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          a[g.index(i, j, k)] = (float) d.applyAsDouble(g.x(i));
        }
      }
    }
    return new Volume(g, a);
  }

  @Test
  void identicalDistributionsHaveGammaZeroEverywhereAboveTheThreshold() {
    Grid3 g = new Grid3(30, 8, 6, 1, 1, 1, 0, 0, 0);
    Volume d = alongX(g, x -> 100 * Math.exp(-(x - 15) * (x - 15) / 50));
    GammaResult r = GammaIndex.compare(d, d, GammaCriteria.defaults());
    assertEquals(1.0, r.passRate(), 0.0);
    assertEquals(0.0, r.maxGamma(), 0.0);
    // threshold: points with dose >= 10 Gy: |x - 15| <= sqrt(50 ln 10) = 10.73 mm -> x = 5..25: 21 columns
    assertEquals(21L * 8 * 6, r.evaluated());
  }

  /**
   * A linear ramp of gradient G shifted by s along its gradient: De(x) = Dr(x - s). Then
   * gamma^2 = min_t t^2/DTA^2 + G^2 (t - s)^2 / dD^2 = s^2 / (DTA^2 + (dD/G)^2).
   */
  @Test
  void aShiftedRampHasTheClosedFormGamma() {
    Grid3 g = new Grid3(60, 3, 3, 1, 1, 1, 0, 0, 0);
    double gradient = 2.0; // Gy per mm; the maximum is 2 * 59 + 40 = 158 Gy, dD = 1.58 Gy
    double dd = 0.01 * (gradient * 59 + 40);
    for (double s : new double[] {0.4, 0.9, 1.5}) {
      Volume ref = alongX(g, x -> gradient * x + 40);
      Volume ev = alongX(g, x -> gradient * (x - s) + 40);
      float[] map = new float[g.size()];
      GammaIndex.compare(ref, ev, GammaCriteria.defaults(), map);
      double expected = s / Math.sqrt(1 + (dd / gradient) * (dd / gradient));
      for (int i = 5; i < 55; i++) { // away from the ends, where the search leaves the grid
        float got = map[g.index(i, 1, 1)];
        assertEquals(expected, got, 0.01, "gamma at x = " + i + " for a shift of " + s + " mm");
      }
    }
  }

  /** In a flat field the search cannot help: gamma = |dose difference| / dD. */
  @Test
  void aUniformDoseDifferenceInAFlatFieldGivesItsRatio() {
    Grid3 g = new Grid3(6, 5, 4, 2, 2, 2, 0, 0, 0);
    Volume ref = alongX(g, x -> 50);
    GammaResult pass = GammaIndex.compare(ref, alongX(g, x -> 50.3), GammaCriteria.defaults());
    assertEquals(0.6, pass.maxGamma(), 1e-5);
    assertEquals(1.0, pass.passRate(), 0.0);
    GammaResult fail = GammaIndex.compare(ref, alongX(g, x -> 50.75), GammaCriteria.defaults());
    assertEquals(1.5, fail.meanGamma(), 1e-5);
    assertEquals(0.0, fail.passRate(), 0.0);
    GammaResult capped = GammaIndex.compare(ref, alongX(g, x -> 60), GammaCriteria.defaults());
    assertEquals(2.0, capped.maxGamma(), 0.0, "values beyond the search radius are reported as the cap");
  }

  /**
   * An error-function edge (a penumbra of width w) shifted by 1.4 mm, on a 0.5 mm grid: gamma
   * against an independent 1-D brute force over the analytic evaluated profile (steps of 1 um).
   */
  @Test
  void aShiftedPenumbraMatchesABruteForceOneDimensionalGamma() {
    Grid3 g = new Grid3(80, 3, 3, 0.5, 0.5, 0.5, 0, 0, 0);
    double x0 = 20;
    double w = 3;
    double shift = 1.4;
    java.util.function.DoubleUnaryOperator ref = x -> 50 * (1 - Erf.erf((x - x0) / w));
    java.util.function.DoubleUnaryOperator ev = x -> 50 * (1 - Erf.erf((x - shift - x0) / w));
    float[] map = new float[g.size()];
    GammaResult r = GammaIndex.compare(alongX(g, ref), alongX(g, ev), GammaCriteria.defaults(), map);
    double dd = 0.01 * r.referenceMaxGy();
    int checked = 0;
    for (int i = 8; i < 72; i++) {
      double x = g.x(i);
      if (ref.applyAsDouble(x) < 0.1 * r.referenceMaxGy()) {
        assertTrue(Float.isNaN(map[g.index(i, 1, 1)]), "below the threshold: not evaluated");
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      for (double t = -2; t <= 2; t += 1e-3) {
        double diff = ev.applyAsDouble(x + t) - ref.applyAsDouble(x);
        best = Math.min(best, t * t + diff * diff / (dd * dd));
      }
      double expected = Math.min(Math.sqrt(best), 2);
      // interpolation of the 0.5 mm samples and the 0.1 mm search lattice
      assertEquals(expected, map[g.index(i, 1, 1)], 0.03, "gamma at x = " + x + " mm");
      checked++;
    }
    assertTrue(checked > 30, checked + " points checked");
    assertTrue(r.passRate() > 0.3 && r.passRate() < 1, "the steep part of the edge fails 1%/1 mm: " + r);
  }

  @Test
  void criteriaAreValidatedAndTheMapSizeChecked() {
    assertThrows(InvalidParameterException.class, () -> new GammaCriteria(0.0, null, null, null, null));
    Grid3 g = new Grid3(4, 4, 4, 1, 1, 1, 0, 0, 0);
    Volume v = alongX(g, x -> 1);
    assertThrows(IllegalArgumentException.class, () -> GammaIndex.compare(v, v, null, new float[3]));
  }
}
