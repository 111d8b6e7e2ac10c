package org.twinsim.reports.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Paired difference of one metric between two strategies over the same fractions (same variant,
 * replication, patient and fraction: common random numbers make them pairs), with the Wilcoxon
 * signed-rank test (Wilcoxon 1945, Biometrics Bulletin 1:80-83) on the non-zero differences: zero
 * differences are discarded (Wilcoxon's original treatment), e.g. when both strategies delivered the
 * same plan. The p-value is exact for up to 30 non-zero differences and from the normal
 * approximation (no tie correction) above; two-sided.
 *
 * @param metric column compared
 * @param a first strategy (the differences are a - b)
 * @param b second strategy
 * @param differences a - b per pair (pair order: as the rows of b)
 * @param nonZero pairs whose difference is not zero (|d| > 1e-9)
 * @param summary summary of the differences
 * @param pValue two-sided p of the signed-rank test, NaN when fewer than 2 differences are non-zero
 * @param exact whether the p-value is exact
 */
public record PairedComparison(String metric, String a, String b, double[] differences, int nonZero,
                               Describe summary, double pValue, boolean exact) {
  /** Differences smaller than this are zero (dose metrics in %, times in s). */
  public static final double ZERO = 1e-9;
  /** Largest number of non-zero differences for which the exact p-value is computed. */
  public static final int EXACT_MAX = 30;

  /** Number of pairs. */
  public int pairs() {
    return differences.length;
  }

  /** Whether a p-value could be computed (at least two non-zero differences). */
  public boolean tested() {
    return Double.isFinite(pValue);
  }

  /** A one-line description of the test as applied. */
  public String testDescription() {
    if (!tested()) {
      return nonZero == 0 ? "not tested: every pair is equal" : "not tested: fewer than 2 non-zero differences";
    }
    return "Wilcoxon signed-rank, " + (exact ? "exact" : "normal approximation") + ", two-sided, on "
        + nonZero + " non-zero of " + pairs() + " differences";
  }

  /**
   * Pairs values of a metric and tests them.
   *
   * @param keysA pairing key of each value of strategy a (e.g. "variant/replication/patient/fraction")
   * @param valuesA the metric for strategy a (NaN = missing: the pair is dropped)
   * @param keysB pairing key of each value of strategy b
   * @param valuesB the metric for strategy b
   */
  public static PairedComparison of(String metric, String a, String b, List<String> keysA, double[] valuesA,
                                    List<String> keysB, double[] valuesB) {
    Map<String, Double> av = new HashMap<>();
    for (int i = 0; i < keysA.size(); i++) {
      if (av.put(keysA.get(i), valuesA[i]) != null) {
        throw new IllegalArgumentException("duplicate pairing key " + keysA.get(i) + " for " + a);
      }
    }
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < keysB.size(); i++) {
      Double x = av.get(keysB.get(i));
      double y = valuesB[i];
      if (x != null && Double.isFinite(x) && Double.isFinite(y)) {
        pairs.add(new double[] {x, y});
      }
    }
    double[] d = new double[pairs.size()];
    int nz = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = pairs.get(i)[0] - pairs.get(i)[1];
      if (Math.abs(d[i]) > ZERO) {
        nz++;
      }
    }
    double[] xa = new double[nz];
    double[] xb = new double[nz];
    for (int i = 0, j = 0; i < d.length; i++) {
      if (Math.abs(d[i]) > ZERO) {
        xa[j] = pairs.get(i)[0];
        xb[j++] = pairs.get(i)[1];
      }
    }
    double p = Double.NaN;
    boolean exact = nz <= EXACT_MAX;
    if (nz >= 2) {
      p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(xa, xb, exact);
    }
    return new PairedComparison(metric, a, b, d, nz, Describe.of(d), p, exact);
  }
}
