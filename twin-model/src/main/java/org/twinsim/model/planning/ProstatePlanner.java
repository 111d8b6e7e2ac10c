package org.twinsim.model.planning;

import java.util.List;
import java.util.Map;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;

/**
 * Makes a prostate proton plan for an uncertainty setting: spots over the CTV expanded by the
 * setup error (and the range margin in depth), isocentre at the CTV centroid, objectives of
 * {@link ProstateProtocol}, optimised robustly over the 21 scenarios of {@link ScenarioSet} (or
 * nominally for {@link UncertaintySetting#NOMINAL}).
 */
public final class ProstatePlanner {
  private final DoseEngine engine;
  private final PlanningParams params;

  public ProstatePlanner(DoseEngine engine, PlanningParams params) {
    this.engine = engine;
    this.params = params == null ? PlanningParams.defaults() : params;
  }

  public PlanningParams params() {
    return params;
  }

  /** The CTV centroid, mm: the default isocentre. */
  public static Vec3 ctvCentroid(LabelMap labels) {
    boolean[] ctv = labels.mask(StructureNames.CTV);
    if (Morphology.count(ctv) == 0) {
      throw new IllegalArgumentException("structure " + StructureNames.CTV + " is empty on grid " + labels.grid()
          + ": nothing to plan");
    }
    return Vec3.of(Morphology.centroidMm(ctv, labels.grid()));
  }

  /**
   * Places spots and optimises.
   *
   * @param ctx the planning CT as a dose context (on the same grid as {@code labels})
   * @param prescriptionGy dose per fraction to the CTV, Gy
   * @param listener optimiser progress (may be null)
   */
  public PlanningResult plan(String name, DoseContext ctx, LabelMap labels, double prescriptionGy,
                             UncertaintySetting setting, IterationListener listener) {
    return plan(name, ctx, labels, prescriptionGy, setting, ProstateProtocol.objectives(prescriptionGy), listener);
  }

  /** As {@link #plan(String, DoseContext, LabelMap, double, UncertaintySetting, IterationListener)} with given objectives. */
  public PlanningResult plan(String name, DoseContext ctx, LabelMap labels, double prescriptionGy,
                             UncertaintySetting setting, List<Objective> objectives, IterationListener listener) {
    ctx.grid().requireSame(labels.grid(), "planning CT vs structures");
    if (!(prescriptionGy > 0)) {
      throw new IllegalArgumentException("prescription must be positive, got " + prescriptionGy + " Gy");
    }
    long t0 = System.nanoTime();
    Vec3 iso = ctvCentroid(labels);
    boolean[] spotTarget = Morphology.dilate(labels.mask(StructureNames.CTV), labels.grid(), setting.setupMm());
    SpotPlacer placer = new SpotPlacer(engine.beamModel(), params.spots());
    Plan initial = placer.place(name, ctx, spotTarget, iso, setting.rangeFraction(), params.rangeMarginMm());
    double placement = (System.nanoTime() - t0) * 1e-9;
    List<Objective> used = setting.isNominal() ? objectives.stream().map(Objective::asNominal).toList() : objectives;
    Map<String, int[]> sets = ProstateProtocol.structures(labels, used, params);
    List<Scenario> scenarios = setting.isNominal() ? List.of(Scenario.NOMINAL)
        : ScenarioSet.of(setting.setupMm(), setting.rangeFraction());
    OptimizationResult r = new PlanOptimizer(engine, params.optimizer()).optimize(ctx, initial, used, sets, scenarios, listener);
    int layers = 0;
    for (var b : r.plan().beams()) {
      layers += b.layers().size();
    }
    return new PlanningResult(r.plan(), setting, r, placement, layers);
  }
}
