package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.CbctSpec;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/** The CBCT's field of view, known from the acquisition or detected from the fill value. */
class FieldOfViewTest {
  private static final Grid3 G = new Grid3(60, 40, 30, 4, 4, 4, -118, -78, -58);
  private static final float FILL = -1000f;

  /** Noise (never exactly the fill) inside a 200 x 80 mm cylinder, the fill outside. */
  private static Volume cbctLike(boolean[] cylinder) {
    RandomStream s = RandomStreams.stream(5, "test.fov.noise");
    float[] a = new float[G.size()];
    for (int n = 0; n < a.length; n++) {
      a[n] = cylinder[n] ? (float) (40 + 30 * (s.nextDouble() - 0.5)) : FILL;
    }
    return new Volume(G, a);
  }

  @Test
  void cylinderMatchesItsGeometry() {
    boolean[] m = FieldOfView.cylinder(G, 0, 0, 0, 200, 80);
    // voxel centres at x = -118 + 4 i: |x| <= 100 and |z| <= 40 (z = -58 + 4 k)
    assertTrue(m[G.index(G.nx() / 2, G.ny() / 2, G.nz() / 2)]);
    assertFalse(m[G.index(0, G.ny() / 2, G.nz() / 2)], "x = -118 mm is outside a 100 mm radius");
    assertTrue(m[G.index(5, 20, 15)], "x = -98, y = 2 lies inside");
    assertFalse(m[G.index(30, 20, 4)], "z = -42 mm lies beyond half the length");
    assertTrue(m[G.index(30, 20, 5)], "z = -38 mm lies inside");
    boolean[] spec = FieldOfView.of(CbctSpec.defaults(), G);
    int inside = FieldOfView.count(spec);
    // 450 mm diameter covers the whole 240 x 160 mm section; 180 mm length: z in [-90, 90] -> all 30 slices
    assertEquals(G.size(), inside);
  }

  /**
   * The detected field of view is the true cylinder less one voxel at its edge: nothing outside
   * counts as measured, and an enclosed pocket holding exactly the fill value (clamped gas) stays in.
   */
  @Test
  void detectFindsTheCylinderLessItsEdgeAndKeepsEnclosedAir() {
    boolean[] cyl = FieldOfView.cylinder(G, 0, 0, 0, 200, 80);
    Volume v = cbctLike(cyl);
    int pocket = G.index(30, 20, 15);
    v.data()[pocket] = FILL;
    v.data()[pocket + 1] = FILL;
    boolean[] det = FieldOfView.detect(v);
    boolean[] edge = new boolean[G.size()];
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          int n = G.index(i, j, k);
          if (det[n]) {
            assertTrue(cyl[n], "detected voxel (" + i + ", " + j + ", " + k + ") lies outside the cylinder");
          }
          // a cylinder voxel whose 26 neighbours (those on the grid) are all in the cylinder must be detected
          boolean interior = cyl[n];
          for (int dk = -1; dk <= 1 && interior; dk++) {
            for (int dj = -1; dj <= 1 && interior; dj++) {
              for (int di = -1; di <= 1 && interior; di++) {
                int ii = i + di;
                int jj = j + dj;
                int kk = k + dk;
                interior = !G.containsIndex(ii, jj, kk) || cyl[G.index(ii, jj, kk)];
              }
            }
          }
          if (interior) {
            assertTrue(det[n], "interior cylinder voxel (" + i + ", " + j + ", " + k + ") not detected");
          }
          edge[n] = cyl[n] && !interior;
        }
      }
    }
    assertTrue(det[pocket] && det[pocket + 1], "an enclosed pocket of fill-valued voxels is measured data");
    int edgeVoxels = FieldOfView.count(edge);
    assertTrue(edgeVoxels > 0 && FieldOfView.count(det) == FieldOfView.count(cyl) - edgeVoxels,
        "exactly the one-voxel edge is eroded");
  }

  @Test
  void anImageWithoutFillIsMeasuredEverywhereAndNonFiniteVoxelsAreNot() {
    boolean[] all = new boolean[G.size()];
    java.util.Arrays.fill(all, true);
    Volume v = cbctLike(all);
    assertEquals(G.size(), FieldOfView.count(FieldOfView.detect(v)));
    v.data()[G.index(10, 10, 10)] = Float.NaN;
    boolean[] det = FieldOfView.detect(v);
    assertFalse(det[G.index(10, 10, 10)]);
    assertFalse(det[G.index(11, 10, 10)], "the neighbours of a non-finite voxel are eroded too");
    assertTrue(det[G.index(20, 20, 20)]);
  }
}
