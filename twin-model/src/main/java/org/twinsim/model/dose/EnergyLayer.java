package org.twinsim.model.dose;

import java.util.List;

/**
 * The spots of one beam delivered at one energy.
 *
 * @param energyMeV nominal kinetic energy at the nozzle, MeV
 * @param spots at least one spot
 */
public record EnergyLayer(double energyMeV, List<Spot> spots) {
  public EnergyLayer {
    if (!Double.isFinite(energyMeV) || energyMeV <= 0) {
      throw new IllegalArgumentException("energy layer: energy must be positive and finite, got " + energyMeV + " MeV");
    }
    if (spots == null || spots.isEmpty()) {
      throw new IllegalArgumentException("energy layer " + energyMeV + " MeV has no spots: a layer needs at least one spot");
    }
    spots = List.copyOf(spots);
  }
}
