/**
 * The HTML report of a run folder ({@code twinsim report}). Start with
 * {@link org.twinsim.reports.html.ReportWriter#write}: it opens the run
 * ({@link org.twinsim.reports.run.RunFolder}), builds the page with
 * {@link org.twinsim.reports.html.ReportBuilder} and writes it with its plots. Every kind of run the
 * engine writes is reported: a course replay (fractions table: headline table, dose distributions,
 * paired differences with the Wilcoxon signed-rank test, time in room, {@link
 * org.twinsim.reports.html.DvhBands DVH bands}), and for it as for capacity and queue runs (no fractions
 * table) the clinic ({@link org.twinsim.reports.html.ClinicSection}: clinic figures, throughput over
 * the calendar, waits per resource, waiting time to start treatment) and, for sweeps, the figures
 * against each varied parameter ({@link org.twinsim.reports.html.SweepSummary}, from the engine's
 * sweep_summary table). The page is self-contained (inline CSS, PNG plots as data: URLs, a
 * Content-Security-Policy that forbids any load from outside the file);
 * {@link org.twinsim.reports.html.BrowserCheck} opens it in headless Chromium to check that it
 * renders.
 */
package org.twinsim.reports.html;
