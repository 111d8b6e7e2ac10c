package org.twinsim.reports.html;

import java.util.List;
import org.twinsim.reports.chart.Plot;

/**
 * A report built from a run folder, not yet written: the HTML page (plots inlined) and the numbers
 * it shows.
 *
 * @param html the self-contained page
 * @param plots every plot, in page order
 * @param headline the headline table
 * @param comparisons the paired comparisons
 * @param sweep the sweep summary, or null when the run is not a sweep (or has no clinic_days)
 * @param unavailable one line per metric or section left out for lack of data
 */
public record RunReport(String html, List<Plot> plots, List<HeadlineRow> headline, List<Comparison> comparisons,
                        SweepSummary sweep, List<String> unavailable) {
}
