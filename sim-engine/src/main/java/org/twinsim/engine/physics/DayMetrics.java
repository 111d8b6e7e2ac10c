package org.twinsim.engine.physics;

import java.util.List;
import java.util.Map;
import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.dose.DoseMetrics;
import org.twinsim.model.dose.DoseVolumeHistogram;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.selection.PlanEvaluation;

/** Dose metrics of one fraction's dose on one anatomy (DVHs of the dose package). */
final class DayMetrics {
  static final String MODEL = "pencil-beam";
  private static final List<String> STRUCTURES = List.of(StructureNames.CTV, StructureNames.BLADDER_NECK,
      StructureNames.RECTUM, StructureNames.BLADDER);

  private DayMetrics() {
  }

  /**
   * @param prescriptionGy fraction dose, Gy
   * @param fractions fractions of the course (for the course-equivalent V70Gy)
   */
  static DoseOutcome outcome(float[] doseGy, LabelMap labels, double prescriptionGy, int fractions) {
    Map<String, DoseVolumeHistogram> h = DoseMetrics.histograms(doseGy, labels, STRUCTURES);
    DoseVolumeHistogram ctv = h.get(StructureNames.CTV);
    DoseVolumeHistogram neck = h.get(StructureNames.BLADDER_NECK);
    DoseVolumeHistogram rectum = h.get(StructureNames.RECTUM);
    DoseVolumeHistogram bladder = h.get(StructureNames.BLADDER);
    double v70 = 70.0 / fractions; // fraction dose whose course equivalent is 70 Gy
    return new DoseOutcome(MODEL, pct(ctv.doseAtVolumePercent(98), prescriptionGy),
        pct(ctv.doseAtVolumePercent(95), prescriptionGy), ctv.volumePercentAtDose(prescriptionGy),
        pct(ctv.doseAtVolumePercent(2), prescriptionGy),
        pct(neck == null ? Double.NaN : neck.doseAtVolumeCc(0.03), prescriptionGy),
        pct(d2cc(neck), prescriptionGy), pct(neck == null ? Double.NaN : neck.meanGy(), prescriptionGy),
        pct(d2cc(rectum), prescriptionGy), rectum == null ? Double.NaN : rectum.volumePercentAtDose(v70),
        pct(d2cc(bladder), prescriptionGy), bladder == null ? Double.NaN : bladder.volumePercentAtDose(v70));
  }

  /** The selection's view of a plan's dose. */
  static PlanEvaluation evaluation(String planId, double marginMm, DoseOutcome o) {
    return new PlanEvaluation(planId, marginMm, o.ctvD98Pct(), o.bladderNeckD2ccPct(), o.rectumD2ccPct(),
        o.bladderD2ccPct());
  }

  /** D2cc, or Dmean of a structure smaller than 2 cc (the whole structure is its hottest 2 cc). */
  private static double d2cc(DoseVolumeHistogram h) {
    if (h == null || h.voxelCount() == 0) {
      return Double.NaN;
    }
    return h.volumeCc() <= 2.0 ? h.meanGy() : h.doseAtVolumeCc(2.0);
  }

  private static double pct(double gy, double rx) {
    return 100.0 * gy / rx;
  }
}
