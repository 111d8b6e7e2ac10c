package org.twinsim.engine.safety;

import org.twinsim.model.qa.Severity;

/**
 * An alert of a deviation detector on one fraction.
 *
 * @param fraction fraction, 0-based
 * @param detector which detector ({@link SafetySpec#DETECTORS})
 * @param severity graded severity
 * @param score the detector's score (Mahalanobis distance)
 * @param reason one line for the console
 * @param eventId the true injected event active on this fraction that the alert is matched to, or null (a false alert)
 */
public record SafetyAlert(int fraction, String detector, Severity severity, double score, String reason, String eventId) {
}
