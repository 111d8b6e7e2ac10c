package org.twinsim.reports.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Wilcoxon signed-rank test of paired differences against zero (Wilcoxon 1945, Biometrics
 * Bulletin 1:80-83), as R's {@code wilcox.test(paired = TRUE)} computes it: zero differences are
 * discarded; with fewer than {@link #EXACT_BELOW} non-zero differences and no tied magnitudes the
 * p-value is exact (the null distribution of V by counting rank subsets), otherwise it comes from the
 * normal approximation with the tie-corrected variance and a continuity correction of 1/2 towards the
 * mean (Hollander, Wolfe and Chicken 2014, Nonparametric Statistical Methods, 3rd ed., section 3.1).
 *
 * <p>Not commons-math3's {@code WilcoxonSignedRankTest}: in 3.6.1 its normal approximation moves the
 * statistic away from the mean by 1/2 (p too small) and ignores ties.
 *
 * @param n non-zero differences used
 * @param v sum of the ranks of the positive differences (R's V)
 * @param pValue two-sided p-value (NaN when n = 0)
 * @param exact whether the p-value is exact
 */
public record SignedRankTest(int n, double v, double pValue, boolean exact) {
  /** Exact p-values for fewer non-zero differences than this (R's rule). */
  public static final int EXACT_BELOW = 50;
  /** Differences with magnitude up to this are zero. */
  public static final double ZERO = 1e-9;

  /** The test of the differences {@code d} (not modified; NaN skipped). */
  public static SignedRankTest of(double[] d) {
    double[] nz = Arrays.stream(d).filter(x -> Double.isFinite(x) && Math.abs(x) > ZERO).toArray();
    int n = nz.length;
    if (n == 0) {
      return new SignedRankTest(0, 0, Double.NaN, false);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(nz[a]), Math.abs(nz[b])));
    double[] rank = new double[n];
    double tieTerm = 0;
    boolean ties = false;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Math.abs(Math.abs(nz[order[j + 1]]) - Math.abs(nz[order[i]])) <= ZERO) {
        j++;
      }
      double r = (i + j + 2) / 2.0;
      for (int k = i; k <= j; k++) {
        rank[order[k]] = r;
      }
      int t = j - i + 1;
      if (t > 1) {
        ties = true;
        tieTerm += (double) t * t * t - t;
      }
      i = j + 1;
    }
    double v = 0;
    for (int i = 0; i < n; i++) {
      if (nz[i] > 0) {
        v += rank[i];
      }
    }
    if (n < EXACT_BELOW && !ties) {
      return new SignedRankTest(n, v, exactP((int) Math.round(v), n), true);
    }
    return new SignedRankTest(n, v, normalP(v, n, tieTerm), false);
  }

  /** Exact two-sided p: 2 min(P(V <= v), P(V >= v)), capped at 1; V over all 2^n sign patterns. */
  static double exactP(int v, int n) {
    int max = n * (n + 1) / 2;
    double[] count = new double[max + 1];
    count[0] = 1;
    for (int r = 1; r <= n; r++) {
      for (int s = max; s >= r; s--) {
        count[s] += count[s - r];
      }
    }
    double total = Math.pow(2, n);
    double le = 0;
    double ge = 0;
    for (int s = 0; s <= max; s++) {
      if (s <= v) {
        le += count[s];
      }
      if (s >= v) {
        ge += count[s];
      }
    }
    return Math.min(1, 2 * Math.min(le, ge) / total);
  }

  /** Normal approximation with tie-corrected variance and continuity correction towards the mean. */
  static double normalP(double v, int n, double tieTerm) {
    double mean = n * (n + 1) / 4.0;
    double var = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
    if (var <= 0) {
      return 1;
    }
    double d = v - mean;
    double z = (d - Math.signum(d) * 0.5) / Math.sqrt(var);
    return Math.min(1, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z)));
  }
}
