package org.twinsim.reports.html;

import org.twinsim.reports.stats.Describe;

/**
 * Waits of one strategy for one shared resource in a variant, per request, from the {@code steps}
 * table (every step that held the resource, every replication).
 *
 * @param variant variant
 * @param strategy strategy
 * @param resource {@code gpu}, {@code physicist}, {@code therapists}
 * @param waitMin summary of the waits, min (n = requests)
 * @param waitingPct requests that waited at all (wait &gt; 0), % of requests
 */
public record WaitRow(String variant, String strategy, String resource, Describe waitMin, double waitingPct) {
}
