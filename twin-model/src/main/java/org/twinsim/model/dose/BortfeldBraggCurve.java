package org.twinsim.model.dose;

import org.apache.commons.math3.special.Gamma;

/**
 * Integrated depth dose of a proton pencil beam in water from Bortfeld's analytic Bragg curve.
 *
 * <p>Reference: Bortfeld 1997, "An analytical approximation of the Bragg curve for therapeutic
 * proton beams", Med Phys 24:2024, eqs. 18, 19, 26-29 (range straggling as a Gaussian convolution
 * through parabolic cylinder functions, nuclear attenuation with beta = 0.012/cm and a locally
 * absorbed fraction gamma = 0.6 of the energy released in nuclear interactions).
 *
 * <p>The Bragg-Kleeman power law R = alpha E^p is fitted tangentially at the initial energy to the
 * Bethe range table ({@link WaterRangeEnergy}), so that R0 is the CSDA range and the entrance
 * stopping power is exact. The result is the dose integrated over the plane perpendicular to the
 * beam per incident proton, MeV cm2/g (Bortfeld's D-hat for a fluence of one proton per cm2).
 * Immutable.
 */
public final class BortfeldBraggCurve {
  /** Straggling is evaluated with the parabolic cylinder functions for zeta below this, the unstraggled curve above. */
  private static final double ZETA_STRAGGLED = 40.0;
  /** Dose is zero beyond R0 + this many sigma. */
  private static final double ZETA_DISTAL_END = -9.0;
  private static final int QUADRATURE_INTERVALS = 240;

  private final double energyMeV;
  private final double r0Cm;
  private final double p;
  private final double alpha;
  private final double sigmaCm;
  private final double beta;
  private final double gamma;
  private final double epsilon;
  private final double straggledPrefactor;
  private final double unstraggledPrefactor;
  private final double gammaOneOverP;
  private final double gammaOneOverPPlusOne;

  /**
   * @param energyMeV initial kinetic energy E0, MeV
   * @param energySpreadMeV standard deviation of the initial energy spectrum sigma_E0, MeV
   * @param nuclearBetaPerCm fractional primary fluence loss per cm (Bortfeld: 0.012)
   * @param nuclearGamma fraction of nuclear-interaction energy deposited locally (Bortfeld: 0.6)
   * @param lowEnergyEpsilon fraction of primary fluence in a low-energy tail (Bortfeld's epsilon; 0 for a clean scanned beam)
   * @param table range-energy relation of water
   */
  public BortfeldBraggCurve(double energyMeV, double energySpreadMeV, double nuclearBetaPerCm, double nuclearGamma,
                            double lowEnergyEpsilon, WaterRangeEnergy table) {
    if (!(energyMeV > 1)) {
      throw new IllegalArgumentException("Bragg curve needs an energy above 1 MeV, got " + energyMeV);
    }
    this.energyMeV = energyMeV;
    this.r0Cm = table.csdaRangeMm(energyMeV) / 10.0;
    this.p = table.braggKleemanExponent(energyMeV);
    this.alpha = r0Cm / Math.pow(energyMeV, p);
    double sigmaMono = 0.012 * Math.pow(r0Cm, 0.935); // eq. 18
    double spreadTerm = energySpreadMeV * alpha * p * Math.pow(energyMeV, p - 1); // eq. 19
    this.sigmaCm = Math.sqrt(sigmaMono * sigmaMono + spreadTerm * spreadTerm);
    this.beta = nuclearBetaPerCm;
    this.gamma = nuclearGamma;
    this.epsilon = lowEnergyEpsilon;
    this.gammaOneOverP = Gamma.gamma(1.0 / p);
    this.gammaOneOverPPlusOne = Gamma.gamma(1.0 / p + 1.0);
    double alphaPow = Math.pow(alpha, 1.0 / p);
    this.unstraggledPrefactor = 1.0 / (p * alphaPow * (1.0 + beta * r0Cm));
    this.straggledPrefactor = Math.pow(sigmaCm, 1.0 / p) * gammaOneOverP
        / (Math.sqrt(2.0 * Math.PI) * p * alphaPow * (1.0 + beta * r0Cm));
  }

