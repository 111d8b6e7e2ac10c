package org.twinsim.engine.physics;

import java.util.List;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.planning.Morphology;

/**
 * Where dose is computed on a day's CT: the structures whose dose the testbed reports (CTV with the
 * seminal vesicles, bladder with its neck, rectum) grown by a margin that covers the intra-fraction
 * drift and the sampling of a drifted dose, inside the body. Dose is a per-voxel gather in the
 * pencil-beam engine, so voxels outside are simply not computed (and read as zero); every metric,
 * accumulation and drift lookup stays inside the region.
 */
final class DoseRegion {
  static final List<String> STRUCTURES = List.of(StructureNames.CTV, StructureNames.BLADDER, StructureNames.RECTUM);
  private final double marginMm;

  DoseRegion(double marginMm) {
    this.marginMm = marginMm;
  }

  /** The region of a CT (as stopping power) whose structures are {@code labels}. */
  boolean[] mask(Volume rsp, LabelMap labels) {
    rsp.grid().requireSame(labels.grid(), "dose region: CT vs structures");
    boolean[] union = new boolean[rsp.grid().size()];
    for (String s : STRUCTURES) {
      boolean[] m = labels.mask(s);
      for (int i = 0; i < union.length; i++) {
        union[i] |= m[i];
      }
    }
    boolean[] grown = Morphology.dilate(union, rsp.grid(), marginMm);
    float[] r = rsp.data();
    for (int i = 0; i < grown.length; i++) {
      grown[i] &= r[i] >= 0.02f;
    }
    return grown;
  }
}
