package org.twinsim.model.dose;

/**
 * One pencil beam (spot) of an energy layer: its position in the isocentre plane of the beam's eye
 * view and its weight.
 *
 * @param uMm position along the beam's lateral axis u at the isocentre plane, mm (see {@link BeamFrame})
 * @param vMm position along the beam's lateral axis v (patient z for a couch at 0 degrees), mm
 * @param weight number of protons in units of 10^6 (the dose-influence matrix is in Gy per unit weight); >= 0
 */
public record Spot(double uMm, double vMm, double weight) {
  public Spot {
    if (!Double.isFinite(uMm) || !Double.isFinite(vMm)) {
      throw new IllegalArgumentException("spot position must be finite, got (" + uMm + ", " + vMm + ") mm");
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("spot weight must be finite and >= 0, got " + weight + " at (" + uMm + ", " + vMm + ") mm");
    }
  }

  public Spot withWeight(double w) {
    return new Spot(uMm, vMm, w);
  }
}
