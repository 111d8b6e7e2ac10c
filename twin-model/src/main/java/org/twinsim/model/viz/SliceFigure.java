package org.twinsim.model.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/**
 * A figure of CT-like images side by side (columns) in axial and sagittal slices (rows), with
 * structure contours drawn in colour and a legend, written as PNG (java.awt, headless).
 *
 * <p>All panels show the same physical region (the first panel's grid) at the same scale, so
 * that motion between panels is visible as motion in the picture; images on other grids (a CBCT)
 * are sampled at the same patient positions. Display conventions: axial slices are seen from the
 * feet (patient right on the left of the image, anterior at the top); sagittal slices have
 * anterior on the left and superior at the top. A small cross marks the room isocentre (origin).
 */
public final class SliceFigure {
  /** Soft-tissue window: level 40 HU, width 400 HU. */
  public static final Window SOFT_TISSUE = new Window(40, 400);

  /** Grey-level window: HU {@code level - width/2} is black, {@code level + width/2} white. */
  public record Window(double levelHu, double widthHu) {
    public Window {
      if (!(widthHu > 0)) {
        throw new IllegalArgumentException("window width must be positive, got " + widthHu);
      }
    }
  }

  /** One column: a title, an image and (optionally, may be null) the structures to outline on it. */
  public record Panel(String title, Volume image, LabelMap labels) {
    public Panel {
      if (image == null) {
        throw new IllegalArgumentException("panel '" + title + "' has no image");
      }
    }
  }

  /** A slice: axial at {@code positionMm} = z, or sagittal at {@code positionMm} = x. */
  public record Slice(boolean axial, double positionMm) {
    public static Slice axialAt(double zMm) {
      return new Slice(true, zMm);
    }

    public static Slice sagittalAt(double xMm) {
      return new Slice(false, xMm);
    }

    String describe() {
      return (axial ? "axial z = " : "sagittal x = ") + String.format(java.util.Locale.ROOT, "%.0f mm", positionMm);
    }
  }

  /** Default colours of the canonical structures (others get a generated colour). */
  private static final Map<String, Color> COLOURS = new LinkedHashMap<>();

  static {
    COLOURS.put("Body", new Color(230, 200, 60));
    COLOURS.put("Prostate", new Color(255, 40, 40));
    COLOURS.put("Urethra", new Color(255, 160, 0));
    COLOURS.put("SeminalVesicles", new Color(255, 60, 220));
    COLOURS.put("Bladder", new Color(255, 255, 0));
    COLOURS.put("BladderNeck", new Color(0, 255, 255));
    COLOURS.put("Rectum", new Color(150, 100, 40));
    COLOURS.put("RectalWall", new Color(60, 220, 60));
    COLOURS.put("FemoralHead_L", new Color(80, 140, 255));
    COLOURS.put("FemoralHead_R", new Color(150, 200, 255));
    COLOURS.put("PelvicBone", new Color(190, 120, 255));
  }

  private SliceFigure() {
  }

