package org.twinsim.reports.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Summary of a sample (NaN values skipped): size, mean, sample SD, and the quantiles a box plot
 * draws. Quantiles interpolate linearly between order statistics (Hyndman and Fan 1996, definition
 * 7: R's and NumPy's default). Whiskers follow Tukey (1977): the most extreme values within 1.5 IQR
 * of the box.
 *
 * @param n values (NaN excluded)
 * @param mean arithmetic mean (NaN if n = 0)
 * @param sd sample standard deviation, n - 1 in the denominator (NaN if n < 2)
 * @param min smallest value
 * @param q05 5th percentile
 * @param q25 first quartile
 * @param median median
 * @param q75 third quartile
 * @param q95 95th percentile
 * @param max largest value
 * @param lowerWhisker smallest value >= q25 - 1.5 IQR
 * @param upperWhisker largest value <= q75 + 1.5 IQR
 */
public record Describe(int n, double mean, double sd, double min, double q05, double q25, double median,
                       double q75, double q95, double max, double lowerWhisker, double upperWhisker) {

  /** Summary of the finite values of {@code values} (not modified). */
  public static Describe of(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    int n = v.length;
    if (n == 0) {
      double nan = Double.NaN;
      return new Describe(0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / n;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
    p.setData(v);
    double q25 = p.evaluate(25);
    double q75 = p.evaluate(75);
    double iqr = q75 - q25;
    double lw = v[0];
    for (double x : v) {
      if (x >= q25 - 1.5 * iqr) {
        lw = x;
        break;
      }
    }
    double uw = v[n - 1];
    for (int i = n - 1; i >= 0; i--) {
      if (v[i] <= q75 + 1.5 * iqr) {
        uw = v[i];
        break;
      }
    }
    return new Describe(n, mean, sd, v[0], p.evaluate(5), q25, p.evaluate(50), q75, p.evaluate(95), v[n - 1], lw, uw);
  }

  /** Quantile {@code q} in [0, 1] of the finite values (definition 7), NaN if there are none. */
  public static double quantile(double[] values, double q) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    if (q <= 0) {
      return Arrays.stream(v).min().getAsDouble();
    }
    Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
    return p.evaluate(v, Math.min(100, q * 100));
  }
}
