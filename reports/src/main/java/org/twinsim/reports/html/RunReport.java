package org.twinsim.reports.html;

import java.util.List;
import org.twinsim.reports.chart.Plot;

/**
 * A report built from a run folder, not yet written: the HTML page (plots inlined) and the numbers
 * it shows.
 *
 * @param html the self-contained page
 * @param plots every plot, in page order
 * @param headline the headline table of a course-replay run (empty without a fractions table)
 * @param comparisons the paired comparisons (course replay)
 * @param sweep the sweep summary, or null when the run is not a sweep (or has no clinic_days)
 * @param unavailable one line per metric or section left out for lack of data
 * @param clinic the clinic figures table, per variant and strategy (empty without clinic_days)
 * @param waits waits per request, per variant, strategy and shared resource (empty without steps)
 * @param startWaits waiting time to start treatment per variant and strategy (capacity runs only)
 */
public record RunReport(String html, List<Plot> plots, List<HeadlineRow> headline, List<Comparison> comparisons,
                        SweepSummary sweep, List<String> unavailable, List<ClinicRow> clinic, List<WaitRow> waits,
                        List<StartWaitRow> startWaits) {
}
