package org.twinsim.model.planning;

import java.util.Arrays;
import org.twinsim.model.param.InvalidParameterException;

/**
 * How spots and energy layers are laid over a target. Null fields take their defaults.
 *
 * @param gantryAnglesDeg beam angles (default 90 and 270: lateral opposed, as in the seed study)
 * @param lateralMarginSigmas how far beyond the target's beam's-eye-view outline spots are placed,
 *     in lateral sigmas of the pencil beam at the target's mid depth (default 1.7, about the 80-20%
 *     penumbra, so that full dose reaches the target's edge without boosting the edge spots; the
 *     added rays take the water-equivalent depths of the target rays within that distance)
 * @param depthMarginMm how far in water beyond the target's water-equivalent interval on each ray
 *     energy layers are placed, on top of the range margin (default 7 mm, about one and a half
 *     layer spacings: without it the spread-out Bragg peak cannot stay flat up to the target's
 *     proximal and distal edges once setup and range errors move them)
 * @param spotSpacingFactor spot spacing on the lateral grid as a multiple of the pencil beam's
 *     lateral sigma at the target's mid depth (default 1.0; spacing <= 1.3 sigma keeps the summed
 *     fluence flat to within a few percent)
 * @param layerSpacingFactor energy-layer spacing in water as a multiple of the Bragg peak width
 *     (2.355 times the range-straggling sigma) of the layer (default 1.0)
 * @param minLayerSpacingMm lower bound of the layer spacing in water (default 2 mm)
 */
public record SpotPlacementParams(double[] gantryAnglesDeg, Double lateralMarginSigmas, Double depthMarginMm,
                                  Double spotSpacingFactor,
                                  Double layerSpacingFactor, Double minLayerSpacingMm) {
  public SpotPlacementParams {
    gantryAnglesDeg = gantryAnglesDeg == null ? new double[] {90, 270} : gantryAnglesDeg.clone();
    if (gantryAnglesDeg.length == 0) {
      throw new InvalidParameterException("gantryAnglesDeg", "expected at least one beam angle");
    }
    for (int i = 0; i < gantryAnglesDeg.length; i++) {
      if (!Double.isFinite(gantryAnglesDeg[i])) {
        throw new InvalidParameterException("gantryAnglesDeg[" + i + "]", "expected a finite angle, got " + gantryAnglesDeg[i]);
      }
    }
    lateralMarginSigmas = lateralMarginSigmas == null ? 1.7
        : InvalidParameterException.inRange("lateralMarginSigmas", lateralMarginSigmas, 0, 5);
    depthMarginMm = depthMarginMm == null ? 7.0 : InvalidParameterException.inRange("depthMarginMm", depthMarginMm, 0, 50);
    spotSpacingFactor = spotSpacingFactor == null ? 1.0
        : InvalidParameterException.inRange("spotSpacingFactor", spotSpacingFactor, 0.2, 3.0);
    layerSpacingFactor = layerSpacingFactor == null ? 1.0
        : InvalidParameterException.inRange("layerSpacingFactor", layerSpacingFactor, 0.2, 5.0);
    minLayerSpacingMm = minLayerSpacingMm == null ? 2.0
        : InvalidParameterException.inRange("minLayerSpacingMm", minLayerSpacingMm, 0.1, 20);
  }

  public static SpotPlacementParams defaults() {
    return new SpotPlacementParams(null, null, null, null, null, null);
  }

  @Override
  public double[] gantryAnglesDeg() {
    return gantryAnglesDeg.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpotPlacementParams p && Arrays.equals(gantryAnglesDeg, p.gantryAnglesDeg)
        && lateralMarginSigmas.equals(p.lateralMarginSigmas) && depthMarginMm.equals(p.depthMarginMm) && spotSpacingFactor.equals(p.spotSpacingFactor)
        && layerSpacingFactor.equals(p.layerSpacingFactor) && minLayerSpacingMm.equals(p.minLayerSpacingMm);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(Arrays.hashCode(gantryAnglesDeg), lateralMarginSigmas, depthMarginMm, spotSpacingFactor,
        layerSpacingFactor, minLayerSpacingMm);
  }

  @Override
  public String toString() {
    return "SpotPlacementParams[angles " + Arrays.toString(gantryAnglesDeg) + " deg, lateral margin " + lateralMarginSigmas
        + " sigma, depth margin " + depthMarginMm + " mm, spot spacing " + spotSpacingFactor + " sigma, layer spacing " + layerSpacingFactor
        + " peak widths (>= " + minLayerSpacingMm + " mm)]";
  }
}
