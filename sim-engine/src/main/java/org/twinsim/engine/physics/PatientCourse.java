package org.twinsim.engine.physics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.run.UnitCoordinates;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.engine.scenario.TwinSpec;
import org.twinsim.model.anatomy.CbctSpec;
import org.twinsim.model.anatomy.DailyAnatomy;
import org.twinsim.model.anatomy.DailyAnatomyGenerator;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;
import org.twinsim.model.planning.Morphology;
import org.twinsim.model.planning.OptimizerParams;
import org.twinsim.model.planning.PlanningParams;
import org.twinsim.model.planning.PlanningResult;
import org.twinsim.model.planning.ProstatePlanner;
import org.twinsim.model.registration.DailyRegistration;
import org.twinsim.model.registration.DemonsParameters;
import org.twinsim.model.registration.RigidParameters;
import org.twinsim.model.registration.RigidRegistration;
import org.twinsim.model.registration.RegistrationAccuracy;
import org.twinsim.model.registration.TargetRegistrationError;
import org.twinsim.model.selection.PlanEvaluation;
import org.twinsim.model.selection.PlanOfTheDay;
import org.twinsim.model.selection.SelectionRule;
import org.twinsim.model.twin.Forecast;
import org.twinsim.model.twin.ForecastTarget;
import org.twinsim.model.twin.PatientTwin;
import org.twinsim.model.twin.PopulationPrior;
import umontreal.ssj.probdist.NormalDist;

/**
 * The full-physics replay of one patient's course, fraction by fraction (a unit (variant,
 * replication, patient)):
 * <ol>
 *   <li>set-up: the virtual patient and its planning CT; robust plans on it (the clinical plan, the
 *   re-plan's setting, the twin's library from the population forecast);</li>
 *   <li>each fraction: the TRUE anatomy and the CBCT of the day; rigid (couch) and demons
 *   registration of the CBCT to the planning CT, scored against the true field; the twin's
 *   forecast (made before the CBCT) and its update with the day's measured prostate shift;
 *   the library plans' doses on the anatomy the clinic sees (planning CT deformed to the CBCT) for
 *   the digital twin's selection, and on the true anatomy for the oracle's; every strategy's
 *   delivered dose on the TRUE anatomy, with the prostate (CTV and bladder neck) displaced by the
 *   intra-fraction drift accumulated from the CBCT to mid-delivery; accumulation of each
 *   strategy's delivered dose on the planning anatomy through the true field.</li>
 * </ol>
 * Approximations, stated where they act: dose is computed only in {@link DoseRegion} (the reported
 * structures and a margin); the drift moves
 * the dose relative to the prostate-attached structures without recomputing the dose
 * (static-dose approximation); the online re-plan is idealised as a re-optimisation that
 * reproduces its planning dose on the anatomy as registered (the planning dose of a plan with the
 * re-plan's robustness, pulled through the registration field), so its error is the registration's
 * plus the drift over its long session.
 */
public final class PatientCourse {
  /** Structures that move with the prostate during the intra-fraction drift. */
  static final List<String> ATTACHED = List.of(StructureNames.CTV, StructureNames.BLADDER_NECK);

  private final Scenario s;
  private final VirtualPatient vp;
  private final DailyAnatomyGenerator days;
  private final CbctSpec cbctSpec;
  private final DailyRegistration registration;
  private final DoseEngine engine;
  private final StoppingPowerCalibration calibration = StoppingPowerCalibration.defaults();
  private final DoseRegion region;
  private final PlanCache plans;
  private final PatientTwin twin;
  private final double rxGy;
  private final int fractions;
  private final Map<String, StrategySpec> strategies = new LinkedHashMap<>();
  private final Map<String, RegionAccumulator> accumulated = new LinkedHashMap<>();
  private final SelectionRule rule = SelectionRule.defaults();
  private List<Double> library;
  private float[] replanPlanningDose;
  private final double setupSeconds;

