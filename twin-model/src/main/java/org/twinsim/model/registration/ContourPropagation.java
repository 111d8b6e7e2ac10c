package org.twinsim.model.registration;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Warp;

/**
 * Propagation of the planning structures to the day: the planning label map is pulled through the
 * CBCT -> CT field onto the CBCT grid, so that each CBCT voxel takes the label found at its
 * corresponding planning-CT point.
 *
 * <p>Two interpolations: {@link Method#NEAREST} ({@link Warp#labels}: the label of the nearest
 * planning voxel) and {@link Method#LINEAR_VOTE} (the default): the eight planning voxels around the
 * point vote with their trilinear weights and the label with the largest total weight wins (ties:
 * the smaller label value), the label analogue of trilinear interpolation followed by a 0.5
 * threshold. On coarse grids nearest-neighbour warping doubles the staircase of a voxelised
 * contour; on the 4 mm test phantom even the TRUE field then gives prostate Dice of only 0.87-0.94,
 * which linear voting raises (see ContourPropagationTest).
 */
public final class ContourPropagation {
  private ContourPropagation() {
  }

  /** Interpolation of labels. */
  public enum Method {
    /** Label of the nearest planning voxel ({@link Warp#labels}). */
    NEAREST,
    /** Trilinear-weighted vote of the eight surrounding planning voxels. */
    LINEAR_VOTE
  }

  /** The planning structures on the day's (CBCT) grid, by linear voting. */
  public static LabelMap propagate(LabelMap planning, VectorField cbctToCt) {
    return propagate(planning, cbctToCt, Method.LINEAR_VOTE);
  }

  /** The planning structures on the day's (CBCT) grid; points outside the planning grid become background. */
  public static LabelMap propagate(LabelMap planning, VectorField cbctToCt, Method method) {
    if (method == Method.NEAREST) {
      return Warp.labels(planning, cbctToCt);
    }
    Grid3 g = cbctToCt.grid();
    Grid3 sg = planning.grid();
    byte[] src = planning.labels();
    float[] ux = cbctToCt.ux();
    float[] uy = cbctToCt.uy();
    float[] uz = cbctToCt.uz();
    byte[] out = new byte[g.size()];
    final int nx = sg.nx();
    final int ny = sg.ny();
    final int nz = sg.nz();
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      int[] lab = new int[8];
      double[] wt = new double[8];
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          double fi = sg.fi(g.x(i) + ux[n]);
          double fj = sg.fj(y + uy[n]);
          double fk = sg.fk(z + uz[n]);
          if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5) {
            continue;
          }
          int i0 = (int) Math.floor(fi);
          int j0 = (int) Math.floor(fj);
          int k0 = (int) Math.floor(fk);
          double tx = fi - i0;
          double ty = fj - j0;
          double tz = fk - k0;
          int m = 0;
          for (int c = 0; c < 8; c++) {
            int ii = Math.max(0, Math.min(nx - 1, i0 + (c & 1)));
            int jj = Math.max(0, Math.min(ny - 1, j0 + ((c >> 1) & 1)));
            int kk = Math.max(0, Math.min(nz - 1, k0 + ((c >> 2) & 1)));
            double w = ((c & 1) == 0 ? 1 - tx : tx) * (((c >> 1) & 1) == 0 ? 1 - ty : ty) * (((c >> 2) & 1) == 0 ? 1 - tz : tz);
            int l = src[ii + nx * (jj + ny * kk)] & 0xFF;
            int q = 0;
            while (q < m && lab[q] != l) {
              q++;
            }
            if (q == m) {
              lab[m] = l;
              wt[m] = 0;
              m++;
            }
            wt[q] += w;
          }
          int best = lab[0];
          double bw = wt[0];
          for (int q = 1; q < m; q++) {
            if (wt[q] > bw || (wt[q] == bw && lab[q] < best)) {
              best = lab[q];
              bw = wt[q];
            }
          }
          out[n] = (byte) best;
        }
      }
    });
    return new LabelMap(g, planning.structures(), out);
  }
}
