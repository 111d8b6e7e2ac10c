package org.twinsim.model.planning;

/** Receives the optimiser's progress after every iteration (from the optimising thread). */
@FunctionalInterface
public interface IterationListener {
  void onIteration(IterationReport report);

  /** A listener that ignores everything. */
  IterationListener NONE = r -> { };
}
