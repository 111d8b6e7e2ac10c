package org.twinsim.model.dose;

import java.util.Arrays;

/**
 * Stopping power and CSDA range of protons in liquid water, and the kinematics the scattering model
 * needs.
 *
 * <p>Reference: Bethe formula as in ICRU Report 49 (1993) / PDG "Passage of particles through
 * matter" eq. 34.5, water I = 75 eV and Z/A = 0.55509 (the values of NIST PSTAR); no density effect
 * (zero for water below 400 MeV). The CSDA range is the integral of 1/S from 10 MeV up; below
 * 10 MeV, where shell corrections matter, the PSTAR range 0.1230 g/cm2 at 10 MeV anchors the
 * integral and a Bragg-Kleeman power law (Bortfeld 1997) continues it to zero. The result lies
 * within 0.15% of PSTAR from 70 to 250 MeV (tested). Density of water 1 g/cm3, so g/cm2 = cm.
 *
 * <p>Immutable and thread-safe; {@link #instance()} is the shared table.
 */
public final class WaterRangeEnergy {
  /** Proton rest energy, MeV (CODATA 2018). */
  public static final double PROTON_MASS_MEV = 938.27208816;
  /** Electron rest energy, MeV (CODATA 2018). */
  public static final double ELECTRON_MASS_MEV = 0.51099895;
  /** 4 pi N_A r_e^2 m_e c^2, MeV cm2/mol (PDG). */
  private static final double K_MEV_CM2_PER_MOL = 0.307075;
  /** Z/A of water, mol/g (ICRU 49). */
  private static final double Z_OVER_A = 0.55509;
  /** Mean excitation energy of water, MeV (ICRU 49, used by NIST PSTAR). */
  private static final double I_MEV = 75e-6;
  private static final double ANCHOR_MEV = 10.0;
  /** PSTAR CSDA range of 10 MeV protons in water, mm. */
  private static final double ANCHOR_RANGE_MM = 1.230;
  private static final double STEP_MEV = 0.05;
  /** Highest tabulated energy, MeV. */
  public static final double MAX_ENERGY_MEV = 400.0;

  private static final WaterRangeEnergy INSTANCE = new WaterRangeEnergy();

  private final double[] energy;
  private final double[] range;
  private final double anchorExponent;

  private WaterRangeEnergy() {
    int n = (int) Math.round((MAX_ENERGY_MEV - ANCHOR_MEV) / STEP_MEV) + 1;
    energy = new double[n];
    range = new double[n];
    energy[0] = ANCHOR_MEV;
    range[0] = ANCHOR_RANGE_MM;
    for (int i = 1; i < n; i++) {
      double a = ANCHOR_MEV + (i - 1) * STEP_MEV;
      double b = ANCHOR_MEV + i * STEP_MEV;
      // Simpson's rule on 1/S over [a, b]
      double integral = (b - a) / 6.0 * (1.0 / betheMeVPerMm(a) + 4.0 / betheMeVPerMm(0.5 * (a + b)) + 1.0 / betheMeVPerMm(b));
      energy[i] = b;
      range[i] = range[i - 1] + integral;
    }
    anchorExponent = ANCHOR_MEV / (ANCHOR_RANGE_MM * betheMeVPerMm(ANCHOR_MEV));
  }

  /** The shared table. */
  public static WaterRangeEnergy instance() {
    return INSTANCE;
  }

  /**
   * Electronic stopping power of water by the Bethe formula, MeV/mm (ICRU 49; PDG eq. 34.5, no
   * density-effect or shell corrections). Valid above about 10 MeV.
   */
  public static double betheMeVPerMm(double kineticMeV) {
    double gamma = 1.0 + kineticMeV / PROTON_MASS_MEV;
    double beta2 = 1.0 - 1.0 / (gamma * gamma);
    double bg2 = beta2 * gamma * gamma;
    double ratio = ELECTRON_MASS_MEV / PROTON_MASS_MEV;
    double wMax = 2.0 * ELECTRON_MASS_MEV * bg2 / (1.0 + 2.0 * gamma * ratio + ratio * ratio);
    double massStopping = K_MEV_CM2_PER_MOL * Z_OVER_A / beta2
        * (0.5 * Math.log(2.0 * ELECTRON_MASS_MEV * bg2 * wMax / (I_MEV * I_MEV)) - beta2);
    return massStopping * 0.1; // MeV cm2/g * 1 g/cm3 -> MeV/cm -> MeV/mm
  }

  /** Momentum times velocity, pv, of a proton of this kinetic energy, MeV: T(T+2M)/(T+M). */
  public static double pvMeV(double kineticMeV) {
    return kineticMeV * (kineticMeV + 2.0 * PROTON_MASS_MEV) / (kineticMeV + PROTON_MASS_MEV);
  }

  /** CSDA range in water of a proton of this kinetic energy, mm (0 at 0 MeV). */
  public double csdaRangeMm(double kineticMeV) {
    if (!(kineticMeV >= 0) || kineticMeV > MAX_ENERGY_MEV) {
      throw new IllegalArgumentException("proton energy " + kineticMeV + " MeV outside the range-energy table [0, "
          + MAX_ENERGY_MEV + "] MeV");
    }
    if (kineticMeV < ANCHOR_MEV) {
      return ANCHOR_RANGE_MM * Math.pow(kineticMeV / ANCHOR_MEV, anchorExponent);
    }
    double f = (kineticMeV - ANCHOR_MEV) / STEP_MEV;
    int i = Math.min((int) f, energy.length - 2);
    double t = f - i;
    return range[i] + t * (range[i + 1] - range[i]);
  }

  /** Kinetic energy whose CSDA range in water is {@code rangeMm}, MeV (inverse of {@link #csdaRangeMm}). */
  public double energyMeV(double rangeMm) {
    if (!(rangeMm >= 0) || rangeMm > range[range.length - 1]) {
      throw new IllegalArgumentException("water range " + rangeMm + " mm outside the range-energy table [0, "
          + range[range.length - 1] + "] mm");
    }
    if (rangeMm < ANCHOR_RANGE_MM) {
      return ANCHOR_MEV * Math.pow(rangeMm / ANCHOR_RANGE_MM, 1.0 / anchorExponent);
    }
    int i = Arrays.binarySearch(range, rangeMm);
    if (i >= 0) {
      return energy[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (rangeMm - range[lo]) / (range[hi] - range[lo]);
    return energy[lo] + t * (energy[hi] - energy[lo]);
  }

  /** Stopping power, MeV/mm: Bethe above 10 MeV, the derivative of the anchoring power law below. */
  public double stoppingPowerMeVPerMm(double kineticMeV) {
    if (kineticMeV >= ANCHOR_MEV) {
      return betheMeVPerMm(kineticMeV);
    }
    double r = csdaRangeMm(kineticMeV);
    return kineticMeV / (anchorExponent * Math.max(r, 1e-12));
  }

  /**
   * Local Bragg-Kleeman exponent p = d ln R / d ln E at this energy (Bortfeld 1997 eq. 3 with the
   * power law fitted tangentially): p = E / (R S).
   */
  public double braggKleemanExponent(double kineticMeV) {
    return kineticMeV / (csdaRangeMm(kineticMeV) * stoppingPowerMeVPerMm(kineticMeV));
  }
}
