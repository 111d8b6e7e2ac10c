package org.twinsim.engine.strategy;

import java.util.List;
import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.model.geometry.Vec3;

/**
 * Plan of the day from a library of plans of increasing setup robustness, selected on the day's
 * anatomy by clinical priority: CTV D98 >= 95% first, then the lowest bladder-neck mean dose, then
 * the smaller margin. The digital twin selects on the anatomy the clinic observed; the oracle on
 * the true anatomy at imaging (the best any selection could do). Until the GP twin and the
 * pencil-beam engine drive it, the library holds one plan per configured margin at the planning
 * position and the day's dose comes from the engine's dose model.
 */
public final class LibraryStrategy implements Strategy {
  private final String name;
  private final boolean oracle;
  private final List<Double> marginsMm;
  private final FractionDoseModel dose;

  private LibraryStrategy(String name, boolean oracle, List<Double> marginsMm, FractionDoseModel dose) {
    this.name = name;
    this.oracle = oracle;
    this.marginsMm = marginsMm.stream().sorted().toList();
    this.dose = dose;
  }

  /** The digital-twin plan of the day (selects on the observed anatomy). */
  public static LibraryStrategy digitalTwin(List<Double> marginsMm, FractionDoseModel dose) {
    return new LibraryStrategy("digital-twin", false, marginsMm, dose);
  }

  /** The oracle (selects on the true anatomy at imaging). */
  public static LibraryStrategy oracle(List<Double> marginsMm, FractionDoseModel dose) {
    return new LibraryStrategy("oracle", true, marginsMm, dose);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<StepKind> workflow() {
    return List.of(StepKind.SETUP, StepKind.CBCT, StepKind.DEFORMABLE_REGISTRATION, StepKind.TWIN_UPDATE,
        StepKind.PLAN_SELECTION, StepKind.PLAN_REVIEW, StepKind.DELIVERY, StepKind.EXIT);
  }

  @Override
  public Decision decide(FractionObservation obs) {
    long t0 = System.nanoTime();
    Vec3 couch = obs.obsSetupMm().times(-1);
    // target and bone positions after the couch correction, as the strategy sees them
    Vec3 bone = oracle ? obs.truth().setupMm().plus(couch) : obs.obsSetupMm().plus(couch);
    Vec3 target = bone.plus(oracle ? obs.truth().prostateMm() : obs.obsProstateMm());
    double best = marginsMm.get(marginsMm.size() - 1);
    DoseOutcome bestOutcome = null;
    for (double m : marginsMm) {
      DoseOutcome o = dose.evaluate(target, bone, m);
      if (bestOutcome == null || better(o, bestOutcome)) {
        best = m;
        bestOutcome = o;
      }
    }
    return new Decision(couch, "library-" + best + "mm", Vec3.ZERO, best, (System.nanoTime() - t0) * 1e-9);
  }

  /** Clinical priority: coverage (D98 >= 95%) first, then bladder-neck mean dose. */
  private static boolean better(DoseOutcome a, DoseOutcome b) {
    boolean ca = a.ctvD98Pct() >= 95;
    boolean cb = b.ctvD98Pct() >= 95;
    if (ca != cb) {
      return ca;
    }
    if (!ca) {
      return a.ctvD98Pct() > b.ctvD98Pct() + 1e-9;
    }
    return a.bladderNeckDmeanPct() < b.bladderNeckDmeanPct() - 1e-9;
  }
}
