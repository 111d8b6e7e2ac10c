package org.twinsim.model.planning;

import java.util.List;

/**
 * Plans prepared in advance for several uncertainty settings, ordered as built (typically from the
 * tightest to the widest setup margin); the digital twin chooses one per fraction from its
 * forecast of the day's uncertainty.
 *
 * @param plans one plan per setting
 * @param prescriptionGy dose per fraction to the CTV, Gy
 */
public record PlanLibrary(List<PlanningResult> plans, double prescriptionGy) {
  public PlanLibrary {
    if (plans == null || plans.isEmpty()) {
      throw new IllegalArgumentException("a plan library needs at least one plan");
    }
    plans = List.copyOf(plans);
  }

  public int size() {
    return plans.size();
  }

  /** The plan made for the smallest setup error not below {@code setupMm} (the widest if none is). */
  public PlanningResult coveringSetup(double setupMm) {
    PlanningResult best = null;
    for (PlanningResult p : plans) {
      if (p.setting().setupMm() >= setupMm && (best == null || p.setting().setupMm() < best.setting().setupMm())) {
        best = p;
      }
    }
    if (best != null) {
      return best;
    }
    for (PlanningResult p : plans) {
      if (best == null || p.setting().setupMm() > best.setting().setupMm()) {
        best = p;
      }
    }
    return best;
  }
}
