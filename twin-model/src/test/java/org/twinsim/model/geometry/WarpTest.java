package org.twinsim.model.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarpTest {
  private static final Grid3 G = new Grid3(20, 16, 12, 2.0, 2.5, 3.0, -19.0, -20.0, -16.5);

  /** A linear function of position is reproduced exactly by trilinear interpolation. */
  @Test
  void trilinearIsExactOnLinearFunctions() {
    Volume v = new Volume(G);
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          v.set(i, j, k, (float) (3 * G.x(i) - 2 * G.y(j) + 0.5 * G.z(k) + 7));
        }
      }
    }
    double[][] pts = {{0.3, 1.7, -2.2}, {-10.1, 5.5, 8.8}, {12.0, -3.3, 0.0}};
    for (double[] p : pts) {
      assertEquals(3 * p[0] - 2 * p[1] + 0.5 * p[2] + 7, v.sample(p[0], p[1], p[2], Float.NaN), 1e-3);
    }
    assertTrue(Float.isNaN(v.sample(1000, 0, 0, Float.NaN)));
  }

  /** A translation by whole voxels moves the image by exactly those voxels. */
  @Test
  void translationByWholeVoxelsShiftsTheImage() {
    Volume v = new Volume(G);
    v.set(10, 8, 6, 100f);
    VectorField f = VectorField.translation(G, 2 * G.spacingXMm(), -G.spacingYMm(), 0);
    Volume w = Warp.volume(v, f, -1f);
    // target(p) = source(p + t): the bright voxel appears at index - t/spacing
    assertEquals(100f, w.get(8, 9, 6), 1e-5);
    assertEquals(0f, w.get(10, 8, 6), 1e-5);
  }

  /** Two translations compose to their sum; the Jacobian of a translation is 1. */
  @Test
  void compositionOfTranslationsIsTheirSum() {
    VectorField a = VectorField.translation(G, 1.5, -0.5, 2.0);
    VectorField b = VectorField.translation(G, -0.25, 3.0, 1.0);
    VectorField c = Warp.compose(a, b);
    int mid = G.index(10, 8, 6);
    assertEquals(1.25, c.ux()[mid], 1e-6);
    assertEquals(2.5, c.uy()[mid], 1e-6);
    assertEquals(3.0, c.uz()[mid], 1e-6);
    for (float d : Warp.jacobianDeterminant(a)) {
      assertEquals(1.0, d, 1e-6);
    }
  }

  /** A uniform scaling u(p) = s*(p - c) has Jacobian (1+s)^3 everywhere. */
  @Test
  void jacobianOfScalingIsTheCubeOfTheFactor() {
    VectorField f = new VectorField(G);
    double s = 0.1;
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          int n = G.index(i, j, k);
          f.ux()[n] = (float) (s * G.x(i));
          f.uy()[n] = (float) (s * G.y(j));
          f.uz()[n] = (float) (s * G.z(k));
        }
      }
    }
    for (float d : Warp.jacobianDeterminant(f)) {
      assertEquals(Math.pow(1 + s, 3), d, 1e-4);
    }
  }

  @Test
  void labelMasksIncludeDescendantsAndPriorityResolvesOverlaps() {
    List<Structure> ss = List.of(
        new Structure(1, "Body", 0, 0),
        new Structure(2, "Bladder", 5, 1),
        new Structure(3, "BladderNeck", 6, 2),
        new Structure(4, "Prostate", 10, 1));
    LabelMap m = new LabelMap(G, ss);
    m.paint("Body", n -> true);
    m.paint("Bladder", n -> n % 4 == 0);
    m.paint("BladderNeck", n -> n % 8 == 0);
    m.paint("Prostate", n -> n % 16 == 0);
    // Prostate (priority 10) beats the bladder where they overlap; the neck stays inside the bladder.
    int n = G.size();
    int expectProstate = (n + 15) / 16;
    int expectNeck = (n + 7) / 8 - expectProstate;
    int expectBladder = (n + 3) / 4 - expectProstate;
    assertEquals(expectProstate, m.voxelCount("Prostate"));
    assertEquals(expectNeck, m.voxelCount("BladderNeck"));
    assertEquals(expectBladder, m.voxelCount("Bladder"));
    assertEquals(n, m.voxelCount("Body"));
    // a second painting of the bladder does not overwrite its own child
    m.paint("Bladder", i -> true);
    assertEquals(expectNeck, m.voxelCount("BladderNeck"));
    assertEquals(expectProstate, m.voxelCount("Prostate"));
  }

  @Test
  void diceOfIdenticalAndDisjointMasks() {
    boolean[] a = {true, true, false, false};
    boolean[] b = {false, false, true, true};
    assertEquals(1.0, Warp.dice(a, a));
    assertEquals(0.0, Warp.dice(a, b));
    assertEquals(0.5, Warp.dice(a, new boolean[] {true, false, true, false}));
  }
}