  public PatientCourse(Scenario s, UnitCoordinates u, PopulationPrior prior) {
    long t0 = System.nanoTime();
    this.s = s;
    this.rxGy = s.fractionation().doseGy();
    this.fractions = s.fractionation().fractions();
    PhantomSpec spec = PhantomSpec.withSpacing(s.cohort().gridMm());
    this.vp = new VirtualPatientGenerator(spec, s.anatomy()).generate(s.seed(), u.replication(), u.patient());
    this.days = DailyAnatomyGenerator.defaults();
    this.cbctSpec = days.cbctSpec().withDoseFactor(s.physics().cbctDoseFactor());
    PhysicsBackends backends = PhysicsBackends.forPreference(s.physics().backend(), System.err::println);
    this.registration = new DailyRegistration(new RigidRegistration(), backends.deformableRegistration(),
        RigidParameters.defaults(), DemonsParameters.defaults());
    this.engine = backends.doseEngine();
    this.region = new DoseRegion(s.physics().doseMarginMm());
    DoseContext planningCtx = context(vp.planningCt(), vp.planningLabels());
    PlanningParams pp = PlanningParams.defaults();
    OptimizerParams op = pp.optimizer();
    pp = pp.withOptimizer(new OptimizerParams(s.physics().optimizerIterations(), op.relativeTolerance(), op.memory(),
        op.robustMode(), op.minimaxStages(), 1));
    this.plans = new PlanCache(new ProstatePlanner(engine, pp), planningCtx, vp.planningLabels(), rxGy,
        s.physics().rangeUncertainty());
    this.twin = new PatientTwin(prior);
    boolean[] accumulationRegion = Morphology.dilate(union(vp.planningLabels()), vp.planningCt().grid(), 2 * vp.planningCt().grid().spacingXMm());
    for (StrategySpec spec2 : s.strategies()) {
      strategies.put(spec2.name(), spec2);
      accumulated.put(spec2.name(), new RegionAccumulator(vp.planningCt().grid(), accumulationRegion));
    }
    this.library = libraryMargins(twin.forecast(0, 0.5, ForecastTarget.TRUE_SHIFT));
    for (StrategySpec spec2 : s.strategies()) {
      switch (spec2.name()) {
        case "non-adaptive" -> plans.get(spec2.setupMarginMm());
        case "online-replan" -> replanPlanningDose = engine.computeDose(planningCtx, plans.get(spec2.setupMarginMm()).plan(),
            org.twinsim.model.dose.Scenario.NOMINAL).data();
        default -> library.forEach(plans::get);
      }
    }
    this.setupSeconds = (System.nanoTime() - t0) * 1e-9;
  }

  /** Wall time of patient generation and planning, s. */
  public double setupSeconds() {
    return setupSeconds;
  }

  /** Wall time of plan optimisation so far, s. */
  public double planningSeconds() {
    return plans.seconds();
  }

  public VirtualPatient patient() {
    return vp;
  }

  private DoseContext context(Volume ctHu, LabelMap structures) {
    Volume rsp = calibration.toRsp(ctHu);
    return new DoseContext(rsp, region.mask(rsp, structures), 0.02, 4);
  }

