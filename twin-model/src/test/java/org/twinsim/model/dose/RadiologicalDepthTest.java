package org.twinsim.model.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

class RadiologicalDepthTest {
  private static final Grid3 G = new Grid3(30, 25, 20, 2.0, 3.0, 2.5, -29, -36, -23.75);

  /** Box bounds (voxel edges) along each axis. */
  private static double[] bounds() {
    return new double[] {G.originXMm() - 1.0, G.originXMm() - 1.0 + 30 * 2.0,
        G.originYMm() - 1.5, G.originYMm() - 1.5 + 25 * 3.0,
        G.originZMm() - 1.25, G.originZMm() - 1.25 + 20 * 2.5};
  }

  /** In a uniform medium of RSP r, WEPL to a far source = r times the distance to the grid's boundary along the ray. */
  @Test
  void uniformMediumGivesRspTimesChordToTheBoundary() {
    Volume rsp = new Volume(G);
    rsp.fill(1.3f);
    double[] b = bounds();
    double[][] sources = {{1500, 200, -300}, {-40, -2000, 10}, {3, 5, 1800}, {-900, 900, 900}};
    for (double[] s : sources) {
      for (int[] v : new int[][] {{0, 0, 0}, {15, 12, 10}, {29, 24, 19}, {7, 20, 3}}) {
        double x = G.x(v[0]);
        double y = G.y(v[1]);
        double z = G.z(v[2]);
        double dx = s[0] - x;
        double dy = s[1] - y;
        double dz = s[2] - z;
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double t = Double.POSITIVE_INFINITY;
        double[] d = {dx / len, dy / len, dz / len};
        double[] p = {x, y, z};
        for (int a = 0; a < 3; a++) {
          if (d[a] > 0) {
            t = Math.min(t, (b[2 * a + 1] - p[a]) / d[a]);
          } else if (d[a] < 0) {
            t = Math.min(t, (b[2 * a] - p[a]) / d[a]);
          }
        }
        double wepl = RadiologicalDepth.voxelToPoint(rsp.data(), G, v[0], v[1], v[2], s[0], s[1], s[2]);
        assertEquals(1.3 * t, wepl, 1e-4, "voxel " + java.util.Arrays.toString(v));
      }
    }
  }

  /** An oblique ray through a slab of RSP 1.6 and thickness h crossed entirely: WEPL excess = 0.6 h / cos(theta). */
  @Test
  void obliqueSlabAddsItsWaterEquivalentPathLength() {
    Volume water = new Volume(G);
    water.fill(1f);
    Volume slab = water.copy();
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 4; j < 8; j++) { // y from -25.5 to -13.5 mm: 12 mm
        for (int i = 0; i < G.nx(); i++) {
          slab.set(i, j, k, 1.6f);
        }
      }
    }
    // source anterior (-y), tilted in x by 20 degrees
    double theta = Math.toRadians(20);
    double[] s = {G.x(15) - 3000 * Math.sin(theta), G.y(20) - 3000 * Math.cos(theta), G.z(10)};
    double w0 = RadiologicalDepth.voxelToPoint(water.data(), G, 15, 20, 10, s[0], s[1], s[2]);
    double w1 = RadiologicalDepth.voxelToPoint(slab.data(), G, 15, 20, 10, s[0], s[1], s[2]);
    assertEquals(0.6 * 12 / Math.cos(theta), w1 - w0, 1e-4);
  }

  /** trace() reports contiguous segments whose lengths add up to the chord through the box. */
  @Test
  void traceCoversTheChordContiguously() {
    double[] origin = {-100, -70, -60};
    double[] to = {80, 50, 40};
    double[] dir = new double[3];
    double len = 0;
    for (int a = 0; a < 3; a++) {
      dir[a] = to[a] - origin[a];
      len += dir[a] * dir[a];
    }
    len = Math.sqrt(len);
    for (int a = 0; a < 3; a++) {
      dir[a] /= len;
    }
    double[] last = {Double.NaN, 0, 0};
    RadiologicalDepth.trace(G, origin, dir, 1e4, (voxel, tIn, tOut) -> {
      if (!Double.isNaN(last[0])) {
        assertEquals(last[0], tIn, 1e-9);
      } else {
        last[1] = tIn;
      }
      assertTrue(tOut > tIn);
      last[0] = tOut;
      last[2] += tOut - tIn;
      return true;
    });
    assertEquals(last[0] - last[1], last[2], 1e-9);
    assertTrue(last[2] > 10);
  }

  /** The context computes each depth once and hands out the same map for the same source. */
  @Test
  void contextCachesDepthMapsPerSource() {
    Volume rsp = new Volume(G);
    rsp.fill(1f);
    DoseContext ctx = new DoseContext(rsp);
    Vec3 s = new Vec3(0, -2000, 0);
    float[] m = ctx.depthMap(s);
    assertSame(m, ctx.depthMap(new Vec3(0, -2000, -0.0)));
    int n = G.index(3, 4, 5);
    assertTrue(Float.isNaN(m[n]));
    float v = ctx.fill(m, n, s);
    assertEquals(RadiologicalDepth.voxelToPoint(rsp.data(), G, 3, 4, 5, 0, -2000, 0), v, 1e-5);
    assertEquals(v, m[n], 0);
  }
}
