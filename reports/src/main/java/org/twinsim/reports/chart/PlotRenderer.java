package org.twinsim.reports.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders an XChart chart as a 2x PNG (sharp on high-density screens) and as SVG. */
public final class PlotRenderer {
  /** Pixel scale of the PNG relative to the chart's nominal size. */
  public static final int SCALE = 2;

  private PlotRenderer() {
  }

  /** Renders a chart into a {@link Plot}. */
  public static Plot render(String id, String title, String caption, Chart<?, ?> chart) {
    return new Plot(id, title, caption, png(chart), svg(chart), chart.getWidth(), chart.getHeight());
  }

  static byte[] png(Chart<?, ?> chart) {
    int w = chart.getWidth();
    int h = chart.getHeight();
    BufferedImage img = new BufferedImage(w * SCALE, h * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w * SCALE, h * SCALE);
      g.scale(SCALE, SCALE);
      chart.paint(g, w, h);
    } finally {
      g.dispose();
    }
    return PngEncoder.encode(img);
  }

  static byte[] svg(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
