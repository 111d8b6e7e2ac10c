package org.twinsim.model.dose;

/**
 * The tabulated pencil beam of one energy in water: integrated depth dose and lateral spread on a
 * uniform depth grid, the data a dose kernel (CPU or GPU) reads.
 *
 * <p>Semantics, for a reimplementation: with {@code f = depthMm / depthStepMm}, {@code i = floor(f)},
 * {@code t = f - i}: {@link #iddAt} = {@code (1-t) idd[i] + t idd[i+1]} for {@code 0 <= i < n-1},
 * 0 for {@code i >= n-1} (the last entry is 0), {@code idd[0]} for negative depths;
 * {@link #sigmaSquaredAt} = {@code sigmaAir^2 + s^2} with {@code s} interpolated in the same way in
 * {@code sigmaMcsMm}, clamped to its last value beyond the table. Arrays are shared, not copied:
 * do not modify them.
 *
 * @param energyMeV beam energy, MeV
 * @param rangeMm CSDA range in water R0, mm (the distal 80% point, Bortfeld 1997)
 * @param rangeSigmaMm Gaussian width of range straggling and energy spread, mm
 * @param depthStepMm table step, mm
 * @param iddMeVcm2PerG integrated depth dose per proton at depth i*step, MeV cm2/g
 * @param sigmaMcsMm rms lateral displacement by multiple Coulomb scattering at depth i*step, mm
 * @param sigmaAirMm in-air spot sigma at the isocentre, mm
 */
public record PencilBeamTable(double energyMeV, double rangeMm, double rangeSigmaMm, double depthStepMm,
                              float[] iddMeVcm2PerG, float[] sigmaMcsMm, double sigmaAirMm) {

  /** Number of depth samples. */
  public int length() {
    return iddMeVcm2PerG.length;
  }

  /** Depth beyond which the dose is zero, mm. */
  public double maxDepthMm() {
    return (iddMeVcm2PerG.length - 1) * depthStepMm;
  }

  /** Interpolated integrated depth dose, MeV cm2/g per proton. */
  public double iddAt(double depthMm) {
    double f = depthMm / depthStepMm;
    if (f <= 0) {
      return iddMeVcm2PerG[0];
    }
    int i = (int) f;
    if (i >= iddMeVcm2PerG.length - 1) {
      return 0;
    }
    double t = f - i;
    return iddMeVcm2PerG[i] + t * (iddMeVcm2PerG[i + 1] - iddMeVcm2PerG[i]);
  }

  /** Total lateral variance (in-air plus scattering), mm^2. */
  public double sigmaSquaredAt(double depthMm) {
    double f = depthMm / depthStepMm;
    double s;
    int last = sigmaMcsMm.length - 1;
    if (f <= 0) {
      s = sigmaMcsMm[0];
    } else if (f >= last) {
      s = sigmaMcsMm[last];
    } else {
      int i = (int) f;
      double t = f - i;
      s = sigmaMcsMm[i] + t * (sigmaMcsMm[i + 1] - sigmaMcsMm[i]);
    }
    return sigmaAirMm * sigmaAirMm + s * s;
  }

  /** Depth of the maximum of the depth dose, mm. */
  public double peakDepthMm() {
    int best = 0;
    for (int i = 1; i < iddMeVcm2PerG.length; i++) {
      if (iddMeVcm2PerG[i] > iddMeVcm2PerG[best]) {
        best = i;
      }
    }
    return best * depthStepMm;
  }
}
