package org.twinsim.engine.observe;

/**
 * The clinic's view of one patient's days: turns the true anatomy of a fraction into what the
 * CBCT and its registration let the clinic measure. One instance per patient (it may keep
 * per-patient state such as reusable buffers); fractions are observed in order.
 */
public interface ClinicObserver {
  /** Observes fraction {@code fraction} (0-based). */
  FractionObservation observe(int fraction);
}
