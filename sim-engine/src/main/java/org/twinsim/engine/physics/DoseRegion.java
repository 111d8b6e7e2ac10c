package org.twinsim.engine.physics;

import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/**
 * Where dose is computed: the body (stopping power above air) inside a slab around the planning
 * CTV, bounded in y and z and whole in x, so the two lateral beams' paths are complete. Outside it
 * the dose is taken as zero: the spots cover the CTV plus its robustness margin and the penumbra
 * falls off within a few centimetres. Fixed per patient in room coordinates.
 */
final class DoseRegion {
  private final double yMin;
  private final double yMax;
  private final double zMin;
  private final double zMax;

  private DoseRegion(double yMin, double yMax, double zMin, double zMax) {
    this.yMin = yMin;
    this.yMax = yMax;
    this.zMin = zMin;
    this.zMax = zMax;
  }

  /** The planning CTV's bounding box in y and z grown by {@code marginMm}. */
  static DoseRegion around(LabelMap planning, double marginMm) {
    Grid3 g = planning.grid();
    boolean[] ctv = planning.mask(StructureNames.CTV);
    double y0 = Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    double z0 = Double.MAX_VALUE;
    double z1 = -Double.MAX_VALUE;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          if (ctv[row + i]) {
            y0 = Math.min(y0, g.y(j));
            y1 = Math.max(y1, g.y(j));
            z0 = Math.min(z0, g.z(k));
            z1 = Math.max(z1, g.z(k));
          }
        }
      }
    }
    if (y0 > y1) {
      throw new IllegalArgumentException("the planning CTV is empty: no dose region");
    }
    return new DoseRegion(y0 - marginMm, y1 + marginMm, z0 - marginMm, z1 + marginMm);
  }

  /** The region's voxels of a stopping-power map: inside the slab and not air. */
  boolean[] mask(Volume rsp) {
    Grid3 g = rsp.grid();
    float[] r = rsp.data();
    boolean[] m = new boolean[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      double z = g.z(k);
      if (z < zMin || z > zMax) {
        continue;
      }
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        if (y < yMin || y > yMax) {
          continue;
        }
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          m[row + i] = r[row + i] >= 0.02f;
        }
      }
    }
    return m;
  }
}
