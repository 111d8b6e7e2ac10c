package org.twinsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A daily quantity over the calendar, one line per strategy (e.g. sessions treated per day over a
 * year of a capacity run): dates on the x axis, lines without markers, an optional dashed
 * horizontal reference line.
 */
public final class TimeSeriesPlot {
  /**
   * One line.
   *
   * @param label legend label
   * @param colour line colour
   * @param days dates, increasing
   * @param values value per date (NaN: a gap)
   */
  public record Line(String label, Color colour, List<LocalDate> days, double[] values) {
    public Line {
      days = List.copyOf(days);
      if (days.size() != values.length) {
        throw new IllegalArgumentException("line " + label + ": " + days.size() + " dates but " + values.length + " values");
      }
    }
  }

  private TimeSeriesPlot() {
  }

  /**
   * The stroke of the i-th line: each later line thinner and the second dashed, so that lines with
   * the same values (two strategies that treat the same sessions while neither has a backlog) stay
   * visible on top of each other.
   */
  static BasicStroke stroke(int i) {
    return switch (i) {
      case 0 -> new BasicStroke(3.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
      case 1 -> new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f);
      default -> new BasicStroke(Math.max(0.8f, 1.4f - 0.2f * (i - 2)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    };
  }

  /**
   * The chart.
   *
   * @param referenceY y of a dashed horizontal line, or NaN for none
   */
  public static XYChart chart(String title, String yAxisTitle, List<Line> lines, double referenceY) {
    XYChart c = new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
    c.setTitle(title);
    c.setYAxisTitle(yAxisTitle);
    c.setXAxisTitle("");
    ChartStyle.apply(c.getStyler());
    c.getStyler().setXAxisTitleVisible(false);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    LocalDate first = null;
    LocalDate last = null;
    double lo = Double.isFinite(referenceY) ? referenceY : Double.POSITIVE_INFINITY;
    double hi = Double.isFinite(referenceY) ? referenceY : Double.NEGATIVE_INFINITY;
    int li = 0;
    for (Line l : lines) {
      List<Date> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < l.values().length; i++) {
        x.add(Date.from(l.days().get(i).atStartOfDay(ZoneOffset.UTC).toInstant()));
        y.add(Double.isFinite(l.values()[i]) ? l.values()[i] : null);
        if (Double.isFinite(l.values()[i])) {
          lo = Math.min(lo, l.values()[i]);
          hi = Math.max(hi, l.values()[i]);
        }
      }
      if (!l.days().isEmpty()) {
        first = first == null || l.days().get(0).isBefore(first) ? l.days().get(0) : first;
        LocalDate end = l.days().get(l.days().size() - 1);
        last = last == null || end.isAfter(last) ? end : last;
      }
      if (x.isEmpty()) {
        continue;
      }
      XYSeries s = c.addSeries(l.label(), x, y);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(l.colour());
      s.setLineStyle(stroke(li++));
    }
    if (first != null) {
      long span = last.toEpochDay() - first.toEpochDay();
      c.getStyler().setDatePattern(span > 120 ? "MMM yyyy" : "d MMM");
      c.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
    }
    if (Double.isFinite(referenceY)) {
      c.addAnnotation(new AnnotationLine(referenceY, false, false));
    }
    if (Double.isFinite(lo)) {
      double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(0.5, Math.abs(hi) * 0.1);
      c.getStyler().setYAxisMin(lo >= 0 ? 0 : lo - pad);
      c.getStyler().setYAxisMax(hi + pad);
    }
    return c;
  }
}
