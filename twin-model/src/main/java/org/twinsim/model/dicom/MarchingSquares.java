package org.twinsim.model.dicom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.twinsim.model.geometry.Grid3;

/**
 * Closed planar contours of a binary mask slice by marching squares, the 2-D case of marching
 * cubes (Lorensen and Cline, SIGGRAPH 1987), at iso-level 0.5 on the voxel-centre lattice.
 *
 * <p>Cells join four neighbouring voxel centres; the mask is padded with background outside the
 * grid, so every contour is closed. Each contour vertex is the midpoint of a cell edge whose two
 * voxels differ, so every voxel centre lies strictly on one side of every contour (half a voxel
 * away at least along the grid lines): rasterising the contours with the even-odd rule at voxel
 * centres ({@link PolygonRasterizer}) gives back exactly the input mask. Saddle cells (two
 * diagonal voxels inside) are resolved by separating the inside voxels, i.e. inside regions are
 * 4-connected. Contours run with the inside on their left in (column, row) index coordinates
 * (counter-clockwise around regions, clockwise around holes); collinear vertices are dropped.
 */
public final class MarchingSquares {
  private MarchingSquares() {
  }

  /**
   * The contours of slice {@code k} of a mask on {@code grid}, in patient coordinates (mm).
   *
   * @param mask the 3-D mask, x-fastest (not modified)
   * @return one array {x0, y0, x1, y1, ...} per closed contour (last vertex not repeated)
   */
  public static List<double[]> sliceContours(boolean[] mask, Grid3 grid, int k) {
    if (mask.length != grid.size()) {
      throw new IllegalArgumentException("mask has " + mask.length + " voxels, grid needs " + grid.size());
    }
    if (k < 0 || k >= grid.nz()) {
      throw new IllegalArgumentException("slice " + k + " outside 0.." + (grid.nz() - 1));
    }
    int nx = grid.nx();
    int ny = grid.ny();
    List<int[]> loops = loops(mask, nx * ny * k, nx, ny);
    List<double[]> out = new ArrayList<>(loops.size());
    for (int[] loop : loops) {
      double[] p = new double[loop.length];
      for (int v = 0; v < loop.length; v += 2) {
        p[v] = grid.originXMm() + 0.5 * loop[v] * grid.spacingXMm();
        p[v + 1] = grid.originYMm() + 0.5 * loop[v + 1] * grid.spacingYMm();
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Contours in doubled index coordinates: vertex (X, Y) lies at column X/2, row Y/2.
   *
   * @param m mask; the slice's voxel (i, j) is {@code m[off + i + nx*j]} (not modified)
   * @return one array {X0, Y0, X1, Y1, ...} per closed contour
   */
  static List<int[]> loops(boolean[] m, int off, int nx, int ny) {
    // only the cells around the bounding box of the inside voxels can hold contour segments
    int iMin = nx;
    int iMax = -1;
    int jMin = ny;
    int jMax = -1;
    for (int j = 0; j < ny; j++) {
      int row = off + nx * j;
      for (int i = 0; i < nx; i++) {
        if (m[row + i]) {
          iMin = Math.min(iMin, i);
          iMax = Math.max(iMax, i);
          jMin = Math.min(jMin, j);
          jMax = j;
        }
      }
    }
    if (iMax < 0) {
      return List.of();
    }
    Map<Long, Long> next = new HashMap<>();
    List<Long> starts = new ArrayList<>();
    boolean[] in = new boolean[4];
    int[] ex = new int[4];
    int[] ey = new int[4];
    for (int j = jMin - 1; j <= jMax; j++) {
      for (int i = iMin - 1; i <= iMax; i++) {
        in[0] = at(m, off, nx, ny, i, j);
        in[1] = at(m, off, nx, ny, i + 1, j);
        in[2] = at(m, off, nx, ny, i + 1, j + 1);
        in[3] = at(m, off, nx, ny, i, j + 1);
        int count = (in[0] ? 1 : 0) + (in[1] ? 1 : 0) + (in[2] ? 1 : 0) + (in[3] ? 1 : 0);
        if (count == 0 || count == 4) {
          continue;
        }
        // edge e_c joins corner c and corner c+1 (counter-clockwise in index coordinates)
        ex[0] = 2 * i + 1;
        ey[0] = 2 * j;
        ex[1] = 2 * i + 2;
        ey[1] = 2 * j + 1;
        ex[2] = 2 * i + 1;
        ey[2] = 2 * j + 2;
        ex[3] = 2 * i;
        ey[3] = 2 * j + 1;
        for (int s = 0; s < 4; s++) {
          if (!in[s] || in[(s + 3) % 4]) {
            continue; // s is not the first corner of a run of inside corners
          }
          int e = s;
          while (in[(e + 1) % 4]) {
            e = (e + 1) % 4;
          }
          // segment from the edge after the run to the edge before it: inside on the left
          int a = e;
          int b = (s + 3) % 4;
          long from = key(ex[a], ey[a]);
          long to = key(ex[b], ey[b]);
          if (next.put(from, to) != null) {
            throw new IllegalStateException("marching squares: two segments leave vertex " + ex[a] + "," + ey[a]);
          }
          starts.add(from);
        }
      }
    }
    List<int[]> loops = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (long start : starts) {
      if (!seen.add(start)) {
        continue;
      }
      List<Long> loop = new ArrayList<>();
      loop.add(start);
      long cur = next.get(start);
      while (cur != start) {
        if (!seen.add(cur)) {
          throw new IllegalStateException("marching squares: contour does not close");
        }
        loop.add(cur);
        Long n = next.get(cur);
        if (n == null) {
          throw new IllegalStateException("marching squares: open contour");
        }
        cur = n;
      }
      loops.add(dropCollinear(loop));
    }
    return loops;
  }

  private static boolean at(boolean[] m, int off, int nx, int ny, int i, int j) {
    return i >= 0 && j >= 0 && i < nx && j < ny && m[off + i + nx * j];
  }

  private static final int BIAS = 8;

  private static long key(int x, int y) {
    return ((long) (x + BIAS) << 32) | (y + BIAS);
  }

  private static int kx(long key) {
    return (int) (key >>> 32) - BIAS;
  }

  private static int ky(long key) {
    return (int) (key & 0xFFFFFFFFL) - BIAS;
  }

  private static int[] dropCollinear(List<Long> loop) {
    int n = loop.size();
    int[] xs = new int[n];
    int[] ys = new int[n];
    for (int v = 0; v < n; v++) {
      xs[v] = kx(loop.get(v));
      ys[v] = ky(loop.get(v));
    }
    int[] out = new int[2 * n];
    int m = 0;
    for (int v = 0; v < n; v++) {
      int p = (v + n - 1) % n;
      int q = (v + 1) % n;
      long ax = xs[v] - xs[p];
      long ay = ys[v] - ys[p];
      long bx = xs[q] - xs[v];
      long by = ys[q] - ys[v];
      boolean collinear = ax * by - ay * bx == 0 && ax * bx + ay * by > 0;
      if (!collinear) {
        out[m++] = xs[v];
        out[m++] = ys[v];
      }
    }
    return java.util.Arrays.copyOf(out, m);
  }
}
