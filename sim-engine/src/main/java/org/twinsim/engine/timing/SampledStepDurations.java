package org.twinsim.engine.timing;

import org.twinsim.engine.scenario.Timing;
import org.twinsim.model.random.RandomStreams;

/**
 * Step durations sampled from the scenario's timing model by inversion of one uniform drawn from
 * the stream (seed, "timing." + step, replication, patient, fraction). The strategy is not a
 * coordinate: a step that two strategies share (setup, CBCT, delivery) takes the same duration in
 * both (common random numbers), so their differences are paired.
 */
public final class SampledStepDurations implements StepDurations {
  private final Timing timing;
  private final long seed;
  private final int replication;

  public SampledStepDurations(Timing timing, long seed, int replication) {
    this.timing = timing;
    this.seed = seed;
    this.replication = replication;
  }

  @Override
  public double durationS(StepKind kind, String strategy, int patient, int fraction) {
    double u = RandomStreams.stream(seed, "timing." + kind.key(), replication, patient, fraction).nextDouble();
    double d = timing.of(kind).quantile(u);
    return kind == StepKind.ARRIVAL ? d : Math.max(0, d);
  }

  @Override
  public String source(StepKind kind) {
    return "sampled";
  }
}