  /**
   * Replays fraction {@code f}.
   *
   * @param cbctToBeamMinutes per strategy, minutes from the end of the CBCT to mid-delivery (from
   *     the clinic's event model); the prostate drifts over this time
   */
  public FractionPhysics fraction(int f, Map<String, Double> cbctToBeamMinutes) {
    DailyAnatomy day = days.day(vp, f, cbctSpec);
    // --- what the clinic measures
    DailyRegistration.Result reg = registration.register(day.cbct(), null, vp.planningCt(), vp.planningLabels(), null, null);
    Vec3 obsSetup = reg.rigid().couchShiftMm().times(-1);
    Vec3 obsTotal = meanDisplacement(reg.field(), reg.propagatedLabels().mask(StructureNames.PROSTATE));
    Vec3 obsProstate = obsTotal.minus(obsSetup);
    TargetRegistrationError tre = TargetRegistrationError.of(reg.field(), day.trueField(),
        RegistrationAccuracy.treMask(day.trueLabels(), reg.fieldOfView()));
    double dice = Warp.dice(reg.propagatedLabels().mask(StructureNames.PROSTATE), day.trueLabels().mask(StructureNames.PROSTATE));
    FractionObservation obs = new FractionObservation(f, day.motion(), obsSetup, obsProstate, "demons", tre.meanMm(),
        tre.p95Mm(), dice, reg.seconds());
    // --- the twin: forecast made before today's CBCT, then today's measurement
    long tTwin = System.nanoTime();
    Forecast forecast = twin.forecast(f, s.twin().forecastLevel(), ForecastTarget.TRUE_SHIFT);
    Forecast measurementForecast = s.safetyOn() ? twin.forecast(f, s.twin().forecastLevel(), ForecastTarget.MEASUREMENT) : null;
    twin.observe(f, obsProstate);
    List<Double> todaysLibrary = library;
    int regen = s.twin().library().regenerateAfter();
    if (regen > 0 && f + 1 == regen && s.twin().library().marginsMm() == null && f + 1 < fractions) {
      library = libraryMargins(twin.forecast(f + 1, 0.5, ForecastTarget.TRUE_SHIFT));
    }
    double twinS = (System.nanoTime() - tTwin) * 1e-9;
    // --- library doses: on the clinic's view (selection) and on the truth (oracle, delivery)
    long tSel = System.nanoTime();
    org.twinsim.model.dose.Scenario couch = new org.twinsim.model.dose.Scenario(obsSetup, 0); // beams follow the corrected patient
    DoseContext trueCtx = context(day.trueCt(), day.trueLabels());
    boolean hasLibrary = strategies.containsKey("digital-twin") || strategies.containsKey("oracle");
    List<PlanEvaluation> seen = new ArrayList<>();
    List<PlanEvaluation> truth = new ArrayList<>();
    Map<String, float[]> trueDose = new LinkedHashMap<>();
    Map<String, Double> margins = new LinkedHashMap<>();
    if (hasLibrary) {
      Volume virtualCt = Warp.volume(vp.planningCt(), reg.field(), -1000f);
      DoseContext clinicCtx = context(virtualCt, reg.propagatedLabels());
      for (double m : todaysLibrary) {
        PlanningResult p = plans.get(m);
        String id = p.plan().name();
        margins.put(id, m);
        float[] dSeen = engine.computeDose(clinicCtx, p.plan(), couch).data();
        seen.add(DayMetrics.evaluation(id, m, DayMetrics.outcome(dSeen, reg.propagatedLabels(), rxGy, fractions)));
        float[] dTrue = engine.computeDose(trueCtx, p.plan(), couch).data();
        trueDose.put(id, dTrue);
        truth.add(DayMetrics.evaluation(id, m, DayMetrics.outcome(dTrue, day.trueLabels(), rxGy, fractions)));
      }
    }
    PlanEvaluation twinChoice = hasLibrary ? PlanOfTheDay.choose(seen, rule) : null;
    PlanEvaluation oracleChoice = hasLibrary ? PlanOfTheDay.choose(truth, rule) : null;
    double selS = (System.nanoTime() - tSel) * 1e-9;
    // --- delivery on the truth, with drift; accumulation on the planning anatomy
    float[] dayPositions = accumulated.values().iterator().next().dayPositions(day.trueField());
    Map<String, StrategyOutcome> out = new LinkedHashMap<>();
    Vec3 couchShift = obsSetup.times(-1);
    for (StrategySpec spec : strategies.values()) {
      long tDose = System.nanoTime();
      String planId;
      double margin;
      Vec3 target = Vec3.ZERO;
      float[] dose;
      switch (spec.name()) {
        case "non-adaptive" -> {
          PlanningResult p = plans.get(spec.setupMarginMm());
          planId = p.plan().name();
          margin = spec.setupMarginMm();
          dose = engine.computeDose(trueCtx, p.plan(), couch).data();
        }
        case "online-replan" -> {
          planId = "replan-f" + (f + 1);
          margin = spec.setupMarginMm();
          target = obsProstate;
          dose = Warp.volume(new Volume(vp.planningCt().grid(), replanPlanningDose), reg.field(), 0f).data();
          // the re-plan's dose is known only where it was computed on the planning anatomy

        }
        default -> {
          PlanEvaluation c = spec.name().equals("oracle") ? oracleChoice : twinChoice;
          planId = c.planId();
          margin = c.setupMarginMm();
          dose = trueDose.get(planId);
        }
      }
      double minutes = cbctToBeamMinutes.getOrDefault(spec.name(), 0.0);
      Vec3 drift = vp.motion().drift(f).at(minutes);
      float[] delivered = withDrift(dose, day.trueLabels(), drift);
      DoseOutcome o = DayMetrics.outcome(delivered, day.trueLabels(), rxGy, fractions);
      accumulated.get(spec.name()).add(delivered, dayPositions);
      String oracleId = null;
      double regretCtv = Double.NaN;
      double regretNeck = Double.NaN;
      if (!spec.name().equals("non-adaptive") && !spec.name().equals("online-replan")) {
        PlanEvaluation mine = find(truth, planId);
        oracleId = oracleChoice.planId();
        regretCtv = oracleChoice.ctvD98Pct() - mine.ctvD98Pct();
        regretNeck = mine.bladderNeckD2ccPct() - oracleChoice.bladderNeckD2ccPct();
      }
      out.put(spec.name(), new StrategyOutcome(planId, margin, couchShift, target, drift, o, oracleId, regretCtv,
          regretNeck, (System.nanoTime() - tDose) * 1e-9));
    }
    return new FractionPhysics(obs, forecast, label(todaysLibrary), twinS, selS, out, measurementForecast);
  }

