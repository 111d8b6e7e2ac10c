package org.twinsim.engine.timing;

import java.util.Locale;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * A log-normal duration distribution fitted by maximum likelihood to measured compute times
 * (mu and sigma of the logarithms; Crow and Shimizu 1988, Lognormal Distributions, ch. 1), with a
 * Kolmogorov-Smirnov test of the fit (the p-value is approximate: the parameters were estimated
 * from the same data, which makes it conservative in the sense of rarely rejecting).
 *
 * @param n measurements
 * @param spec the fitted distribution as a scenario writes it
 * @param ksPValue Kolmogorov-Smirnov p-value against the fitted distribution
 */
public record TimingFit(int n, DistributionSpec spec, double ksPValue) {

  /** Fits positive finite values; throws if fewer than 3 remain. */
  public static TimingFit lognormal(double[] seconds) {
    double[] x = java.util.Arrays.stream(seconds).filter(v -> v > 0 && Double.isFinite(v)).toArray();
    if (x.length < 3) {
      throw new IllegalArgumentException("a timing fit needs at least 3 positive measurements, got " + x.length);
    }
    double mu = 0;
    for (double v : x) {
      mu += Math.log(v) / x.length;
    }
    double s2 = 0;
    for (double v : x) {
      s2 += Math.pow(Math.log(v) - mu, 2) / x.length;
    }
    double sigma = Math.sqrt(Math.max(s2, 1e-12));
    double mean = Math.exp(mu + 0.5 * s2);
    double sd = mean * Math.sqrt(Math.expm1(s2));
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new LogNormalDistribution(null, mu, sigma), x);
    return new TimingFit(x.length, DistributionSpec.lognormal(mean, Math.max(sd, 1e-9)), p);
  }

  /** The fit as a line of a scenario's timing.steps section. */
  public String yaml(String step, String source) {
    return String.format(Locale.ROOT, "    %s: {dist: lognormal, meanS: %.4g, sdS: %.4g}   # n=%d, KS p=%.2g, from %s",
        step, spec.meanS(), spec.sdS(), n, ksPValue, source);
  }
}
