package org.twinsim.model.dose;

import org.twinsim.model.geometry.Grid3;

/**
 * Water-equivalent path length (WEPL) by exact ray tracing through a voxelised stopping-power map.
 *
 * <p>Reference: Siddon 1985, Med Phys 12:252 (radiological path as the sum of voxel intersection
 * lengths times the voxel value), traversed voxel by voxel as in Amanatides and Woo 1987
 * (Eurographics, "A fast voxel traversal algorithm for ray tracing"). Voxels are boxes of constant
 * RSP; the path outside the grid counts as vacuum (RSP 0).
 */
public final class RadiologicalDepth {
  private RadiologicalDepth() {
  }

  /** Receives the voxels a ray crosses, in order. */
  @FunctionalInterface
  public interface SegmentVisitor {
    /**
     * @param voxel flat index of the voxel crossed
     * @param tInMm distance along the ray where it enters the voxel (or the ray's start), mm
     * @param tOutMm distance where it leaves (or the ray's end), mm
     * @return false to stop the trace
     */
    boolean visit(int voxel, double tInMm, double tOutMm);
  }

  /**
   * WEPL (mm) from the centre of voxel (i, j, k) to the point (sx, sy, sz), normally the beam's
   * virtual source: the sum over crossed voxels of RSP times the intersection length, starting with
   * the half voxel from the centre to its boundary and ending where the ray leaves the grid or
   * reaches the point.
   */
  public static double voxelToPoint(float[] rsp, Grid3 g, int i, int j, int k, double sx, double sy, double sz) {
    double x = g.x(i);
    double y = g.y(j);
    double z = g.z(k);
    double dx = sx - x;
    double dy = sy - y;
    double dz = sz - z;
    double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (len == 0) {
      return 0;
    }
    dx /= len;
    dy /= len;
    dz /= len;
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    int stepX = dx > 0 ? 1 : -1;
    int stepY = dy > 0 ? 1 : -1;
    int stepZ = dz > 0 ? 1 : -1;
    double adx = Math.abs(dx);
    double ady = Math.abs(dy);
    double adz = Math.abs(dz);
    double tDeltaX = adx > 0 ? g.spacingXMm() / adx : Double.POSITIVE_INFINITY;
    double tDeltaY = ady > 0 ? g.spacingYMm() / ady : Double.POSITIVE_INFINITY;
    double tDeltaZ = adz > 0 ? g.spacingZMm() / adz : Double.POSITIVE_INFINITY;
    double tMaxX = 0.5 * tDeltaX;
    double tMaxY = 0.5 * tDeltaY;
    double tMaxZ = 0.5 * tDeltaZ;
    int idx = i + nx * (j + ny * k);
    int strideY = stepY * nx;
    int strideZ = stepZ * nx * ny;
    double t = 0;
    double sum = 0;
    while (true) {
      double tNext;
      int axis;
      if (tMaxX <= tMaxY && tMaxX <= tMaxZ) {
        tNext = tMaxX;
        axis = 0;
      } else if (tMaxY <= tMaxZ) {
        tNext = tMaxY;
        axis = 1;
      } else {
        tNext = tMaxZ;
        axis = 2;
      }
      if (tNext >= len) {
        sum += rsp[idx] * (len - t);
        break;
      }
      sum += rsp[idx] * (tNext - t);
      t = tNext;
      if (axis == 0) {
        i += stepX;
        if (i < 0 || i >= nx) {
          break;
        }
        idx += stepX;
        tMaxX += tDeltaX;
      } else if (axis == 1) {
        j += stepY;
        if (j < 0 || j >= ny) {
          break;
        }
        idx += strideY;
        tMaxY += tDeltaY;
      } else {
        k += stepZ;
        if (k < 0 || k >= nz) {
          break;
        }
        idx += strideZ;
        tMaxZ += tDeltaZ;
      }
    }
    return sum;
  }

  /**
   * Traces the ray {@code p(t) = origin + t dir} (dir a unit vector, mm) for t in [0, maxT] through
   * the grid's voxel boxes, reporting each crossed voxel to the visitor in order. The ray may start
   * outside the grid.
   */
  public static void trace(Grid3 g, double[] origin, double[] dir, double maxT, SegmentVisitor visitor) {
    double[] lo = {g.originXMm() - 0.5 * g.spacingXMm(), g.originYMm() - 0.5 * g.spacingYMm(), g.originZMm() - 0.5 * g.spacingZMm()};
    double[] sp = {g.spacingXMm(), g.spacingYMm(), g.spacingZMm()};
    int[] n = {g.nx(), g.ny(), g.nz()};
    // slab intersection with the grid box
    double tEnter = 0;
    double tExit = maxT;
    for (int a = 0; a < 3; a++) {
      double hi = lo[a] + n[a] * sp[a];
      if (Math.abs(dir[a]) < 1e-300) {
        if (origin[a] < lo[a] || origin[a] > hi) {
          return;
        }
      } else {
        double t0 = (lo[a] - origin[a]) / dir[a];
        double t1 = (hi - origin[a]) / dir[a];
        tEnter = Math.max(tEnter, Math.min(t0, t1));
        tExit = Math.min(tExit, Math.max(t0, t1));
      }
    }
    if (!(tEnter < tExit)) {
      return;
    }
    int[] idx = new int[3];
    int[] step = new int[3];
    double[] tMax = new double[3];
    double[] tDelta = new double[3];
    double tMid = tEnter + 1e-9 * Math.max(1.0, tExit - tEnter);
    for (int a = 0; a < 3; a++) {
      double p = origin[a] + tMid * dir[a];
      int c = (int) Math.floor((p - lo[a]) / sp[a]);
      idx[a] = Math.min(Math.max(c, 0), n[a] - 1);
      if (dir[a] > 0) {
        step[a] = 1;
        tDelta[a] = sp[a] / dir[a];
        tMax[a] = (lo[a] + (idx[a] + 1) * sp[a] - origin[a]) / dir[a];
      } else if (dir[a] < 0) {
        step[a] = -1;
        tDelta[a] = -sp[a] / dir[a];
        tMax[a] = (lo[a] + idx[a] * sp[a] - origin[a]) / dir[a];
      } else {
        step[a] = 0;
        tDelta[a] = Double.POSITIVE_INFINITY;
        tMax[a] = Double.POSITIVE_INFINITY;
      }
    }
    double t = tEnter;
    while (t < tExit) {
      int a = tMax[0] <= tMax[1] ? (tMax[0] <= tMax[2] ? 0 : 2) : (tMax[1] <= tMax[2] ? 1 : 2);
      double tNext = Math.min(tMax[a], tExit);
      if (tNext > t && !visitor.visit(g.index(idx[0], idx[1], idx[2]), t, tNext)) {
        return;
      }
      t = tNext;
      idx[a] += step[a];
      if (idx[a] < 0 || idx[a] >= n[a]) {
        return;
      }
      tMax[a] += tDelta[a];
    }
  }
}
