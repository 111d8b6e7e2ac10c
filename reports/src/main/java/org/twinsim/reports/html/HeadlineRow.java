package org.twinsim.reports.html;

import java.util.Map;
import org.twinsim.reports.stats.Describe;

/**
 * One line of the headline table: a strategy in a variant, with the summary of each
 * {@link Metric#HEADLINE} metric over all its fractions, in the metric's shown unit.
 *
 * @param variant variant
 * @param strategy strategy
 * @param patients distinct (replication, patient) courses
 * @param fractions fractions delivered
 * @param metrics column name -> summary (n = 0 when the metric is not available)
 */
public record HeadlineRow(String variant, String strategy, int patients, int fractions, Map<String, Describe> metrics) {
}
