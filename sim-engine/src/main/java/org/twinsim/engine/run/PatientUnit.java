package org.twinsim.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.observe.ClinicObserver;
import org.twinsim.engine.observe.ErrorModelObserver;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.engine.strategy.Decision;
import org.twinsim.engine.strategy.Strategies;
import org.twinsim.engine.strategy.Strategy;
import org.twinsim.model.anatomy.MotionModel;

/**
 * Phase 1 for one patient (a unit (variant, replication, patient)): every fraction is observed
 * once and decided by each strategy on that same observation (work that does not depend on the
 * strategy is shared; strategies are paired).
 */
public final class PatientUnit {
  private PatientUnit() {
  }

  public static PatientDecisions decide(Scenario s, UnitCoordinates u, FractionDoseModel dose,
                                        ProgressListener progress) {
    MotionModel motion = new MotionModel(s.anatomy(), s.seed(), u.replication(), u.patient());
    ClinicObserver observer = new ErrorModelObserver(motion, s.seed(), u.replication(), u.patient(),
        s.registration().boneErrorSdMm(), s.registration().prostateErrorSdMm());
    return decide(s, u, dose, progress, motion, observer);
  }

  /** As {@link #decide(Scenario, UnitCoordinates, FractionDoseModel, ProgressListener)}, with the clinic's observer given. */
  public static PatientDecisions decide(Scenario s, UnitCoordinates u, FractionDoseModel dose,
                                        ProgressListener progress, MotionModel motion, ClinicObserver observer) {
    Map<String, Strategy> strategies = new LinkedHashMap<>();
    Map<String, List<Decision>> decisions = new LinkedHashMap<>();
    for (StrategySpec spec : s.strategies()) {
      strategies.put(spec.name(), Strategies.create(spec, s.twin().library().fixedOrDefaultMarginsMm(), dose));
      decisions.put(spec.name(), new ArrayList<>());
    }
    List<FractionObservation> obs = new ArrayList<>();
    for (int f = 0; f < s.fractionation().fractions(); f++) {
      FractionObservation o = observer.observe(f);
      obs.add(o);
      for (Map.Entry<String, Strategy> e : strategies.entrySet()) {
        decisions.get(e.getKey()).add(e.getValue().decide(o));
      }
      progress.advance(1);
    }
    return new PatientDecisions(u, UnitCoordinates.virtualPatientId(u.patient()), motion, List.copyOf(obs),
        decisions);
  }
}