  public double energyMeV() {
    return energyMeV;
  }

  /** R0, the CSDA range in water, mm. */
  public double rangeMm() {
    return r0Cm * 10.0;
  }

  /** Width sigma of the range straggling plus energy spread Gaussian, mm (eq. 19). */
  public double rangeSigmaMm() {
    return sigmaCm * 10.0;
  }

  /** Local Bragg-Kleeman exponent p. */
  public double exponent() {
    return p;
  }

  /** Depth beyond which the dose is zero, mm. */
  public double distalEndMm() {
    return (r0Cm - ZETA_DISTAL_END * sigmaCm) * 10.0;
  }

  /** Integrated depth dose at this depth in water, MeV cm2/g per proton (0 beyond {@link #distalEndMm()}). */
  public double iddMeVcm2PerG(double depthMm) {
    double z = depthMm / 10.0;
    if (z < 0) {
      z = 0;
    }
    double zeta = (r0Cm - z) / sigmaCm;
    if (zeta < ZETA_DISTAL_END) {
      return 0;
    }
    double nuclear = beta / p + gamma * beta + epsilon / r0Cm;
    if (zeta > ZETA_STRAGGLED) {
      double res = r0Cm - z; // eq. 28: no straggling far before the peak
      return unstraggledPrefactor * (Math.pow(res, 1.0 / p - 1.0)
          + (beta + gamma * beta * p + epsilon * p / r0Cm) * Math.pow(res, 1.0 / p));
    }
    // eq. 26/27: e^{-zeta^2/4} D_nu(-zeta) for nu = -1/p and -1/p - 1
    double g1 = scaledParabolicCylinder(-1.0 / p, zeta, gammaOneOverP);
    double g2 = scaledParabolicCylinder(-1.0 / p - 1.0, zeta, gammaOneOverPPlusOne);
    return straggledPrefactor * (g1 / sigmaCm + nuclear * g2);
  }

  /**
   * {@code exp(-zeta^2/4) D_nu(-zeta)} for nu < 0, where D_nu is the parabolic cylinder function,
   * by its integral representation (Abramowitz and Stegun 19.5.1 / Gradshteyn 9.241.2):
   * {@code (1/Gamma(-nu)) * integral_0^inf t^(-nu-1) exp(-(t - zeta)^2 / 2) dt}. This scaled form
   * stays finite where D_nu itself overflows.
   */
  public static double scaledParabolicCylinder(double nu, double zeta) {
    return scaledParabolicCylinder(nu, zeta, Gamma.gamma(-nu));
  }

  private static double scaledParabolicCylinder(double nu, double zeta, double gammaOfMinusNu) {
    if (!(nu < 0)) {
      throw new IllegalArgumentException("integral representation needs nu < 0, got " + nu);
    }
    double a = -nu; // integrand t^(a-1) exp(-(t - zeta)^2/2)
    double tLo = Math.max(0.0, zeta - 10.0);
    double tHi = Math.max(zeta, 0.0) + 10.0;
    // substitution t = s^m removes the t^(a-1) singularity at 0: m = 1/a for a < 1 (constant
    // weight), m = 2 otherwise (weight 2 s^(2a-1), smooth enough for Simpson)
    double m = a < 1.0 ? 1.0 / a : 2.0;
    double sLo = Math.pow(tLo, 1.0 / m);
    double sHi = Math.pow(tHi, 1.0 / m);
    int n = QUADRATURE_INTERVALS;
    double h = (sHi - sLo) / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double s = sLo + i * h;
      double t = Math.pow(s, m);
      // dt t^(a-1) = m s^(m-1) s^(m(a-1)) ds = m s^(m a - 1) ds
      double weight = m * (a < 1.0 ? 1.0 : Math.pow(s, m * a - 1.0));
      double d = t - zeta;
      double f = weight * Math.exp(-0.5 * d * d);
      sum += (i == 0 || i == n) ? f : ((i & 1) == 1 ? 4 * f : 2 * f);
    }
    return sum * h / 3.0 / gammaOfMinusNu;
  }
}
