package org.twinsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The look shared by every plot of the report: white background, no plot border, light horizontal
 * grid only, readable sans-serif fonts, small markers, no tooltips. Sizes are in pixels of the 1x
 * image (the PNG is rendered at 2x for sharp display).
 */
public final class ChartStyle {
  /** Width of a plot, px (1x). */
  public static final int WIDTH = 760;
  /** Height of a plot, px (1x). */
  public static final int HEIGHT = 430;

  static final Color INK = new Color(0x222222);
  static final Color GRID = new Color(0xE3E3E3);
  static final Color AXIS = new Color(0x888888);
  private static final String FAMILY = Font.SANS_SERIF;

  private ChartStyle() {
  }

  /** A tick label: the value to 6 significant digits, trailing zeros dropped, thousands grouped. */
  static String tick(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "";
    }
    if (Math.abs(v) < 1e-12) {
      return "0";
    }
    java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
    java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.#", java.text.DecimalFormatSymbols.getInstance(
        java.util.Locale.ROOT));
    f.setMaximumFractionDigits(Math.max(0, b.scale()));
    return f.format(b);
  }

  /** Applies the report's style to an axes chart. */
  public static void apply(AxesChartStyler s) {
    s.setAntiAlias(true);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleBoxVisible(false);
    s.setChartFontColor(INK);
    s.setChartTitleFont(new Font(FAMILY, Font.BOLD, 17));
    s.setChartTitlePadding(10);
    s.setAxisTitleFont(new Font(FAMILY, Font.PLAIN, 15));
    s.setAxisTickLabelsFont(new Font(FAMILY, Font.PLAIN, 13));
    s.setAxisTickLabelsColor(INK);
    s.setAxisTickMarksColor(AXIS);
    s.setAxisTickMarksStroke(new BasicStroke(1f));
    s.setAxisTickMarkLength(4);
    s.setAxisTicksLineVisible(true);
    s.setAxisTitlePadding(8);
    s.setPlotGridVerticalLinesVisible(false);
    s.setPlotGridHorizontalLinesVisible(true);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setPlotMargin(6);
    s.setChartPadding(12);
    s.setLegendFont(new Font(FAMILY, Font.PLAIN, 13));
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendSeriesLineLength(22);
    s.setMarkerSize(6);
    s.setToolTipsEnabled(false);
    s.setAnnotationLineColor(new Color(0x555555));
    s.setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    s.setErrorBarsColorSeriesColor(true);
    s.setLocale(java.util.Locale.ROOT);
    // "0.05", not XChart's ".05"; "11,000"; no 0.15000000000000002
    s.setyAxisTickLabelsFormattingFunction(ChartStyle::tick);
    // category labels with and without descenders end up on one baseline
    s.setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
  }
}
