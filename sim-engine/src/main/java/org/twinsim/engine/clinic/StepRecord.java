package org.twinsim.engine.clinic;

import org.twinsim.engine.timing.StepKind;

/**
 * One executed workflow step; times are simulated seconds since midnight of the treatment day.
 *
 * @param kind the step
 * @param requestedS when the step was ready to start
 * @param startS when it started (resource granted)
 * @param endS when it ended
 * @param source "sampled" or "measured" duration
 */
public record StepRecord(StepKind kind, double requestedS, double startS, double endS, String source) {
  public double waitS() {
    return startS - requestedS;
  }

  public double durationS() {
    return endS - startS;
  }
}
