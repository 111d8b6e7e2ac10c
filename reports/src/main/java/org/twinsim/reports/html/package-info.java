/**
 * The HTML report of a run folder ({@code twinsim report}). Start with
 * {@link org.twinsim.reports.html.ReportWriter#write}: it opens the run
 * ({@link org.twinsim.reports.run.RunFolder}), builds the page with
 * {@link org.twinsim.reports.html.ReportBuilder} (headline table, dose distributions, paired
 * differences with the Wilcoxon signed-rank test, time in room, clinic days,
 * {@link org.twinsim.reports.html.SweepSummary sweeps}, {@link org.twinsim.reports.html.DvhBands DVH bands})
 * and writes it with its plots. The page is self-contained (inline CSS, PNG plots as data: URLs, a
 * Content-Security-Policy that forbids any load from outside the file);
 * {@link org.twinsim.reports.html.BrowserCheck} opens it in headless Chromium to check that it
 * renders.
 */
package org.twinsim.reports.html;
