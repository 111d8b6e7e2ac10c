package org.twinsim.reports.html;

import org.twinsim.reports.stats.PairedComparison;

/**
 * A paired comparison within one variant.
 *
 * @param variant variant
 * @param metric metric (values in its shown unit)
 * @param test the paired differences and their test
 */
public record Comparison(String variant, Metric metric, PairedComparison test) {
}
