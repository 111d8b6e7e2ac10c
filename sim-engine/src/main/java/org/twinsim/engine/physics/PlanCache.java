package org.twinsim.engine.physics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.planning.PlanningResult;
import org.twinsim.model.planning.ProstatePlanner;
import org.twinsim.model.planning.UncertaintySetting;

/**
 * One patient's robust plans on the planning CT, keyed by setup margin: a margin asked for twice
 * (a library plan equal to the clinical one, a regenerated library that keeps a setting) is
 * optimised once. Records the optimisation wall time.
 */
final class PlanCache {
  private final ProstatePlanner planner;
  private final DoseContext ctx;
  private final LabelMap labels;
  private final double prescriptionGy;
  private final double rangeUncertainty;
  private final Map<Double, PlanningResult> plans = new LinkedHashMap<>();
  private double seconds;

  PlanCache(ProstatePlanner planner, DoseContext ctx, LabelMap labels, double prescriptionGy, double rangeUncertainty) {
    this.planner = planner;
    this.ctx = ctx;
    this.labels = labels;
    this.prescriptionGy = prescriptionGy;
    this.rangeUncertainty = rangeUncertainty;
  }

  /** The plan robust to {@code marginMm} setup error (and the range uncertainty). */
  PlanningResult get(double marginMm) {
    return plans.computeIfAbsent(marginMm, m -> {
      long t0 = System.nanoTime();
      PlanningResult r = planner.plan(name(m), ctx, labels, prescriptionGy, new UncertaintySetting(m, rangeUncertainty), null);
      seconds += (System.nanoTime() - t0) * 1e-9;
      return r;
    });
  }

  static String name(double marginMm) {
    return String.format(java.util.Locale.ROOT, "robust-%.1fmm", marginMm);
  }

  /** Wall time spent optimising, s. */
  double seconds() {
    return seconds;
  }
}
