package org.twinsim.model.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseMetrics;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.dose.StructureDoseMetrics;
import org.twinsim.model.geometry.LabelMap;

/**
 * Planning on the ellipsoid pelvis phantom (4 mm). To be re-run on the generator's virtual
 * patients once they exist: the nominal plan's coverage and sparing, and robust vs nominal.
 */
class ProstatePlanningTest {
  static final double RX = 2.5; // Gy per fraction (70 Gy in 28 fractions)
  static PelvisPhantom phantom;
  static DoseContext ctx;
  static DoseContext ctvOnly;
  static CpuPencilBeamEngine engine;
  static PlanningResult nominal;
  static List<IterationReport> nominalHistory = new ArrayList<>();

  @BeforeAll
  static void planNominal() {
    phantom = PelvisPhantom.small4mm();
    ctx = DoseContext.fromCt(phantom.ct(), StoppingPowerCalibration.defaults());
    ctvOnly = new DoseContext(ctx.rsp(), phantom.labels().mask(StructureNames.CTV), 0, 32);
    engine = new CpuPencilBeamEngine();
    nominal = new ProstatePlanner(engine, PlanningParams.defaults())
        .plan("nominal", ctx, phantom.labels(), RX, UncertaintySetting.NOMINAL, nominalHistory::add);
  }

  /** Done-when: the nominal plan reaches CTV D98 >= 95% and D2 <= 107%, rectum and bladder neck well below Rx. */
  @Test
  void nominalPlanCoversTheCtvAndSparesRectumAndBladderNeck() {
    float[] dose = engine.computeDose(ctx, nominal.plan(), Scenario.NOMINAL).data();
    Map<String, StructureDoseMetrics> m = DoseMetrics.compute(dose, phantom.labels(), DoseMetrics.prostateStructures(),
        RX, new double[] {0.5 * RX});
    StructureDoseMetrics ctv = m.get(StructureNames.CTV);
    assertTrue(ctv.d98Percent() >= 95, "CTV D98 " + ctv.d98Percent());
    assertTrue(ctv.d2Percent() <= 107, "CTV D2 " + ctv.d2Percent());
    StructureDoseMetrics rectum = m.get(StructureNames.RECTUM);
    StructureDoseMetrics neck = m.get(StructureNames.BLADDER_NECK);
    assertTrue(rectum.dMeanPercent() < 30 && rectum.d50Percent() < 30, "rectum Dmean " + rectum.dMeanPercent());
    assertTrue(neck.dMeanPercent() < 50 && neck.d50Percent() < 50, "bladder neck Dmean " + neck.dMeanPercent());
    assertTrue(rectum.dMaxPercent() < 95 && neck.dMaxPercent() < 95, "rectum/neck D0.03cc "
        + rectum.dMaxPercent() + " / " + neck.dMaxPercent());
  }

  /** Convergence is reported every iteration; within a stage the objective never increases. */
  @Test
  void convergenceIsReportedPerIteration() {
    OptimizationResult r = nominal.optimization();
    assertEquals(r.iterations(), nominalHistory.size());
    assertEquals(r.history(), nominalHistory);
    for (int i = 1; i < nominalHistory.size(); i++) {
      IterationReport a = nominalHistory.get(i - 1);
      IterationReport b = nominalHistory.get(i);
      assertEquals(a.iteration() + 1, b.iteration());
      if (a.stage() == b.stage()) {
        assertTrue(b.objective() <= a.objective() * (1 + 1e-12), "objective rose at iteration " + b.iteration());
      }
    }
    assertTrue(nominalHistory.get(nominalHistory.size() - 1).objective() < 0.1 * nominalHistory.get(0).objective());
  }

  /**
   * Done-when: the robust plan (setup 3 mm, range 3.5%, minimax over 21 scenarios) keeps CTV D98
   * >= 95% in the worst of the 21 scenarios; the nominal plan does not.
   */
  @Test
  void robustPlanKeepsCoverageInTheWorstScenarioAndTheNominalPlanDoesNot() {
    UncertaintySetting setting = new UncertaintySetting(3.0, 0.035);
    PlanningResult robust = new ProstatePlanner(engine, PlanningParams.defaults())
        .plan("robust", ctx, phantom.labels(), RX, setting, null);
    assertEquals(21, robust.optimization().scenarios());
    List<Scenario> scenarios = ScenarioSet.of(3.0, 0.035);
    double worstRobust = worstD98(robust.plan(), scenarios);
    double worstNominal = worstD98(nominal.plan(), scenarios);
    assertTrue(worstRobust >= 95, "robust plan: worst-case CTV D98 " + worstRobust);
    assertTrue(worstNominal < 95, "nominal plan: worst-case CTV D98 " + worstNominal);
  }

  static double worstD98(Plan plan, List<Scenario> scenarios) {
    double worst = Double.POSITIVE_INFINITY;
    for (Scenario s : scenarios) {
      float[] d = engine.computeDose(ctvOnly, plan, s).data();
      StructureDoseMetrics m = DoseMetrics.compute(d, phantom.labels(), List.of(StructureNames.CTV), RX, new double[0])
          .get(StructureNames.CTV);
      worst = Math.min(worst, m.d98Percent());
    }
    return worst;
  }

  /** Single- and multi-threaded optimisation give the same weights to the bit (fixed reduction order). */
  @Test
  void threadsDoNotChangeTheOptimisedWeights() {
    PlanningParams p1 = PlanningParams.defaults().withOptimizer(OptimizerParams.defaults().withThreads(1).withMaxIterations(25));
    PlanningParams p2 = PlanningParams.defaults().withOptimizer(OptimizerParams.defaults().withThreads(2).withMaxIterations(25));
    UncertaintySetting s = new UncertaintySetting(2.0, 0.035);
    Plan a = new ProstatePlanner(engine.withThreads(1), p1).plan("t1", ctx, phantom.labels(), RX, s, null).plan();
    Plan b = new ProstatePlanner(engine.withThreads(2), p2).plan("t2", ctx, phantom.labels(), RX, s, null).plan();
    assertTrue(java.util.Arrays.equals(a.weights(), b.weights()), "weights differ between 1 and 2 threads");
  }

  @Test
  void emptyTargetOrStructureGivesClearErrors() {
    LabelMap noCtv = phantom.labels().copy();
    byte[] l = noCtv.labels();
    for (int i = 0; i < l.length; i++) {
      if (noCtv.isWithin(l[i] & 0xFF, 2)) {
        l[i] = 1; // CTV and its children become body
      }
    }
    ProstatePlanner planner = new ProstatePlanner(engine, PlanningParams.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> planner.plan("empty", ctx, noCtv, RX, UncertaintySetting.NOMINAL, null));
    assertTrue(e.getMessage().contains("CTV") && e.getMessage().contains("empty"), e.getMessage());

    PlanOptimizer opt = new PlanOptimizer(engine, OptimizerParams.defaults());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> opt.optimize(ctx, nominal.plan(), List.of(Objective.maxDose("Urethra", RX, 1)),
            Map.of("Urethra", new int[0]), List.of(Scenario.NOMINAL), null));
    assertTrue(e2.getMessage().contains("Urethra") && e2.getMessage().contains("empty"), e2.getMessage());
    IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
        () -> opt.optimize(ctx, nominal.plan(), List.of(Objective.maxDose("Spleen", RX, 1)),
            Map.of(), List.of(Scenario.NOMINAL), null));
    assertTrue(e3.getMessage().contains("Spleen"), e3.getMessage());
  }
}