  /** Accumulated metrics of each strategy after the course, % of the course prescription. */
  public Map<String, DoseOutcome> accumulated() {
    Map<String, DoseOutcome> m = new LinkedHashMap<>();
    for (Map.Entry<String, RegionAccumulator> e : accumulated.entrySet()) {
      if (e.getValue().fractions() == 0) {
        continue;
      }
      m.put(e.getKey(), DayMetrics.outcome(e.getValue().total(), vp.planningLabels(), rxGy * e.getValue().fractions(), 1));
    }
    return m;
  }

  private static PlanEvaluation find(List<PlanEvaluation> l, String id) {
    for (PlanEvaluation e : l) {
      if (e.planId().equals(id)) {
        return e;
      }
    }
    throw new IllegalStateException("plan " + id + " not evaluated");
  }

  /**
   * The library's setup margins from a forecast: plan k covers the central {@code quantiles[k]}
   * interval of the shift on every axis (|mean| + z sd, the largest over the axes), rounded up to
   * 0.5 mm within [min, max]; or the fixed margins.
   */
  List<Double> libraryMargins(Forecast fc) {
    TwinSpec.LibrarySpec lib = s.twin().library();
    if (lib.marginsMm() != null) {
      return lib.marginsMm().stream().sorted().distinct().toList();
    }
    TreeSet<Double> m = new TreeSet<>();
    for (double q : lib.quantiles()) {
      double z = NormalDist.inverseF01(0.5 + 0.5 * q);
      double need = 0;
      for (int a = 0; a < 3; a++) {
        need = Math.max(need, Math.abs(fc.axis(a).mean()) + z * fc.axis(a).sd());
      }
      double r = Math.ceil(need * 2 - 1e-9) / 2;
      m.add(Math.max(lib.minMarginMm(), Math.min(lib.maxMarginMm(), r)));
    }
    return List.copyOf(m);
  }

  /** The union of the reported structures. */
  static boolean[] union(LabelMap labels) {
    boolean[] u = new boolean[labels.grid().size()];
    for (String name : DoseRegion.STRUCTURES) {
      boolean[] m = labels.mask(name);
      for (int i = 0; i < u.length; i++) {
        u[i] |= m[i];
      }
    }
    return u;
  }

  static String label(List<Double> margins) {
    StringBuilder b = new StringBuilder();
    for (double m : margins) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(String.format(Locale.ROOT, "%.1f", m));
    }
    return b.toString();
  }

  /** The dose as the drifting prostate receives it: attached structures read it at p + drift. */
  static float[] withDrift(float[] dose, LabelMap labels, Vec3 drift) {
    if (drift.norm() == 0) {
      return dose;
    }
    Grid3 g = labels.grid();
    boolean[] attached = new boolean[256];
    for (String name : ATTACHED) {
      boolean[] t = labels.labelsWithin(name);
      for (int l = 0; l < 256; l++) {
        attached[l] |= t[l];
      }
    }
    byte[] lab = labels.labels();
    float[] out = dose.clone();
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          if (attached[lab[n] & 0xFF]) {
            out[n] = org.twinsim.model.geometry.Trilinear.sample(dose, g, g.fi(g.x(i) + drift.x()),
                g.fj(g.y(j) + drift.y()), g.fk(g.z(k) + drift.z()), 0f);
          }
        }
      }
    }
    return out;
  }

  /** Mean of -u over a mask: where the masked region of the fixed image lies relative to the moving one. */
  static Vec3 meanDisplacement(VectorField u, boolean[] mask) {
    double x = 0;
    double y = 0;
    double z = 0;
    long n = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        x -= u.ux()[i];
        y -= u.uy()[i];
        z -= u.uz()[i];
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalStateException("the propagated prostate is empty: registration failed to map it");
    }
    return new Vec3(x / n, y / n, z / n);
  }
}
