package org.twinsim.engine.timing;

import org.twinsim.engine.scenario.Timing;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.ContinuousDistribution;

/**
 * Step durations sampled from the scenario's timing model by inversion of one uniform drawn from
 * the stream (seed, "timing." + step, replication, patient, fraction). The strategy is not a
 * coordinate: a step that two strategies share (setup, CBCT, delivery) takes the same duration in
 * both (common random numbers), so their differences are paired.
 */
public final class SampledStepDurations implements StepDurations {
  private final long seed;
  private final int replication;
  private final ContinuousDistribution[] dist = new ContinuousDistribution[StepKind.values().length];
  private final double[] constant = new double[StepKind.values().length];

  public SampledStepDurations(Timing timing, long seed, int replication) {
    this.seed = seed;
    this.replication = replication;
    for (StepKind k : StepKind.values()) {
      dist[k.ordinal()] = timing.of(k).distribution();
      constant[k.ordinal()] = timing.of(k).mean();
    }
  }

  @Override
  public double durationS(StepKind kind, String strategy, int patient, int fraction) {
    ContinuousDistribution d = dist[kind.ordinal()];
    double x = d == null ? constant[kind.ordinal()]
        : d.inverseF(RandomStreams.stream(seed, kind.streamPurpose(), replication, patient, fraction).nextDouble());
    return kind == StepKind.ARRIVAL ? x : Math.max(0, x);
  }

  @Override
  public String source(StepKind kind) {
    return "sampled";
  }
}
