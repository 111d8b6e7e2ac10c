package org.twinsim.model.qa;

/**
 * An alert of the machine-QA twin.
 *
 * @param day treatment day index
 * @param quantity what was measured
 * @param detector which check fired ("tolerance", "shewhart-I", "cusum")
 * @param severity graded severity
 * @param measured the day's measured deviation from baseline
 * @param reason one line for the console
 */
public record QaAlert(int day, MachineQuantity quantity, String detector, Severity severity, double measured,
                      String reason) {
}
