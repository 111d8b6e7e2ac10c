package org.twinsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.twinsim.reports.stats.Describe;

/**
 * Box plots of several groups side by side, drawn on an XY chart so that every part is under
 * control: Tukey box (quartiles, median, whiskers to the most extreme value within 1.5 IQR;
 * {@link Describe}), the group's values as small jittered points behind it (or only the values
 * beyond the whiskers when there are too many to draw), the mean as a dark diamond, and an optional
 * dashed reference line (e.g. zero for differences).
 */
public final class BoxPlot {
  /** Above this many values per group only the values beyond the whiskers are drawn as points. */
  public static final int MAX_POINTS = 1500;
  private static final double HALF_BOX = 0.22;
  private static final double HALF_JITTER = 0.17;

  /**
   * One box.
   *
   * @param label x-axis label
   * @param colour fill and point colour
   * @param values the sample (NaN skipped; not modified)
   * @param emptyNote shown after the label when the group has no finite value, e.g. "(no GPU steps)"
   */
  public record Group(String label, Color colour, double[] values, String emptyNote) {
    public Group(String label, Color colour, double[] values) {
      this(label, colour, values, "(no data)");
    }
  }

  private BoxPlot() {
  }

  /**
   * The chart; groups without finite values leave an empty slot labelled with their empty note.
   *
   * @param referenceY y of a dashed horizontal reference line, or NaN for none
   */
  public static XYChart chart(String title, String yAxisTitle, List<Group> groups, double referenceY) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a box plot needs at least one group");
    }
    XYChart c = new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
    c.setTitle(title);
    c.setYAxisTitle(yAxisTitle);
    c.setXAxisTitle("");
    ChartStyle.apply(c.getStyler());
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisTitleVisible(false);
    c.getStyler().setXAxisMin(0.4);
    c.getStyler().setXAxisMax(groups.size() + 0.6);
    c.getStyler().setXAxisTickMarkSpacingHint(Math.max(40, (ChartStyle.WIDTH - 120) / (groups.size() + 1)));
    c.getStyler().setMarkerSize(4);
    List<String> labels = new java.util.ArrayList<>();
    for (Group g : groups) {
      labels.add(Describe.of(g.values()).n() == 0 ? g.label() + " " + g.emptyNote() : g.label());
    }
    c.setCustomXAxisTickLabelsFormatter(CategoryAxis.labels(labels));
    double[] range = range(groups, referenceY);
    // outliers closer than this are one marker on the plot: draw one (a year of waits has 10^5 outliers)
    double resolution = range == null ? 0 : (range[1] - range[0]) / (4.0 * ChartStyle.HEIGHT);
    for (int gi = 0; gi < groups.size(); gi++) {
      Group g = groups.get(gi);
      double x0 = gi + 1;
      Describe d = Describe.of(g.values());
      if (d.n() == 0) {
        continue;
      }
      String k = "g" + gi;
      Color dark = g.colour().darker();
      // points: all of them (jittered), or only those beyond the whiskers
      double[] pts = shownPoints(g.values(), d, resolution);
      if (pts.length > 0) {
        double[] px = new double[pts.length];
        for (int j = 0; j < pts.length; j++) {
          double u = (j * 0.6180339887498949) % 1.0;   // golden-ratio sequence: even, reproducible spread
          px[j] = x0 + (d.n() <= MAX_POINTS ? (2 * u - 1) * HALF_JITTER : 0);
        }
        XYSeries pts0 = c.addSeries(k + " points", px, pts);
        pts0.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        pts0.setMarker(SeriesMarkers.CIRCLE);
        pts0.setMarkerColor(StrategyPalette.alpha(g.colour(), 0.55));
      }
      // box
      double l = x0 - HALF_BOX;
      double r = x0 + HALF_BOX;
      XYSeries box = c.addSeries(k + " box", new double[] {l, r, r, l, l},
          new double[] {d.q25(), d.q25(), d.q75(), d.q75(), d.q25()});
      box.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      box.setFillColor(StrategyPalette.alpha(g.colour(), 0.22));
      box.setLineColor(StrategyPalette.alpha(g.colour(), 0));
      box.setLineStyle(new BasicStroke(0.1f));
      box.setMarker(SeriesMarkers.NONE);
      line(c, k + " outline", new double[] {l, r, r, l, l}, new double[] {d.q25(), d.q25(), d.q75(), d.q75(), d.q25()},
          dark, 1.6f);
      // whiskers and caps
      line(c, k + " whisker lo", new double[] {x0, x0}, new double[] {d.q25(), d.lowerWhisker()}, dark, 1.4f);
      line(c, k + " whisker hi", new double[] {x0, x0}, new double[] {d.q75(), d.upperWhisker()}, dark, 1.4f);
      double cap = HALF_BOX * 0.45;
      line(c, k + " cap lo", new double[] {x0 - cap, x0 + cap}, new double[] {d.lowerWhisker(), d.lowerWhisker()}, dark, 1.4f);
      line(c, k + " cap hi", new double[] {x0 - cap, x0 + cap}, new double[] {d.upperWhisker(), d.upperWhisker()}, dark, 1.4f);
      // median
      line(c, k + " median", new double[] {l, r}, new double[] {d.median(), d.median()}, ChartStyle.INK, 2.6f);
      // mean
      XYSeries mean = c.addSeries(k + " mean", new double[] {x0}, new double[] {d.mean()});
      mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      mean.setMarker(SeriesMarkers.DIAMOND);
      mean.setMarkerColor(ChartStyle.INK);
    }
    if (Double.isFinite(referenceY)) {
      c.addAnnotation(new AnnotationLine(referenceY, false, false));
    }
    padYAxis(c, groups, referenceY);
    return c;
  }

  /**
   * The values drawn as points: all of them when there are at most {@link #MAX_POINTS}, else those
   * beyond the whiskers, keeping of several values within {@code resolution} of each other only the
   * first (they would be drawn on top of each other: same x, the same pixel row at the plot's size).
   */
  static double[] shownPoints(double[] values, Describe d, double resolution) {
    double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    if (d.n() <= MAX_POINTS) {
      return v;
    }
    double[] out = java.util.Arrays.stream(v).filter(y -> y < d.lowerWhisker() || y > d.upperWhisker()).sorted().toArray();
    int n = 0;
    for (int i = 0; i < out.length; i++) {
      if (n == 0 || out[i] - out[n - 1] > resolution) {
        out[n++] = out[i];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Smallest and largest finite value of the groups and the reference, or null if none. */
  private static double[] range(List<Group> groups, double referenceY) {
    double lo = Double.isFinite(referenceY) ? referenceY : Double.POSITIVE_INFINITY;
    double hi = Double.isFinite(referenceY) ? referenceY : Double.NEGATIVE_INFINITY;
    for (Group g : groups) {
      for (double v : g.values()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return Double.isFinite(lo) ? new double[] {lo, hi} : null;
  }

  /** Whether every finite value of every group is the same (a box plot would show nothing). */
  public static boolean constant(List<Group> groups) {
    double first = Double.NaN;
    for (Group g : groups) {
      for (double v : g.values()) {
        if (Double.isFinite(v)) {
          if (Double.isNaN(first)) {
            first = v;
          } else if (v != first) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Leaves a margin above and below the data so that extreme points do not sit on the axis. */
  private static void padYAxis(XYChart c, List<Group> groups, double referenceY) {
    double lo = Double.isFinite(referenceY) ? referenceY : Double.POSITIVE_INFINITY;
    double hi = Double.isFinite(referenceY) ? referenceY : Double.NEGATIVE_INFINITY;
    for (Group g : groups) {
      for (double v : g.values()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!Double.isFinite(lo)) {
      return;
    }
    double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-6, Math.abs(hi) * 0.05 + 0.5);
    // non-negative quantities (times, fractions of time): no negative ticks, zero just above the axis
    c.getStyler().setYAxisMin(lo >= 0 && lo - pad < 0 ? -Math.min(pad, 0.015 * (hi - lo + pad)) : lo - pad);
    c.getStyler().setYAxisMax(hi + pad);
  }

  static void line(XYChart c, String name, double[] x, double[] y, Color colour, float width) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
  }
}
