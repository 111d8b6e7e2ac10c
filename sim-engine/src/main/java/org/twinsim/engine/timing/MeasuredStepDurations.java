package org.twinsim.engine.timing;

import java.util.Map;

/**
 * Compute steps take the wall-clock time measured in the decide phase on this machine; the human
 * steps stay sampled. Simulated times then differ between runs (the manifest says so).
 */
public final class MeasuredStepDurations implements StepDurations {
  private final StepDurations sampled;
  private final Map<String, Double> measuredS;

  /**
   * @param sampled durations of the non-compute steps
   * @param measuredS measured seconds keyed by {@link #key(StepKind, String, int, int)}
   */
  public MeasuredStepDurations(StepDurations sampled, Map<String, Double> measuredS) {
    this.sampled = sampled;
    this.measuredS = measuredS;
  }

  public static String key(StepKind kind, String strategy, int patient, int fraction) {
    return kind.key() + "/" + strategy + "/" + patient + "/" + fraction;
  }

  @Override
  public double durationS(StepKind kind, String strategy, int patient, int fraction) {
    if (kind.isCompute()) {
      Double m = measuredS.get(key(kind, strategy, patient, fraction));
      if (m != null) {
        return m;
      }
    }
    return sampled.durationS(kind, strategy, patient, fraction);
  }

  @Override
  public String source(StepKind kind) {
    return kind.isCompute() ? "measured" : "sampled";
  }
}
