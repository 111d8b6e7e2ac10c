package org.twinsim.reports.html;

import org.twinsim.reports.stats.Describe;

/**
 * Waiting time to start treatment of one strategy in a variant (capacity runs): calendar days from
 * the day a course was ready to its first fraction, over every course of every replication
 * ({@code courses.start_wait_days}).
 *
 * @param variant variant
 * @param strategy strategy
 * @param days summary of the waits, days (n = courses)
 * @param targetDays the scenario's target ({@code arrivals.targetStartDays}), or -1 when not known
 * @param beyondTargetPct courses that started later than the target, % of courses (NaN when the target
 *     is not known)
 */
public record StartWaitRow(String variant, String strategy, Describe days, int targetDays, double beyondTargetPct) {
}
