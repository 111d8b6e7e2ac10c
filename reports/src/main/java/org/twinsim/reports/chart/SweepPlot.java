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

  private static double minGap(double[] x) {
    double[] s = x.clone();
    java.util.Arrays.sort(s);
    double g = Double.POSITIVE_INFINITY;
    for (int i = 1; i < s.length; i++) {
      if (s[i] > s[i - 1]) {
        g = Math.min(g, s[i] - s[i - 1]);
      }
    }
    return Double.isFinite(g) ? g : 1;
  }

  /**
   * The chart (lines are offset sideways by about 1 % of the x range so that equal values stay visible).
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
      boolean integers = java.util.Arrays.stream(x).allMatch(v -> v == Math.rint(v) && Math.abs(v) < 1e9);
      if (integers) {
        // integer parameters (servers, rooms, staff): label integer ticks only
        c.setCustomXAxisTickLabelsFormatter(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf(Math.round(v))
            : "\u200B".repeat(1 + (int) Math.min(200, Math.abs(Math.round(v * 8)))));
      }
      double lo = java.util.Arrays.stream(x).min().getAsDouble();
      double hi = java.util.Arrays.stream(x).max().getAsDouble();
      double pad = hi > lo ? 0.06 * (hi - lo) : 0.5;
      c.getStyler().setXAxisMin(lo - pad);
      c.getStyler().setXAxisMax(hi + pad);
    }
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    // dodge: lines side by side by a small x offset, so equal values do not hide each other
    double span = x.length > 1 ? java.util.Arrays.stream(x).max().getAsDouble() - java.util.Arrays.stream(x).min().getAsDouble()
        : 1;
    double dodge = lines.size() > 1 ? Math.min(0.012 * span, 0.25 * minGap(x)) : 0;
    for (int li = 0; li < lines.size(); li++) {
      Line l = lines.get(li);
      double off = (li - (lines.size() - 1) / 2.0) * dodge;
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
          xs[j] = x[i] + off;
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
      // the sweep's quantities are non-negative: start at zero so that ratios read true
      c.getStyler().setYAxisMin(ylo >= 0 ? 0 : ylo - pad);
      c.getStyler().setYAxisMax(yhi + pad);
    }
    return c;
  }
}
