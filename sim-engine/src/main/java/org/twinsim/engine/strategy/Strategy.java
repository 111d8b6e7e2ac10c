package org.twinsim.engine.strategy;

import java.util.List;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.timing.StepKind;

/**
 * A fraction workflow: the steps a session goes through (in the room, holding the resources the
 * steps name) and the decision it makes from the day's observation. One instance per patient
 * course, so a strategy may learn over the course (the digital twin does); fractions are decided
 * in order.
 */
public interface Strategy {
  /** Name as in scenario files and tables. */
  String name();

  /** The session's steps, from setup to exit. */
  List<StepKind> workflow();

  /**
   * Decides fraction {@code obs.fraction()} from the observed fields of {@code obs}. Only an
   * oracle may read {@code obs.truth()}.
   */
  Decision decide(FractionObservation obs);
}
