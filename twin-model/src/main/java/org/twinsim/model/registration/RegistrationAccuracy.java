package org.twinsim.model.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;

/**
 * Accuracy of a registration against a known truth: target registration error inside a mask and
 * Dice of propagated contours. {@link #evaluate} is the one call to re-run the acceptance checks
 * of issue 5 on any (CBCT, planning CT, true field, planning labels) case, synthetic phantom or
 * virtual patient.
 */
public final class RegistrationAccuracy {
  /** The structures whose union is the TRE mask of the acceptance check. */
  public static final List<String> TRE_STRUCTURES =
      List.of(StructureNames.PROSTATE, StructureNames.BLADDER, StructureNames.RECTUM);

  private RegistrationAccuracy() {
  }

  /**
   * The outcome of one accuracy check.
   *
   * @param tre TRE of the final (deformable) field inside the TRE mask: the TRE structures of the
   *     day within the CBCT's field of view (where the CBCT holds data)
   * @param treRigid TRE of the rigid result alone, same mask (what deformable registration gained)
   * @param treWhole TRE of the final field over the whole TRE structures, the parts beyond the
   *     field of view included (there the field is an extrapolation: no image shows that anatomy)
   * @param dice Dice of propagated vs true day structures, per structure
   * @param registration the registration that was evaluated
   */
  public record Report(TargetRegistrationError tre, TargetRegistrationError treRigid, TargetRegistrationError treWhole,
                       Map<String, Double> dice, DailyRegistration.Result registration) {
    public Report {
      dice = Map.copyOf(dice);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "TRE mean %.2f / p95 %.2f mm (rigid only %.2f / %.2f mm; whole structures"
          + " %.2f / %.2f mm); Dice", tre.meanMm(), tre.p95Mm(), treRigid.meanMm(), treRigid.p95Mm(), treWhole.meanMm(),
          treWhole.p95Mm()));
      for (String s : TRE_STRUCTURES) {
        if (dice.containsKey(s)) {
          b.append(String.format(Locale.ROOT, " %s %.3f", s, dice.get(s)));
        }
      }
      return b.toString();
    }
  }

  /**
   * Runs {@code pipeline} on a case and scores it.
   *
   * @param cbct the day's CBCT (fixed)
   * @param fovMask the CBCT's valid voxels, or null
   * @param planningCt the planning CT (moving)
   * @param planningLabels the planning structures (on the planning CT grid)
   * @param trueField the true CBCT -> CT (day -> planning) backward field
   * @param dayLabels the true structures of the day on the CBCT grid, or null to derive them by
   *     warping the planning labels through the true field
   * @param roi region of interest for the deformable step, or null for the pipeline's automatic one
   */
  public static Report evaluate(DailyRegistration pipeline, Volume cbct, boolean[] fovMask, Volume planningCt,
                                LabelMap planningLabels, VectorField trueField, LabelMap dayLabels,
                                RegionOfInterest roi) {
    LabelMap truthLabels = dayLabels != null ? dayLabels : Warp.labels(planningLabels, trueField);
    DailyRegistration.Result r = pipeline.register(cbct, fovMask, planningCt, planningLabels, roi, RegistrationListener.NONE);
    boolean[] whole = union(truthLabels, TRE_STRUCTURES);
    boolean[] mask = treMask(truthLabels, r.fieldOfView());
    TargetRegistrationError tre = TargetRegistrationError.of(r.field(), trueField, mask);
    VectorField rigidField = r.rigid().transform().toField(cbct.grid());
    TargetRegistrationError treRigid = TargetRegistrationError.of(rigidField, trueField, mask);
    TargetRegistrationError treWhole = TargetRegistrationError.of(r.field(), trueField, whole);
    Map<String, Double> dice = dice(r.propagatedLabels(), truthLabels, TRE_STRUCTURES);
    return new Report(tre, treRigid, treWhole, dice, r);
  }

  /**
   * The TRE mask of the acceptance check: the union of {@link #TRE_STRUCTURES} in the day's true
   * labels, restricted to the CBCT's field of view ({@code fov}, e.g.
   * {@link DailyRegistration.Result#fieldOfView()}; null = everywhere). A new array.
   */
  public static boolean[] treMask(LabelMap dayLabels, boolean[] fov) {
    boolean[] m = union(dayLabels, TRE_STRUCTURES);
    if (fov != null) {
      if (fov.length != m.length) {
        throw new IllegalArgumentException("TRE mask: the field of view has " + fov.length + " voxels, the labels "
            + m.length);
      }
      for (int i = 0; i < m.length; i++) {
        m[i] &= fov[i];
      }
    }
    return m;
  }

  /** Union of the named structures' masks (descendants included); names absent from the map are skipped. */
  public static boolean[] union(LabelMap labels, List<String> names) {
    boolean[] table = new boolean[256];
    for (String name : names) {
      if (labels.has(name)) {
        boolean[] t = labels.labelsWithin(name);
        for (int l = 0; l < 256; l++) {
          table[l] |= t[l];
        }
      }
    }
    byte[] lab = labels.labels();
    boolean[] m = new boolean[lab.length];
    for (int i = 0; i < lab.length; i++) {
      m[i] = table[lab[i] & 0xFF];
    }
    return m;
  }

  /** Dice per structure of two label maps on the same grid (structures absent from either are skipped). */
  public static Map<String, Double> dice(LabelMap a, LabelMap b, List<String> names) {
    a.grid().requireSame(b.grid(), "Dice");
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : names) {
      if (a.has(name) && b.has(name)) {
        out.put(name, Warp.dice(a.mask(name), b.mask(name)));
      }
    }
    return out;
  }
}
