package org.twinsim.reports.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Paired difference of one metric between two strategies over the same fractions (same variant,
 * replication, patient and fraction: common random numbers make them pairs), with the Wilcoxon
 * signed-rank test ({@link SignedRankTest}) on the non-zero differences: zero differences are
 * discarded (Wilcoxon's original treatment), e.g. when both strategies delivered the same plan.
 *
 * @param metric column compared
 * @param a first strategy (the differences are a - b)
 * @param b second strategy
 * @param differences a - b per pair (pair order: as the rows of b)
 * @param nonZero pairs whose difference is not zero (|d| > {@link SignedRankTest#ZERO})
 * @param summary summary of the differences
 * @param pValue two-sided p of the signed-rank test, NaN when no difference is non-zero
 * @param exact whether the p-value is exact
 */
public record PairedComparison(String metric, String a, String b, double[] differences, int nonZero,
                               Describe summary, double pValue, boolean exact) {
  /** Number of pairs. */
  public int pairs() {
    return differences.length;
  }

  /** Whether a p-value could be computed (at least one non-zero difference). */
  public boolean tested() {
    return Double.isFinite(pValue);
  }

  /** A one-line description of the test as applied. */
  public String testDescription() {
    if (!tested()) {
      return "not tested: every pair is equal";
    }
    return "Wilcoxon signed-rank, " + (exact ? "exact" : "normal approx.") + ", on " + nonZero + " non-zero of "
        + pairs();
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
    for (int i = 0; i < d.length; i++) {
      d[i] = pairs.get(i)[0] - pairs.get(i)[1];
    }
    SignedRankTest t = SignedRankTest.of(d);
    return new PairedComparison(metric, a, b, d, t.n(), Describe.of(d), t.pValue(), t.exact());
  }
}
