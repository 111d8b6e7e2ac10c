package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;

/** The shared host preparation of demons registration (steps 1 to 4 and the pyramid's level count, grids and masks). */
class DemonsSetupTest {
  private static final Grid3 G = new Grid3(20, 16, 12, 4, 4, 4, -40, -30, -20);

  private static Volume ramp(float scale) {
    float[] a = new float[G.size()];
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          a[G.index(i, j, k)] = scale * (10 * i + 3 * j - 2 * k);
        }
      }
    }
    return new Volume(G, a);
  }

  @Test
  void preparesTheWholeGridAndReducesTheLevels() {
    DemonsSetup s = DemonsSetup.prepare(RegistrationInput.of(ramp(1), ramp(1)), DemonsParameters.defaults().withLevels(3));
    assertArrayEquals(new int[] {0, 19, 0, 15, 0, 11}, s.box());
    assertTrue(s.g0().sameAs(G));
    // 12 / 4 = 3 voxels along z at the coarsest of 3 levels is below the minimum of 4
    assertEquals(2, s.levels());
    assertArrayEquals(new boolean[6], s.pinnedFaces());
    assertArrayEquals(s.k0(), s.levelMask(s.levelGrid(0)));
    Grid3 g1 = s.levelGrid(1);
    assertEquals(8, g1.spacingXMm(), 1e-12);
    byte[] k1 = s.levelMask(g1);
    assertEquals(g1.size(), k1.length);
    for (byte b : k1) {
      assertEquals(1, b);
    }
    assertEquals(8, s.movingLevelGrid(1).spacingZMm(), 1e-12);
  }

  @Test
  void accessorsReturnCopies() {
    DemonsSetup s = DemonsSetup.prepare(RegistrationInput.of(ramp(1), ramp(1)), DemonsParameters.defaults());
    float first = s.f0()[0];
    s.f0()[0] = 12345;
    s.m0()[0] = 12345;
    s.k0()[0] = 0;
    s.box()[0] = 5;
    assertEquals(first, s.f0()[0]);
    assertEquals(1, s.k0()[0]);
    assertEquals(0, s.box()[0]);
  }

  @Test
  void refusesAConstantImage() {
    assertThrows(RegistrationException.class,
        () -> DemonsSetup.prepare(RegistrationInput.of(ramp(0), ramp(1)), DemonsParameters.defaults()));
  }
}
