package org.twinsim.model.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class BortfeldBraggCurveTest {

  /**
   * Closed forms of the parabolic cylinder function for integer orders (Abramowitz and Stegun
   * 19.14.4 and the recurrence 19.6.4): exp(-z^2/4) D_-1(-z) = sqrt(pi/2) erfc(-z/sqrt2) and
   * exp(-z^2/4) D_-2(-z) = exp(-z^2/2) + z sqrt(pi/2) erfc(-z/sqrt2).
   */
  @Test
  void parabolicCylinderMatchesClosedFormsForIntegerOrders() {
    for (double z : new double[] {-4, -1.5, 0, 0.7, 3, 12, 35}) {
      double erfc = Erf.erfc(-z / Math.sqrt(2));
      double dm1 = Math.sqrt(Math.PI / 2) * erfc;
      double dm2 = Math.exp(-z * z / 2) + z * Math.sqrt(Math.PI / 2) * erfc;
      assertEquals(dm1, BortfeldBraggCurve.scaledParabolicCylinder(-1, z), 1e-6 * Math.max(dm1, 1e-3), "D_-1 at " + z);
      assertEquals(dm2, BortfeldBraggCurve.scaledParabolicCylinder(-2, z), 1e-5 * Math.max(dm2, 1e-3), "D_-2 at " + z);
    }
  }

  /**
   * D_-1/2 through the modified Bessel function (A&S 19.15.? / DLMF 12.7.10):
   * D_-1/2(x) = sqrt(x/(2 pi)) K_1/4(x^2/4) for x > 0; at x = -z = 2: K_1/4(1) = 0.4307397 (DLMF tables).
   * Checks the non-integer order, below 1, used for nu = -1/p.
   */
  @Test
  void parabolicCylinderOfHalfOrderMatchesBesselForm() {
    double x = 2.0;
    double k14 = 0.4307397; // K_{1/4}(1), from K_nu(1) tables (interpolated in nu, accurate to ~1e-6)
    double expected = Math.exp(-x * x / 4) * Math.sqrt(x / (2 * Math.PI)) * k14;
    assertEquals(expected, BortfeldBraggCurve.scaledParabolicCylinder(-0.5, -x), 2e-4 * expected);
  }

  /**
   * Non-integer orders of Bortfeld's curve (nu = -1/p and -1/p - 1 with p = 1.77) against an
   * independent implementation: scipy.special.pbdv (Zhang and Jin 1996), exp(-z^2/4) D_nu(-z).
   */
  @Test
  void parabolicCylinderMatchesScipyForBortfeldOrders() {
    assertEquals(0.3196547344, BortfeldBraggCurve.scaledParabolicCylinder(-0.565, -1.3), 1e-6);
    assertEquals(2.2786383379, BortfeldBraggCurve.scaledParabolicCylinder(-1.565, 0.8), 1e-5);
  }

  /** The distal 80% point of the depth dose lies at R0 (Bortfeld 1997), i.e. the PSTAR range within 1%. */
  @Test
  void distalEightyPercentOfTheCurveIsThePstarRange() {
    for (double[] e : WaterRangeEnergyTest.PSTAR) {
      BortfeldBraggCurve c = new BortfeldBraggCurve(e[0], 0.005 * e[0], 0.012, 0.6, 0, WaterRangeEnergy.instance());
      double step = 0.02;
      double max = 0;
      int n = (int) (c.distalEndMm() / step) + 2;
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = c.iddMeVcm2PerG(i * step);
        max = Math.max(max, d[i]);
      }
      int im = 0;
      while (d[im] < max) {
        im++;
      }
      int j = im;
      while (d[j] >= 0.8 * max) {
        j++;
      }
      double r80 = (j - 1 + (d[j - 1] - 0.8 * max) / (d[j - 1] - d[j])) * step;
      assertEquals(e[1] * 10, r80, 0.01 * e[1] * 10, "R80 at " + e[0] + " MeV");
      // peak-to-entrance ratio of a clinical pristine peak: 3 to 6
      double ratio = max / d[0];
      assertTrue(ratio > 2.5 && ratio < 7, "peak/entrance " + ratio + " at " + e[0] + " MeV");
    }
  }

  /** Energy is conserved: the integral of the depth dose over depth is at most E0 (minus nuclear losses). */
  @Test
  void integralOfDepthDoseIsBelowTheInitialEnergy() {
    BortfeldBraggCurve c = new BortfeldBraggCurve(150, 0.75, 0.012, 0.6, 0, WaterRangeEnergy.instance());
    double step = 0.01;
    double sum = 0;
    for (double z = 0; z < c.distalEndMm(); z += step) {
      sum += c.iddMeVcm2PerG(z) * step / 10.0; // MeV cm2/g * cm * 1 g/cm3 = MeV
    }
    // Bortfeld: the fraction (1 - gamma) of the nuclear-interaction energy leaves; with
    // beta R0 = 0.19 roughly 0.4 * 0.19 / 1.19 * 150 MeV ~ 10 MeV is lost
    assertTrue(sum < 150 && sum > 130, "deposited energy " + sum + " MeV");
  }
}
