/**
 * The report's plots, drawn with XChart on XY charts so that every mark is under control:
 * {@link org.twinsim.reports.chart.BoxPlot} (Tukey boxes with the values as points),
 * {@link org.twinsim.reports.chart.SweepPlot} (a quantity vs a varied parameter with confidence
 * intervals), {@link org.twinsim.reports.chart.TimeSeriesPlot} (a daily quantity over the calendar),
 * {@link org.twinsim.reports.chart.DvhBandPlot} (median DVH and percentile band). One
 * {@link org.twinsim.reports.chart.ChartStyle} and one {@link org.twinsim.reports.chart.StrategyPalette}
 * (Okabe-Ito colours) make all plots of a report look alike; {@link org.twinsim.reports.chart.PlotRenderer}
 * turns a chart into a 2x PNG and an SVG.
 */
package org.twinsim.reports.chart;
