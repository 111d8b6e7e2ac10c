package org.twinsim.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's statistics against an independent implementation: values computed with SciPy 1.17.1
 * ({@code scipy.stats.wilcoxon}, {@code scipy.stats.t.ppf}) and NumPy ({@code numpy.percentile},
 * linear), on the data written here.
 */
class ReportStatsTest {
  private static final int[] SIGNS = {1, -1, 1, 1, -1, 1, -1, -1, 1, 1, -1, 1, 1, -1, 1, -1, 1, 1, -1, 1, -1, -1, 1, 1,
      -1, 1, -1, 1, 1, -1, 1, -1, -1, 1, 1, -1, 1, 1, -1, -1};

  @Test
  void exactSignedRankMatchesScipy() {
    double[] d12 = {0.9, -0.6, 1.3, 1.75, 0.3, -0.8, 1.9, 0.35, 2.6, 0.95, 0.33, 1.7};
    SignedRankTest t = SignedRankTest.of(d12);
    assertTrue(t.exact());
    assertEquals(12, t.n());
    // scipy.stats.wilcoxon(x12, y12, method='exact').pvalue
    assertEquals(0.01611328125, t.pValue(), 1e-12);

    double[] d40 = new double[40];
    for (int i = 0; i < 40; i++) {
      d40[i] = SIGNS[i] * 0.13 * (i + 1);
    }
    SignedRankTest t40 = SignedRankTest.of(d40);
    assertTrue(t40.exact(), "R computes exact p below 50 differences without ties");
    assertEquals(0.7648249070225575, t40.pValue(), 1e-12);
  }

  @Test
  void normalApproximationMatchesScipyWithContinuityAndTieCorrection() {
    double[] d60 = {0.57, -0.14, 0.21, 0.28, -0.35, 0.42, -0.49, -0.06, 0.63, 0.7, -0.77, 0.84, 0.91, -0.98, 1.55,
        -1.12, 1.19, 1.26, -1.33, 1.4, -1.47, -1.04, 1.61, 1.68, -1.75, 1.82, -1.89, 1.96, 2.53, -2.1, 2.17, -2.24,
        -2.31, 2.38, 2.45, -2.02, 2.59, 2.66, -2.73, -2.8, -2.87, 2.94, -2.51, -3.08, 3.15, -3.22, 3.29, 3.36, -3.43,
        -3.0, 3.57, -3.64, -3.71, 3.78, -3.85, 3.92, -3.49, -4.06, 4.13, -4.2};
    SignedRankTest t = SignedRankTest.of(d60);
    assertFalse(t.exact());
    // scipy.stats.wilcoxon(d60, method='approx', correction=True).pvalue
    assertEquals(0.7210635486064265, t.pValue(), 1e-9);

    double[] ties = {1.5, -0.5, 2.0, 1.5, -1.5, 3.0, 0.5, 2.0, 2.5, -2.0, 1.0, 1.5, 0.5, 3.5, -1.0, 2.0, 1.0, 4.0, -0.5, 2.5};
    SignedRankTest tt = SignedRankTest.of(ties);
    assertFalse(tt.exact(), "tied magnitudes: no exact p");
    // scipy.stats.wilcoxon(dt, method='approx', correction=True).pvalue (tie-corrected variance)
    assertEquals(0.008290251893120692, tt.pValue(), 1e-9);
  }

  @Test
  void zeroDifferencesAreDiscarded() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = {1, 2, 3, 3.5, 5.2, 5.1, 6.7, 8.6, 8.3, 10};
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      keys.add("0/P0/" + (i + 1));
    }
    PairedComparison pc = PairedComparison.of("m", "a", "b", keys, x, keys, y);
    assertEquals(10, pc.pairs());
    assertEquals(6, pc.nonZero());
    // scipy.stats.wilcoxon(x, y, zero_method='wilcox', method='exact').pvalue
    assertEquals(0.3125, pc.pValue(), 1e-12);
    assertTrue(pc.testDescription().contains("6 non-zero of 10"), pc.testDescription());

    PairedComparison same = PairedComparison.of("m", "a", "b", keys, x, keys, x);
    assertFalse(same.tested());
    assertEquals("not tested: every pair is equal", same.testDescription());
  }

  @Test
  void pairsFollowKeysNotOrderAndSkipMissingValues() {
    List<String> ka = List.of("0/P0/1", "0/P0/2", "0/P1/1");
    List<String> kb = List.of("0/P1/1", "0/P0/1", "0/P0/2", "0/P9/9");
    double[] a = {10, 20, Double.NaN};
    double[] b = {1, 7, 15, 3};
    PairedComparison pc = PairedComparison.of("m", "a", "b", ka, a, kb, b);
    // P1/1 has no value for a, P9/9 none at all: pairs (10, 7) and (20, 15), in b's order
    assertEquals(2, pc.pairs());
    assertEquals(3.0, pc.differences()[0]);
    assertEquals(5.0, pc.differences()[1]);
  }

  @Test
  void quantilesAndWhiskersMatchNumpyAndTukey() {
    Describe d = Describe.of(new double[] {3, 1, 4, 1, 5, 9, 2, 6, Double.NaN});
    assertEquals(8, d.n());
    assertEquals(3.875, d.mean(), 1e-12);
    assertEquals(2.748376143938713, d.sd(), 1e-12);
    // numpy.percentile(v, [5, 25, 50, 75, 95])
    assertEquals(1.0, d.q05(), 1e-12);
    assertEquals(1.75, d.q25(), 1e-12);
    assertEquals(3.5, d.median(), 1e-12);
    assertEquals(5.25, d.q75(), 1e-12);
    assertEquals(7.949999999999998, d.q95(), 1e-12);
    // IQR 3.5: fences -3.5 and 10.5 contain everything
    assertEquals(1.0, d.lowerWhisker());
    assertEquals(9.0, d.upperWhisker());
    Describe o = Describe.of(new double[] {1, 2, 3, 4, 100});
    assertEquals(4.0, o.upperWhisker(), "100 lies beyond q75 + 1.5 IQR = 7");
    assertEquals(0, Describe.of(new double[] {Double.NaN}).n());
  }

  @Test
  void replicationIntervalIsStudentT() {
    MeanCi ci = MeanCi.of(new double[] {10, 11, 12}, 0.95);
    assertEquals(11, ci.mean(), 1e-12);
    // scipy.stats.t.ppf(0.975, 2) / sqrt(3) * sd (sd = 1)
    assertEquals(2.4841377117503303, ci.halfWidth(), 1e-9);
    MeanCi one = MeanCi.of(new double[] {5}, 0.95);
    assertFalse(one.hasInterval(), "one replication gives no interval");
  }
}
