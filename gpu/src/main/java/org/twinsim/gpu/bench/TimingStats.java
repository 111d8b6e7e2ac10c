package org.twinsim.gpu.bench;

import java.util.Arrays;

/**
 * Summary of repeated timings: median, quartiles (linear interpolation between order statistics,
 * Hyndman and Fan 1996 type 7, the default of R and NumPy), minimum and maximum, seconds.
 */
public record TimingStats(int n, double medianS, double p25S, double p75S, double minS, double maxS) {

  /** Summarises {@code seconds} (at least one value; not modified). */
  public static TimingStats of(double[] seconds) {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("no timings to summarise");
    }
    double[] s = seconds.clone();
    Arrays.sort(s);
    return new TimingStats(s.length, quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75), s[0], s[s.length - 1]);
  }

  /** Type-7 quantile of sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
