package org.twinsim.model.dicom;

import java.util.Arrays;
import java.util.List;
import org.twinsim.model.geometry.Grid3;

/**
 * Rasterises closed planar polygons onto one slice of a grid by the even-odd rule at voxel
 * centres (scan-line crossing parity, e.g. Foley, van Dam et al., Computer Graphics, 2nd ed.,
 * section 3.6): a voxel is inside when a ray from its centre crosses the union of all the slice's
 * polygons an odd number of times. Nested contours of one ROI on one slice therefore make holes,
 * and a "keyhole" contour (outline and hole joined by a zero-width cut) fills the same voxels.
 *
 * <p>Edges are taken half-open in y (an edge covers rows with {@code min(y1,y2) <= y < max(y1,y2)}),
 * so a vertex on a row's centre line is counted once, and a crossing at x fills centres with
 * {@code x(i) >= xa && x(i) < xb} between consecutive crossings xa, xb.
 */
public final class PolygonRasterizer {
  private PolygonRasterizer() {
  }

  /**
   * Marks the voxels of one slice whose centres lie inside the polygons.
   *
   * @param polygons each {x0, y0, x1, y1, ...} in mm, implicitly closed (not modified)
   * @param grid the grid whose x/y geometry is used
   * @param slice output of {@code nx*ny} flags, x-fastest; inside voxels are toggled (XOR), so a
   *     cleared array receives the even-odd fill. Modified.
   */
  public static void fillEvenOdd(List<double[]> polygons, Grid3 grid, boolean[] slice) {
    int nx = grid.nx();
    int ny = grid.ny();
    if (slice.length != nx * ny) {
      throw new IllegalArgumentException("slice buffer has " + slice.length + " values, grid slice needs " + nx * ny);
    }
    double[][] rows = new double[ny][];
    int[] counts = new int[ny];
    for (double[] p : polygons) {
      if (p.length < 6 || p.length % 2 != 0) {
        continue; // fewer than three vertices encloses no area
      }
      int n = p.length / 2;
      for (int v = 0; v < n; v++) {
        double x1 = p[2 * v];
        double y1 = p[2 * v + 1];
        double x2 = p[2 * ((v + 1) % n)];
        double y2 = p[2 * ((v + 1) % n) + 1];
        if (y1 == y2) {
          continue;
        }
        double ylo = Math.min(y1, y2);
        double yhi = Math.max(y1, y2);
        int j0 = Math.max(0, (int) Math.floor(grid.fj(ylo)) - 1);
        int j1 = Math.min(ny - 1, (int) Math.ceil(grid.fj(yhi)) + 1);
        for (int j = j0; j <= j1; j++) {
          double y = grid.y(j);
          if (y < ylo || y >= yhi) {
            continue;
          }
          double x = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
          if (rows[j] == null) {
            rows[j] = new double[8];
          } else if (counts[j] == rows[j].length) {
            rows[j] = Arrays.copyOf(rows[j], 2 * rows[j].length);
          }
          rows[j][counts[j]++] = x;
        }
      }
    }
    for (int j = 0; j < ny; j++) {
      int c = counts[j];
      if (c < 2) {
        continue;
      }
      double[] xs = rows[j];
      Arrays.sort(xs, 0, c);
      for (int q = 0; q + 1 < c; q += 2) {
        int i0 = Math.max(0, (int) Math.ceil(grid.fi(xs[q])));
        int i1 = Math.min(nx - 1, (int) Math.ceil(grid.fi(xs[q + 1])) - 1);
        for (int i = i0; i <= i1; i++) {
          slice[i + nx * j] ^= true;
        }
      }
    }
  }
}
