package org.twinsim.model.qa;

/**
 * A statistical-process-control chart over a stream of daily measurements of one quantity.
 * Implementations are stateful (one per machine and quantity) and not thread-safe.
 */
public interface ControlChart {
  /** Adds the next measurement and says whether the process looks out of control. */
  ChartSignal update(double x);

  /** Restarts monitoring (after a recalibration), keeping the in-control parameters. */
  void reset();

  /** Short name for alerts, e.g. "shewhart-I" or "cusum". */
  String name();
}
