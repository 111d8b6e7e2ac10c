package org.twinsim.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The plot parts: PNG bytes that an independent decoder (ImageIO) reads back pixel for pixel, colours per strategy. */
class ReportPlotsTest {
  @Test
  void pngEncoderRoundTripsThroughImageIo() throws Exception {
    StrategyPalette pal = new StrategyPalette(List.of("non-adaptive", "digital-twin"));
    List<BoxPlot.Group> groups = new ArrayList<>();
    for (String s : List.of("non-adaptive", "digital-twin")) {
      double[] v = new double[50];
      for (int i = 0; i < v.length; i++) {
        v[i] = 95 + 3 * Math.sin(i * 0.37 + s.length());
      }
      groups.add(new BoxPlot.Group(s, pal.colour(s), v));
    }
    var chart = BoxPlot.chart("t", "CTV D98 (%)", groups, Double.NaN);
    BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    chart.paint(g, 300, 200);
    g.dispose();
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));
    assertNotNull(back);
    assertEquals(300, back.getWidth());
    assertEquals(200, back.getHeight());
    int colours = 0;
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
        if (img.getRGB(x, y) != Color.WHITE.getRGB()) {
          colours++;
        }
      }
    }
    assertTrue(colours > 1000, "the chart drew something");
    Plot p = PlotRenderer.render("id", "title", "caption", chart);
    BufferedImage twice = ImageIO.read(new ByteArrayInputStream(p.png()));
    assertEquals(2 * chart.getWidth(), twice.getWidth());
    assertTrue(new String(p.svg(), java.nio.charset.StandardCharsets.UTF_8).contains("<svg"));
  }

  @Test
  void strategiesKeepTheirColourWhateverTheOrder() {
    StrategyPalette a = new StrategyPalette(List.of("oracle", "digital-twin", "my-strategy"));
    StrategyPalette b = new StrategyPalette(List.of("my-strategy", "non-adaptive", "digital-twin", "oracle"));
    assertEquals(a.colour("digital-twin"), b.colour("digital-twin"));
    assertEquals(a.colour("oracle"), b.colour("oracle"));
    assertEquals(a.colour("my-strategy"), b.colour("my-strategy"), "first other strategy, first other colour");
    assertNotEquals(b.colour("my-strategy"), b.colour("non-adaptive"));
    assertEquals("#009e73", a.css("digital-twin"));
  }
}
