package org.twinsim.model.planning;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.geometry.LabelMap;

/**
 * Builds a {@link PlanLibrary}: one robust plan per uncertainty setting on the same planning CT
 * (the depth maps of the {@link DoseContext} are shared between them).
 */
public final class PlanLibraryBuilder {
  /** The default settings: setup 1.5 / 3 / 5 mm, range 3.5% (the seed study's twin and clinical margins and one between). */
  public static final List<UncertaintySetting> DEFAULT_SETTINGS = List.of(
      new UncertaintySetting(1.5, 0.035), new UncertaintySetting(3.0, 0.035), new UncertaintySetting(5.0, 0.035));

  private final ProstatePlanner planner;

  public PlanLibraryBuilder(DoseEngine engine, PlanningParams params) {
    this.planner = new ProstatePlanner(engine, params);
  }

  /**
   * One plan per setting, in the given order.
   *
   * @param listener receives every plan's iterations in turn (may be null)
   */
  public PlanLibrary build(String patientId, DoseContext ctx, LabelMap labels, double prescriptionGy,
                           List<UncertaintySetting> settings, IterationListener listener) {
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("plan library of " + patientId + ": no uncertainty settings");
    }
    List<PlanningResult> plans = new ArrayList<>();
    for (UncertaintySetting s : settings) {
      String name = patientId + " " + s.label();
      plans.add(planner.plan(name, ctx, labels, prescriptionGy, s, listener));
    }
    return new PlanLibrary(plans, prescriptionGy);
  }
}
