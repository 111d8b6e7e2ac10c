/**
 * Statistics of the report: {@link org.twinsim.reports.stats.Describe} (mean, SD, quantiles, Tukey
 * whiskers of a sample), {@link org.twinsim.reports.stats.PairedComparison} (paired differences of
 * two strategies over the same fractions) with {@link org.twinsim.reports.stats.SignedRankTest} (the
 * Wilcoxon signed-rank test as R computes it, zero differences discarded) and
 * {@link org.twinsim.reports.stats.MeanCi} (mean over independent replications with a Student-t
 * interval, for sweeps).
 */
package org.twinsim.reports.stats;
