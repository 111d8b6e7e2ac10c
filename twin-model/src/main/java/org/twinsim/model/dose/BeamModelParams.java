package org.twinsim.model.dose;

import java.util.Arrays;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The treatment machine as the pencil-beam model sees it: its energy table, virtual source, energy
 * spread, in-air spot size and nuclear constants. Every field may be null for its default.
 *
 * @param minEnergyMeV lowest energy of the table (default 70 MeV)
 * @param maxEnergyMeV highest energy of the table (default 250 MeV)
 * @param sourceAxisDistanceMm distance from the virtual source of the scanned beam to the
 *     isocentre (default 2000 mm, typical of scanning gantries; rays diverge from it)
 * @param energySpreadFraction sigma of the initial energy spectrum as a fraction of the energy
 *     (default 0.005; Bortfeld 1997 eq. 19 term sigma_E0)
 * @param spotSigmaEnergiesMeV energies at which the in-air spot sigma is given (default 70, 100,
 *     150, 200, 250 MeV)
 * @param spotSigmaMm in-air spot sigma at the isocentre at those energies, linearly interpolated,
 *     flat beyond the ends (default 6.0, 4.9, 3.9, 3.4, 3.1 mm: the 3-6 mm typical of scanning
 *     gantries, larger at low energy)
 * @param nuclearBetaPerCm primary fluence loss per cm by nuclear interactions (default 0.012,
 *     Bortfeld 1997)
 * @param nuclearGamma locally absorbed fraction of the nuclear-interaction energy (default 0.6,
 *     Bortfeld 1997)
 * @param lowEnergyEpsilon Bortfeld's low-energy fluence fraction epsilon (default 0)
 * @param depthStepMm step of the tabulated depth dose and lateral spread (default 0.1 mm)
 */
