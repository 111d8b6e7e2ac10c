package org.twinsim.gpu.bench;

import java.util.Locale;
import org.twinsim.model.geometry.Grid3;

/**
 * The benchmark grids: a pelvic box of 400 x 280 x 240 mm (left-right x anterior-posterior x
 * inferior-superior, a planning CT cropped to the body around the prostate) at the registration's
 * and the dose's usual resolutions.
 */
public enum BenchGrid {
  /** 2 mm voxels: 200 x 140 x 120 = 3.36 M voxels. */
  MM2(2.0),
  /** 4 mm voxels: 100 x 70 x 60 = 0.42 M voxels. */
  MM4(4.0);

  /** Extent of the box, mm (x, y, z). */
  public static final double[] EXTENT_MM = {400, 280, 240};

  private final double spacingMm;

  BenchGrid(double spacingMm) {
    this.spacingMm = spacingMm;
  }

  /** "2mm" or "4mm". */
  public String label() {
    return (int) spacingMm + "mm";
  }

  public double spacingMm() {
    return spacingMm;
  }

  /** The grid, centred on the patient origin. */
  public Grid3 grid() {
    return Grid3.centred(EXTENT_MM[0], EXTENT_MM[1], EXTENT_MM[2], spacingMm, spacingMm, spacingMm, 0, 0, 0);
  }

  /** Parses "2mm" or "4mm" (case-insensitive). */
  public static BenchGrid parse(String s) {
    for (BenchGrid g : values()) {
      if (s != null && g.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return g;
      }
    }
    throw new IllegalArgumentException("grid: expected 2mm or 4mm, got " + s);
  }
}
