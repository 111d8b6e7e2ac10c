package org.twinsim.engine.timing;

/** Where the duration of each workflow step comes from. Implementations are deterministic functions of their arguments. */
public interface StepDurations {
  /**
   * Duration of step {@code kind} of fraction {@code fraction} (0-based) of patient {@code patient}
   * under {@code strategy}, s. For {@link StepKind#ARRIVAL} it is the arrival offset relative to the
   * appointment (negative: early).
   */
  double durationS(StepKind kind, String strategy, int patient, int fraction);

  /** "sampled" or "measured" for this step. */
  String source(StepKind kind);
}
