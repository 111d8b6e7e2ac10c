package org.twinsim.model.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;

/**
 * The default optimisation protocol of a prostate proton plan: objectives (target coverage and
 * homogeneity robust over scenarios, organs at risk nominal) and the voxel sets they act on,
 * including two derived volumes, a fall-off {@link #RING} around the CTV and a sparse
 * {@link #BODY_SAMPLE} of the remaining body.
 *
 * <p>Dose levels are fractions of the prescription in the spirit of conventional prostate
 * constraints (e.g. QUANTEC rectum and bladder, Michalski et al. 2010 / Viswanathan et al. 2010):
 * rectum at most 15% of its volume above 50% and nothing above 90% of prescription, bladder neck
 * below 80%, bladder at most 20% above 50%, femoral heads below 55%. Weights are relative
 * importances; the target's dominate so that coverage comes first.
 */
public final class ProstateProtocol {
  /** Name of the derived ring volume. */
  public static final String RING = "Ring";
  /** Name of the derived sparse body sample. */
  public static final String BODY_SAMPLE = "BodySample";

  private ProstateProtocol() {
  }

  /** The default objectives for a prescription per fraction of {@code rxGy}. */
  public static List<Objective> objectives(double rxGy) {
    return List.of(
        Objective.minDose(StructureNames.CTV, rxGy, 300).asRobust(),
        Objective.maxDose(StructureNames.CTV, 1.03 * rxGy, 50).asRobust(),
        Objective.maxDose(StructureNames.RECTUM, 0.90 * rxGy, 10),
        Objective.maxDvh(StructureNames.RECTUM, 0.50 * rxGy, 15, 5),
        Objective.maxDose(StructureNames.BLADDER_NECK, 0.80 * rxGy, 10),
        Objective.maxDvh(StructureNames.BLADDER, 0.50 * rxGy, 20, 2),
        Objective.maxDose(StructureNames.FEMORAL_HEAD_L, 0.55 * rxGy, 2),
        Objective.maxDose(StructureNames.FEMORAL_HEAD_R, 0.55 * rxGy, 2),
        Objective.maxDose(RING, 0.80 * rxGy, 2),
        Objective.maxDose(BODY_SAMPLE, 1.05 * rxGy, 1));
  }

  /**
   * Voxel sets of every structure the objectives name: label-map structures with their descendants,
   * the ring (body voxels between {@code ringInnerMm} and {@code ringOuterMm} of the CTV) and the body
   * sample (every stride-th body voxel outside CTV and ring). Structures absent from the label map
   * are left out (an objective on them then fails with a clear message).
   */
  public static Map<String, int[]> structures(LabelMap labels, List<Objective> objectives, PlanningParams p) {
    Grid3 g = labels.grid();
    Map<String, int[]> out = new LinkedHashMap<>();
    for (Objective o : objectives) {
      String s = o.structure();
      if (!out.containsKey(s) && labels.has(s)) {
        out.put(s, org.twinsim.model.planning.Morphology.indices(labels.mask(s)));
      }
    }
    boolean[] ctv = labels.mask(StructureNames.CTV);
    boolean[] body = labels.has(StructureNames.BODY) ? labels.mask(StructureNames.BODY) : null;
    boolean[] inner = Morphology.dilate(ctv, g, p.ringInnerMm());
    boolean[] outer = Morphology.dilate(ctv, g, p.ringOuterMm());
    boolean[] ring = new boolean[g.size()];
    boolean[] sample = new boolean[g.size()];
    int stride = p.bodySampleStride();
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int n = g.index(i, j, k);
          boolean inBody = body == null || body[n];
          ring[n] = inBody && outer[n] && !inner[n];
          sample[n] = inBody && !outer[n] && i % stride == 0 && j % stride == 0 && k % stride == 0;
        }
      }
    }
    out.put(RING, Morphology.indices(ring));
    out.put(BODY_SAMPLE, Morphology.indices(sample));
    return out;
  }
}
