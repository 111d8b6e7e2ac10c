package org.twinsim.model.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Volume;

/** The figure writer: a readable PNG of the expected size, grey levels from the window, contours in colour. */
class SliceFigureTest {

  @Test
  void writesAWindowedPngWithContoursAndLegend(@TempDir Path dir) throws Exception {
    Grid3 g = Grid3.centred(200, 160, 100, 2, 2, 2, 0, 0, 0);
    Volume v = new Volume(g);
    LabelMap l = new LabelMap(g, List.of(new Structure(1, "Body", 0, 0), new Structure(3, "Prostate", 5, 1)));
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double x = g.x(i);
          double y = g.y(j);
          double z = g.z(k);
          boolean body = x * x / 80.0 / 80.0 + y * y / 60.0 / 60.0 < 1;
          boolean ball = x * x + y * y + z * z < 20 * 20;
          v.set(i, j, k, body ? (ball ? 240f : 40f) : -1000f);
          l.labels()[g.index(i, j, k)] = (byte) (ball ? 3 : (body ? 1 : 0));
        }
      }
    }
    Path png = dir.resolve("fig.png");
    SliceFigure.write(png, "test", List.of(new SliceFigure.Panel("a", v, l), new SliceFigure.Panel("b", v, null)),
        List.of(SliceFigure.Slice.axialAt(0), SliceFigure.Slice.sagittalAt(0)), List.of("Body", "Prostate"),
        SliceFigure.SOFT_TISSUE, 1.0);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(8 + 2 * (200 + 8), img.getWidth());
    assertTrue(img.getHeight() > 160 + 100);
    // panel b (no contours): soft-tissue window maps 40 HU to mid grey and 240 HU (level + width/2) to white
    int left = 8 + 208;
    int top = 28 + 18;
    int grey = img.getRGB(left + 100 + 40, top + 80) & 0xFF;
    assertEquals(128, grey, 2, "40 HU at the window level");
    assertEquals(255, img.getRGB(left + 110, top + 80) & 0xFF, "240 HU at the top of the window");
    assertEquals(0, img.getRGB(left + 5, top + 5) & 0xFFFFFF, "air is black");
    // panel a: the prostate outline (red) crosses the row through the centre 20 mm from it
    int red = 0;
    for (int x = 8; x < 8 + 200; x++) {
      int rgb = img.getRGB(x, top + 80);
      if (((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) < 100) {
        red++;
      }
    }
    assertTrue(red >= 2, "prostate contour drawn");
    assertTrue(Files.size(png) > 1000);
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void rejectsEmptyFigures() {
    assertThrows(IllegalArgumentException.class, () -> SliceFigure.render("x", List.of(),
        List.of(SliceFigure.Slice.axialAt(0)), List.of(), SliceFigure.SOFT_TISSUE, 1));
  }
}
