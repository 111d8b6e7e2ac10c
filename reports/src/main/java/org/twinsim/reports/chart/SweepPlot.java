package org.twinsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A quantity against a varied parameter, one line per strategy, with confidence intervals over
 * replications as error bars. Numeric parameter values are placed on a numeric axis; others (e.g.
 * names) as equally spaced categories.
 */
public final class SweepPlot {
  /**
   * One line.
   *
   * @param label legend label
   * @param colour line colour
   * @param dashed whether the line is dashed (to tell apart lines of the same colour)
   * @param y mean per x position (NaN: no point)
   * @param halfWidth CI half-width per x position (NaN: no bar)
   */
  public record Line(String label, Color colour, boolean dashed, double[] y, double[] halfWidth) {
  }

  private SweepPlot() {
  }

  /**
   * The chart.
   *
   * @param xLabels the parameter values, in order
   * @param numeric whether {@code xLabels} parse as numbers (placed at their values), else categories
   */
  public static XYChart chart(String title, String xAxisTitle, String yAxisTitle, List<String> xLabels, boolean numeric,
                              List<Line> lines) {
    XYChart c = new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
    c.setTitle(title);
    c.setXAxisTitle(xAxisTitle);
    c.setYAxisTitle(yAxisTitle);
    ChartStyle.apply(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setMarkerSize(7);
    double[] x = new double[xLabels.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = numeric ? Double.parseDouble(xLabels.get(i)) : i + 1;
    }
    if (!numeric) {
      c.getStyler().setXAxisMin(0.5);
      c.getStyler().setXAxisMax(xLabels.size() + 0.5);
      c.setCustomXAxisTickLabelsFormatter(CategoryAxis.labels(xLabels));
    } else if (x.length > 0) {
      double lo = java.util.Arrays.stream(x).min().getAsDouble();
      double hi = java.util.Arrays.stream(x).max().getAsDouble();
      double pad = hi > lo ? 0.06 * (hi - lo) : 0.5;
      c.getStyler().setXAxisMin(lo - pad);
      c.getStyler().setXAxisMax(hi + pad);
    }
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      int n = 0;
      for (double v : l.y()) {
        if (Double.isFinite(v)) {
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      double[] xs = new double[n];
      double[] ys = new double[n];
      double[] es = new double[n];
      for (int i = 0, j = 0; i < l.y().length; i++) {
        if (Double.isFinite(l.y()[i])) {
          xs[j] = x[i];
          ys[j] = l.y()[i];
          es[j] = Double.isFinite(l.halfWidth()[i]) ? l.halfWidth()[i] : 0;
          ylo = Math.min(ylo, ys[j] - es[j]);
          yhi = Math.max(yhi, ys[j] + es[j]);
          j++;
        }
      }
      XYSeries s = c.addSeries(l.label(), xs, ys, es);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(l.colour());
      s.setLineColor(l.colour());
      s.setLineStyle(l.dashed()
          ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f)
          : new BasicStroke(2f));
    }
    if (Double.isFinite(ylo)) {
      double pad = yhi > ylo ? 0.08 * (yhi - ylo) : Math.max(0.5, Math.abs(yhi) * 0.1);
      c.getStyler().setYAxisMin(ylo >= 0 && ylo - pad < 0 ? 0 : ylo - pad);
      c.getStyler().setYAxisMax(yhi + pad);
    }
    return c;
  }
}
