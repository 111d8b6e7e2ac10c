/**
 * The twin as a safety layer in the course replay (geometric physics): anomalies injected with
 * their truth, per-fraction deviation detectors with graded alerts, holds that re-image before the
 * beam, and daily machine QA of the rooms. Start from {@link org.twinsim.engine.safety.SafetySpec}
 * (the scenario's {@code safety:} section) and {@link org.twinsim.engine.safety.SafetyCourse} (one
 * patient's course screened: a pure function of scenario, replication and patient, called by the
 * clinic unit for the holds and by the patient unit for the rows); the machine side is
 * {@link org.twinsim.engine.safety.MachineQa}. The detectors follow statistical process control
 * (Montgomery, Introduction to Statistical Quality Control) on the twin's predictive distribution
 * ({@link org.twinsim.engine.safety.TwinForecast}); tolerances are AAPM TG-224's.
 */
package org.twinsim.engine.safety;
