package org.twinsim.model.dose;

/**
 * Lateral spread of a proton pencil beam by multiple Coulomb scattering in water.
 *
 * <p>Reference: Highland's formula generalised to thick, energy-losing slabs (Gottschalk et al.
 * 1993, Nucl Instrum Methods B 74:467, eq. 6; used for pencil-beam dose by Hong et al. 1996, Phys
 * Med Biol 41:1305, eq. 9): the projected rms lateral displacement at depth z is
 * {@code sigma^2(z) = [14.1 MeV (1 + log10(z/L_R)/9)]^2 * integral_0^z ((z - z')/pv(z'))^2 dz'/L_R},
 * with the radiation length of water L_R = 36.08 cm and pv from the residual energy at z'
 * ({@link WaterRangeEnergy}). Beyond the CSDA range the spread stays at its value at R0.
 */
public final class HighlandScattering {
  /** Radiation length of water, mm (PDG: 36.08 g/cm2). */
  public static final double WATER_RADIATION_LENGTH_MM = 360.8;
  /** Highland's constant for the thick-target form, MeV. */
  public static final double HIGHLAND_ES_MEV = 14.1;

  private HighlandScattering() {
  }

  /**
   * The rms lateral displacement sigma_MCS (mm) at depths {@code i * stepMm}, i = 0..n-1, of a beam of
   * initial energy {@code energyMeV} in water. The integral is accumulated with the midpoint rule
   * on the same step (which keeps clear of the 1/pv^2 end-of-range singularity).
   */
  public static float[] sigmaTableMm(double energyMeV, double stepMm, int n, WaterRangeEnergy table) {
    double r0 = table.csdaRangeMm(energyMeV);
    float[] out = new float[n];
    double i0 = 0;
    double i1 = 0;
    double i2 = 0;
    double last = 0;
    for (int i = 1; i < n; i++) {
      double z = i * stepMm;
      double zPrev = (i - 1) * stepMm;
      if (zPrev < r0) {
        double hi = Math.min(z, r0);
        double mid = 0.5 * (zPrev + hi);
        double h = hi - zPrev;
        double residual = table.energyMeV(Math.max(r0 - mid, 0.0));
        double pv = WaterRangeEnergy.pvMeV(residual);
        double w = h / (pv * pv * WATER_RADIATION_LENGTH_MM);
        i0 += w;
        i1 += w * mid;
        i2 += w * mid * mid;
        double zz = Math.min(z, r0);
        double f = HIGHLAND_ES_MEV * (1.0 + Math.log10(zz / WATER_RADIATION_LENGTH_MM) / 9.0);
        double var = f * f * (zz * zz * i0 - 2.0 * zz * i1 + i2);
        last = Math.sqrt(Math.max(var, 0.0));
      }
      out[i] = (float) last;
    }
    return out;
  }
}
