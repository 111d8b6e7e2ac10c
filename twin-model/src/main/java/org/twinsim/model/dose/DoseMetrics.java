package org.twinsim.model.dose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.LabelMap;

/**
 * Dose-volume histograms and metrics of several structures of a {@link LabelMap} (each structure
 * with its descendants, {@link LabelMap#mask}), computed in one pass over the voxels per call.
 */
public final class DoseMetrics {
  /** Bins of the histogram over the dose range (0 to the maximum dose), giving quantiles exact to 0.01%. */
  public static final int DEFAULT_BINS = 10_000;

  private DoseMetrics() {
  }

  /** The structures reported for a prostate plan: CTV, bladder, bladder neck, rectum, urethra, femoral heads. */
  public static List<String> prostateStructures() {
    return List.of(StructureNames.CTV, StructureNames.BLADDER, StructureNames.BLADDER_NECK, StructureNames.RECTUM,
        StructureNames.URETHRA, StructureNames.FEMORAL_HEAD_L, StructureNames.FEMORAL_HEAD_R);
  }

  /**
   * DVHs of the named structures.
   *
   * @throws IllegalArgumentException if a structure is unknown or has no voxels, or the dose and
   *     label grids differ in size
   */
  public static Map<String, DoseVolumeHistogram> histograms(float[] doseGy, LabelMap labels, List<String> structures) {
    if (doseGy.length != labels.grid().size()) {
      throw new IllegalArgumentException("dose has " + doseGy.length + " voxels, label map " + labels.grid().size());
    }
    double max = 0;
    for (float d : doseGy) {
      max = Math.max(max, d);
    }
    double bin = max > 0 ? max / DEFAULT_BINS : 1e-6;
    int s = structures.size();
    boolean[][] within = new boolean[s][];
    for (int i = 0; i < s; i++) {
      within[i] = labels.labelsWithin(structures.get(i));
    }
    // one pass: per structure counts, sums and extremes
    int bins = (int) Math.floor(max / bin) + 2;
    long[][] counts = new long[s][bins];
    long[] n = new long[s];
    double[] sum = new double[s];
    double[] lo = new double[s];
    double[] hi = new double[s];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    byte[] lab = labels.labels();
    // structures each label belongs to
    int[][] of = new int[256][];
    for (int l = 0; l < 256; l++) {
      int c = 0;
      int[] tmp = new int[s];
      for (int i = 0; i < s; i++) {
        if (within[i][l]) {
          tmp[c++] = i;
        }
      }
      of[l] = java.util.Arrays.copyOf(tmp, c);
    }
    for (int v = 0; v < lab.length; v++) {
      int[] list = of[lab[v] & 0xFF];
      if (list.length == 0) {
        continue;
      }
      double d = Math.max(0, doseGy[v]);
      int b = (int) (d / bin);
      for (int i : list) {
        counts[i][b]++;
        n[i]++;
        sum[i] += d;
        lo[i] = Math.min(lo[i], d);
        hi[i] = Math.max(hi[i], d);
      }
    }
    Map<String, DoseVolumeHistogram> out = new LinkedHashMap<>();
    double cc = labels.grid().voxelVolumeCc();
    for (int i = 0; i < s; i++) {
      if (n[i] == 0) {
        throw new IllegalArgumentException("structure " + structures.get(i) + " is empty on grid " + labels.grid()
            + ": its DVH and dose metrics are undefined");
      }
      out.put(structures.get(i), new DoseVolumeHistogram(structures.get(i), bin, counts[i], n[i], cc, sum[i] / n[i], lo[i], hi[i]));
    }
    return out;
  }

  /** Metrics of one DVH; V_x at each of {@code vxDosesGy}. */
  public static StructureDoseMetrics metrics(DoseVolumeHistogram h, double prescriptionGy, double[] vxDosesGy) {
    if (!(prescriptionGy > 0)) {
      throw new IllegalArgumentException("prescription must be positive, got " + prescriptionGy + " Gy");
    }
    List<VolumeAtDose> vx = new ArrayList<>();
    for (double d : vxDosesGy) {
      vx.add(new VolumeAtDose(d, 100 * d / prescriptionGy, h.volumePercentAtDose(d), h.volumeCcAtDose(d)));
    }
    return new StructureDoseMetrics(h.structure(), h.volumeCc(), prescriptionGy, h.doseAtVolumePercent(98),
        h.doseAtVolumePercent(95), h.doseAtVolumePercent(50), h.doseAtVolumePercent(2), h.doseAtVolumeCc(0.03),
        h.meanGy(), vx);
  }

  /** Metrics of the named structures, in order. */
  public static Map<String, StructureDoseMetrics> compute(float[] doseGy, LabelMap labels, List<String> structures,
                                                          double prescriptionGy, double[] vxDosesGy) {
    Map<String, StructureDoseMetrics> out = new LinkedHashMap<>();
    for (Map.Entry<String, DoseVolumeHistogram> e : histograms(doseGy, labels, structures).entrySet()) {
      out.put(e.getKey(), metrics(e.getValue(), prescriptionGy, vxDosesGy));
    }
    return out;
  }
}
