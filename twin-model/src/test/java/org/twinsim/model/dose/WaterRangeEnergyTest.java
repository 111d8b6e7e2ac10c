package org.twinsim.model.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WaterRangeEnergyTest {
  /** NIST PSTAR CSDA ranges of protons in liquid water, g/cm2 (REFERENCES.md). */
  static final double[][] PSTAR = {{70, 4.080}, {100, 7.718}, {150, 15.77}, {200, 25.96}, {250, 37.94}};

  @Test
  void csdaRangeMatchesPstarWithinHalfAPercent() {
    WaterRangeEnergy t = WaterRangeEnergy.instance();
    for (double[] e : PSTAR) {
      double mm = t.csdaRangeMm(e[0]);
      assertEquals(e[1] * 10, mm, 0.005 * e[1] * 10, "CSDA range at " + e[0] + " MeV");
    }
  }

  @Test
  void inverseRecoversTheEnergy() {
    WaterRangeEnergy t = WaterRangeEnergy.instance();
    for (double e : new double[] {3, 9.99, 10, 70.3, 151.27, 249.9}) {
      assertEquals(e, t.energyMeV(t.csdaRangeMm(e)), 1e-6 * e + 1e-9);
    }
  }

  /** Bethe stopping power of water at 100 MeV: PSTAR electronic stopping power 7.289 MeV cm2/g. */
  @Test
  void stoppingPowerAt100MeVMatchesPstar() {
    assertEquals(7.289 / 10, WaterRangeEnergy.betheMeVPerMm(100), 0.005 * 7.289 / 10);
  }

  /** pv = beta^2 gamma M c^2 from relativistic kinematics, independently: T = 200 MeV. */
  @Test
  void pvFollowsKinematics() {
    double m = WaterRangeEnergy.PROTON_MASS_MEV;
    double gamma = 1 + 200 / m;
    double beta2 = 1 - 1 / (gamma * gamma);
    assertEquals(beta2 * gamma * m, WaterRangeEnergy.pvMeV(200), 1e-9);
  }

  @Test
  void energiesOutsideTheTableAreRejected() {
    WaterRangeEnergy t = WaterRangeEnergy.instance();
    assertThrows(IllegalArgumentException.class, () -> t.csdaRangeMm(-1));
    assertThrows(IllegalArgumentException.class, () -> t.csdaRangeMm(500));
    assertThrows(IllegalArgumentException.class, () -> t.energyMeV(1e5));
  }
}