  /**
   * Renders the figure: one row per slice, one column per panel, outlines of {@code structures}
   * (names; those a panel's label map lacks are skipped), legend at the bottom.
   *
   * @param pixelsPerMm display scale (e.g. 1.25)
   */
  public static BufferedImage render(String title, List<Panel> panels, List<Slice> slices, List<String> structures,
                                     Window window, double pixelsPerMm) {
    if (panels.isEmpty() || slices.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one panel and one slice");
    }
    if (!(pixelsPerMm > 0)) {
      throw new IllegalArgumentException("pixelsPerMm must be positive, got " + pixelsPerMm);
    }
    Grid3 ref = panels.get(0).image().grid();
    double x0 = ref.originXMm() - 0.5 * ref.spacingXMm();
    double y0 = ref.originYMm() - 0.5 * ref.spacingYMm();
    double z0 = ref.originZMm() - 0.5 * ref.spacingZMm();
    double wx = ref.nx() * ref.spacingXMm();
    double wy = ref.ny() * ref.spacingYMm();
    double wz = ref.nz() * ref.spacingZMm();
    int axialW = (int) Math.round(wx * pixelsPerMm);
    int axialH = (int) Math.round(wy * pixelsPerMm);
    int sagW = (int) Math.round(wy * pixelsPerMm);
    int sagH = (int) Math.round(wz * pixelsPerMm);
    int colW = Math.max(axialW, sagW);
    int gap = 8;
    int header = 28;
    int panelTitle = 18;
    int legendH = 26;
    List<int[]> rows = new ArrayList<>();
    int y = header;
    for (Slice s : slices) {
      int h = s.axial() ? axialH : sagH;
      rows.add(new int[] {y, h});
      y += panelTitle + h + gap;
    }
    int width = gap + panels.size() * (colW + gap);
    int height = y + legendH + gap;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(24, 24, 28));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, gap, 19);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    List<String> used = new ArrayList<>();
    for (int r = 0; r < slices.size(); r++) {
      Slice s = slices.get(r);
      int top = rows.get(r)[0];
      int h = rows.get(r)[1];
      int w = s.axial() ? axialW : sagW;
      for (int c = 0; c < panels.size(); c++) {
        Panel p = panels.get(c);
        int left = gap + c * (colW + gap) + (colW - w) / 2;
        g.setColor(Color.LIGHT_GRAY);
        g.drawString(p.title() + " - " + s.describe(), left, top + 13);
        BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] lab = new int[w * h];
        for (int py = 0; py < h; py++) {
          for (int px = 0; px < w; px++) {
            double[] pos = s.axial()
                ? new double[] {x0 + (px + 0.5) / pixelsPerMm, y0 + (py + 0.5) / pixelsPerMm, s.positionMm()}
                : new double[] {s.positionMm(), y0 + (px + 0.5) / pixelsPerMm, z0 + wz - (py + 0.5) / pixelsPerMm};
            float hu = p.image().sample(pos[0], pos[1], pos[2], -1000f);
            int grey = (int) Math.round(255 * clamp((hu - (window.levelHu() - 0.5 * window.widthHu())) / window.widthHu()));
            tile.setRGB(px, py, (grey << 16) | (grey << 8) | grey);
            lab[px + w * py] = p.labels() == null ? 0 : nearestLabel(p.labels(), pos);
          }
        }
        if (p.labels() != null) {
          for (String name : structures) {
            if (!p.labels().has(name)) {
              continue;
            }
            boolean[] within = p.labels().labelsWithin(name);
            Color col = colour(name);
            boolean any = outline(tile, lab, w, h, within, col.getRGB());
            if (any && !used.contains(name)) {
              used.add(name);
            }
          }
        }
        // isocentre cross
        int[] iso = s.axial()
            ? new int[] {(int) Math.floor((0 - x0) * pixelsPerMm), (int) Math.floor((0 - y0) * pixelsPerMm)}
            : new int[] {(int) Math.floor((0 - y0) * pixelsPerMm), (int) Math.floor((z0 + wz - 0) * pixelsPerMm)};
        for (int d = -4; d <= 4; d++) {
          set(tile, iso[0] + d, iso[1], Color.GREEN.getRGB());
          set(tile, iso[0], iso[1] + d, Color.GREEN.getRGB());
        }
        g.drawImage(tile, left, top + panelTitle, null);
      }
    }
    // legend
    int lx = gap;
    int ly = height - legendH + 4;
    g.setStroke(new BasicStroke(3));
    for (String name : used) {
      g.setColor(colour(name));
      g.drawLine(lx, ly + 6, lx + 18, ly + 6);
      g.setColor(Color.WHITE);
      g.drawString(name, lx + 22, ly + 11);
      lx += 30 + g.getFontMetrics().stringWidth(name);
    }
    g.setColor(Color.GREEN);
    g.drawString("+ isocentre", lx, ly + 11);
    g.dispose();
    return img;
  }

  /** Renders and writes a PNG (atomically: a temporary file moved into place). */
  public static void write(Path png, String title, List<Panel> panels, List<Slice> slices, List<String> structures,
                           Window window, double pixelsPerMm) throws IOException {
    BufferedImage img = render(title, panels, slices, structures, window, pixelsPerMm);
    Path dir = png.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".figure", ".png");
    try {
      if (!ImageIO.write(img, "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
      Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static int nearestLabel(LabelMap m, double[] pos) {
    Grid3 g = m.grid();
    long i = Math.round(g.fi(pos[0]));
    long j = Math.round(g.fj(pos[1]));
    long k = Math.round(g.fk(pos[2]));
    if (i < 0 || j < 0 || k < 0 || i >= g.nx() || j >= g.ny() || k >= g.nz()) {
      return 0;
    }
    return m.labels()[g.index((int) i, (int) j, (int) k)] & 0xFF;
  }

  /** Colours the pixels of the mask that touch a pixel outside it; whether the mask was non-empty. */
  private static boolean outline(BufferedImage tile, int[] lab, int w, int h, boolean[] within, int rgb) {
    boolean any = false;
    for (int py = 0; py < h; py++) {
      for (int px = 0; px < w; px++) {
        if (!within[lab[px + w * py]]) {
          continue;
        }
        any = true;
        boolean edge = px == 0 || py == 0 || px == w - 1 || py == h - 1
            || !within[lab[px - 1 + w * py]] || !within[lab[px + 1 + w * py]]
            || !within[lab[px + w * (py - 1)]] || !within[lab[px + w * (py + 1)]];
        if (edge) {
          tile.setRGB(px, py, rgb);
        }
      }
    }
    return any;
  }

  private static void set(BufferedImage t, int x, int y, int rgb) {
    if (x >= 0 && y >= 0 && x < t.getWidth() && y < t.getHeight()) {
      t.setRGB(x, y, rgb);
    }
  }

  private static Color colour(String name) {
    Color c = COLOURS.get(name);
    if (c != null) {
      return c;
    }
    int hsh = name.hashCode();
    return Color.getHSBColor((hsh & 0xFFFF) / 65535f, 0.8f, 1f);
  }

  private static double clamp(double v) {
    return v < 0 ? 0 : (v > 1 ? 1 : v);
  }
}
