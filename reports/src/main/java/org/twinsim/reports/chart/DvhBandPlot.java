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
 * Dose-volume histograms of one structure: per strategy, the median curve and a shaded band
 * between two percentiles (e.g. 5 and 95 %) of the per-fraction curves at each dose.
 */
public final class DvhBandPlot {
  /**
   * One strategy's band.
   *
   * @param label legend label
   * @param colour line and band colour
   * @param dosePct dose grid, % of prescription, increasing
   * @param median median volume at each dose, %
   * @param lower lower percentile of the volume, %
   * @param upper upper percentile of the volume, %
   */
  public record Band(String label, Color colour, double[] dosePct, double[] median, double[] lower, double[] upper) {
  }

  private DvhBandPlot() {
  }

  public static XYChart chart(String title, List<Band> bands) {
    XYChart c = new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
    c.setTitle(title);
    c.setXAxisTitle("dose (% of prescription)");
    c.setYAxisTitle("volume (%)");
    ChartStyle.apply(c.getStyler());
    c.getStyler().setPlotGridVerticalLinesVisible(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(102.0);
    double xmax = 0;
    for (Band b : bands) {
      int n = b.dosePct().length;
      double[] px = new double[2 * n + 1];
      double[] py = new double[2 * n + 1];
      for (int i = 0; i < n; i++) {
        px[i] = b.dosePct()[i];
        py[i] = b.upper()[i];
        px[2 * n - 1 - i] = b.dosePct()[i];
        py[2 * n - 1 - i] = b.lower()[i];
        xmax = Math.max(xmax, b.dosePct()[i]);
      }
      px[2 * n] = px[0];
      py[2 * n] = py[0];
      XYSeries band = c.addSeries(b.label() + " band", px, py);
      band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(StrategyPalette.alpha(b.colour(), 0.18));
      band.setLineColor(StrategyPalette.alpha(b.colour(), 0));
      band.setLineStyle(new BasicStroke(0.1f));
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
    }
    for (Band b : bands) {
      XYSeries m = c.addSeries(b.label(), b.dosePct(), b.median());
      m.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      m.setMarker(SeriesMarkers.NONE);
      m.setLineColor(b.colour());
      m.setLineStyle(new BasicStroke(2.2f));
    }
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(Math.max(10, xmax));
    return c;
  }
}
