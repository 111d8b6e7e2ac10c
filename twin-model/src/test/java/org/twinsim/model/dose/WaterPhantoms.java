package org.twinsim.model.dose;

import java.util.List;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

/** Homogeneous and slab phantoms for beams along +y (gantry 0), surface at y = 0. */
final class WaterPhantoms {
  private WaterPhantoms() {
  }

  /**
   * A grid whose voxel boundaries start at y = 0 (the phantom surface): lateral x and z centred on 0
   * with half-width {@code halfWidthMm}, depth to {@code depthMm}.
   */
  static Grid3 grid(double lateralSpacingMm, double halfWidthMm, double depthSpacingMm, double depthMm) {
    int nl = 2 * (int) Math.round(halfWidthMm / lateralSpacingMm) + 1;
    int ny = (int) Math.ceil(depthMm / depthSpacingMm);
    double o = -(nl - 1) / 2.0 * lateralSpacingMm;
    return new Grid3(nl, ny, nl, lateralSpacingMm, depthSpacingMm, lateralSpacingMm, o, 0.5 * depthSpacingMm, o);
  }

  /** Water (0 HU) everywhere, with HU {@code slabHu} between depths {@code slabFromMm} and {@code slabToMm}. */
  static Volume ct(Grid3 g, double slabFromMm, double slabToMm, float slabHu) {
    Volume v = new Volume(g);
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        float hu = y > slabFromMm && y < slabToMm ? slabHu : 0f;
        for (int i = 0; i < g.nx(); i++) {
          v.set(i, j, k, hu);
        }
      }
    }
    return v;
  }

  /** A one-spot plan from gantry 0 (beam along +y) at the given energy, isocentre at depth 100 mm. */
  static Plan singleSpot(double energyMeV) {
    return new Plan("single " + energyMeV + " MeV", List.of(new Beam("G0", 0, new Vec3(0, 100, 0),
        List.of(new EnergyLayer(energyMeV, List.of(new Spot(0, 0, 1.0)))))));
  }

  /** Laterally integrated dose per depth plane j (Gy mm^2 per unit weight). */
  static double[] integratedDepthDose(float[] dose, Grid3 g) {
    double[] idd = new double[g.ny()];
    double area = g.spacingXMm() * g.spacingZMm();
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          idd[j] += dose[g.index(i, j, k)] * area;
        }
      }
    }
    return idd;
  }

  /** Depth (mm, at voxel centres) where the curve falls to 80% of its maximum distal to the peak. */
  static double r80(double[] idd, Grid3 g) {
    int im = 0;
    for (int j = 1; j < idd.length; j++) {
      if (idd[j] > idd[im]) {
        im = j;
      }
    }
    double level = 0.8 * idd[im];
    for (int j = im + 1; j < idd.length; j++) {
      if (idd[j] < level) {
        double t = (idd[j - 1] - level) / (idd[j - 1] - idd[j]);
        return g.y(j - 1) + t * g.spacingYMm();
      }
    }
    throw new AssertionError("depth dose does not fall below 80% inside the phantom");
  }
}
