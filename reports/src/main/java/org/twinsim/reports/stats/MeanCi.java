package org.twinsim.reports.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean of independent replications with a two-sided Student-t confidence interval
 * (Law 2015, Simulation Modeling and Analysis, 5th ed., section 9.4.1: the replication/deletion
 * approach: one value per replication, t quantile with R - 1 degrees of freedom).
 *
 * @param n replications (finite values)
 * @param mean mean over replications
 * @param halfWidth half-width of the interval (NaN when n < 2: no interval from one replication)
 * @param level confidence level, e.g. 0.95
 */
public record MeanCi(int n, double mean, double halfWidth, double level) {

  /** The mean and t interval of {@code perReplication} (one value per replication; NaN skipped). */
  public static MeanCi of(double[] perReplication, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
    }
    Describe d = Describe.of(perReplication);
    if (d.n() < 2) {
      return new MeanCi(d.n(), d.mean(), Double.NaN, level);
    }
    double t = new TDistribution(d.n() - 1).inverseCumulativeProbability(0.5 + level / 2);
    return new MeanCi(d.n(), d.mean(), t * d.sd() / Math.sqrt(d.n()), level);
  }

  public double lower() {
    return mean - halfWidth;
  }

  public double upper() {
    return mean + halfWidth;
  }

  public boolean hasInterval() {
    return Double.isFinite(halfWidth);
  }
}
