package org.twinsim.model.dose;

import java.util.List;
import org.twinsim.model.geometry.Vec3;

/**
 * One scanned proton field: gantry angle (IEC 61217; couch at 0 degrees, head-first supine), the
 * isocentre in patient coordinates and its energy layers. See {@link BeamFrame} for the geometry.
 *
 * @param name field name, unique within a plan
 * @param gantryAngleDeg gantry angle, degrees (90: beam from the patient's left, 270: from the right)
 * @param isocentreMm isocentre in DICOM patient coordinates, mm
 * @param layers at least one energy layer
 */
public record Beam(String name, double gantryAngleDeg, Vec3 isocentreMm, List<EnergyLayer> layers) {
  public Beam {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("beam name must not be blank");
    }
    if (!Double.isFinite(gantryAngleDeg)) {
      throw new IllegalArgumentException("beam " + name + ": gantry angle must be finite, got " + gantryAngleDeg);
    }
    if (isocentreMm == null || !Double.isFinite(isocentreMm.x()) || !Double.isFinite(isocentreMm.y())
        || !Double.isFinite(isocentreMm.z())) {
      throw new IllegalArgumentException("beam " + name + ": isocentre must be a finite point, got " + isocentreMm);
    }
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("beam " + name + " has no energy layers (no spots): a beam needs at least one layer");
    }
    layers = List.copyOf(layers);
  }

  /** Number of spots over all layers. */
  public int spotCount() {
    int n = 0;
    for (EnergyLayer l : layers) {
      n += l.spots().size();
    }
    return n;
  }

  /** The beam's geometry for a source-axis distance. */
  public BeamFrame frame(double sourceAxisDistanceMm) {
    return BeamFrame.of(gantryAngleDeg, isocentreMm, sourceAxisDistanceMm);
  }
}