public record BeamModelParams(Double minEnergyMeV, Double maxEnergyMeV, Double sourceAxisDistanceMm,
                              Double energySpreadFraction, double[] spotSigmaEnergiesMeV, double[] spotSigmaMm,
                              Double nuclearBetaPerCm, Double nuclearGamma, Double lowEnergyEpsilon,
                              Double depthStepMm) {
  private static final double[] DEFAULT_SIGMA_E = {70, 100, 150, 200, 250};
  private static final double[] DEFAULT_SIGMA_MM = {6.0, 4.9, 3.9, 3.4, 3.1};

  public BeamModelParams {
    minEnergyMeV = minEnergyMeV == null ? 70.0
        : InvalidParameterException.inRange("minEnergyMeV", minEnergyMeV, 10.0, WaterRangeEnergy.MAX_ENERGY_MEV);
    maxEnergyMeV = maxEnergyMeV == null ? 250.0
        : InvalidParameterException.inRange("maxEnergyMeV", maxEnergyMeV, 10.0, WaterRangeEnergy.MAX_ENERGY_MEV);
    if (!(maxEnergyMeV > minEnergyMeV)) {
      throw new InvalidParameterException("maxEnergyMeV", "expected more than minEnergyMeV " + minEnergyMeV
          + ", got " + maxEnergyMeV);
    }
    sourceAxisDistanceMm = sourceAxisDistanceMm == null ? 2000.0
        : InvalidParameterException.inRange("sourceAxisDistanceMm", sourceAxisDistanceMm, 500.0, 1e7);
    energySpreadFraction = energySpreadFraction == null ? 0.005
        : InvalidParameterException.inRange("energySpreadFraction", energySpreadFraction, 0.0, 0.05);
    spotSigmaEnergiesMeV = spotSigmaEnergiesMeV == null ? DEFAULT_SIGMA_E.clone() : spotSigmaEnergiesMeV.clone();
    spotSigmaMm = spotSigmaMm == null ? DEFAULT_SIGMA_MM.clone() : spotSigmaMm.clone();
    if (spotSigmaEnergiesMeV.length == 0 || spotSigmaEnergiesMeV.length != spotSigmaMm.length) {
      throw new InvalidParameterException("spotSigmaMm", "expected one in-air sigma per energy of spotSigmaEnergiesMeV ("
          + spotSigmaEnergiesMeV.length + "), got " + spotSigmaMm.length);
    }
    for (int i = 0; i < spotSigmaMm.length; i++) {
      if (!Double.isFinite(spotSigmaEnergiesMeV[i]) || (i > 0 && !(spotSigmaEnergiesMeV[i] > spotSigmaEnergiesMeV[i - 1]))) {
        throw new InvalidParameterException("spotSigmaEnergiesMeV[" + i + "]", "expected finite, strictly increasing energies, got "
            + spotSigmaEnergiesMeV[i]);
      }
      InvalidParameterException.inRange("spotSigmaMm[" + i + "]", spotSigmaMm[i], 0.5, 30.0);
    }
    nuclearBetaPerCm = nuclearBetaPerCm == null ? 0.012
        : InvalidParameterException.inRange("nuclearBetaPerCm", nuclearBetaPerCm, 0.0, 0.1);
    nuclearGamma = nuclearGamma == null ? 0.6 : InvalidParameterException.inRange("nuclearGamma", nuclearGamma, 0.0, 1.0);
    lowEnergyEpsilon = lowEnergyEpsilon == null ? 0.0
        : InvalidParameterException.inRange("lowEnergyEpsilon", lowEnergyEpsilon, 0.0, 1.0);
    depthStepMm = depthStepMm == null ? 0.1 : InvalidParameterException.inRange("depthStepMm", depthStepMm, 0.005, 1.0);
  }

  /** All defaults. */
  public static BeamModelParams defaults() {
    return new BeamModelParams(null, null, null, null, null, null, null, null, null, null);
  }

  /** In-air spot sigma at the isocentre for this energy, mm (linear interpolation, flat beyond the ends). */
  public double spotSigmaAt(double energyMeV) {
    double[] e = spotSigmaEnergiesMeV;
    double[] s = spotSigmaMm;
    if (energyMeV <= e[0]) {
      return s[0];
    }
    for (int i = 1; i < e.length; i++) {
      if (energyMeV <= e[i]) {
        double t = (energyMeV - e[i - 1]) / (e[i] - e[i - 1]);
        return s[i - 1] + t * (s[i] - s[i - 1]);
      }
    }
    return s[s.length - 1];
  }

  @Override
  public double[] spotSigmaEnergiesMeV() {
    return spotSigmaEnergiesMeV.clone();
  }

  @Override
  public double[] spotSigmaMm() {
    return spotSigmaMm.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BeamModelParams b && minEnergyMeV.equals(b.minEnergyMeV) && maxEnergyMeV.equals(b.maxEnergyMeV)
        && sourceAxisDistanceMm.equals(b.sourceAxisDistanceMm) && energySpreadFraction.equals(b.energySpreadFraction)
        && Arrays.equals(spotSigmaEnergiesMeV, b.spotSigmaEnergiesMeV) && Arrays.equals(spotSigmaMm, b.spotSigmaMm)
        && nuclearBetaPerCm.equals(b.nuclearBetaPerCm) && nuclearGamma.equals(b.nuclearGamma)
        && lowEnergyEpsilon.equals(b.lowEnergyEpsilon) && depthStepMm.equals(b.depthStepMm);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(minEnergyMeV, maxEnergyMeV, sourceAxisDistanceMm, energySpreadFraction,
        Arrays.hashCode(spotSigmaEnergiesMeV), Arrays.hashCode(spotSigmaMm), nuclearBetaPerCm, nuclearGamma,
        lowEnergyEpsilon, depthStepMm);
  }

  @Override
  public String toString() {
    return "BeamModelParams[energy " + minEnergyMeV + "-" + maxEnergyMeV + " MeV, SAD " + sourceAxisDistanceMm
        + " mm, spread " + energySpreadFraction + ", spot sigma " + Arrays.toString(spotSigmaMm) + " mm at "
        + Arrays.toString(spotSigmaEnergiesMeV) + " MeV, beta " + nuclearBetaPerCm + "/cm, gamma " + nuclearGamma
        + ", epsilon " + lowEnergyEpsilon + ", step " + depthStepMm + " mm]";
  }
}
