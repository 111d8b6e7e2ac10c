package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;

class SamplingTest {
  private static final Grid3 G = new Grid3(12, 10, 8, 2.0, 3.0, 4.0, -11, -13.5, -14);

  private static float[] linear() {
    float[] a = new float[G.size()];
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          a[G.index(i, j, k)] = (float) (2 * G.x(i) - 3 * G.y(j) + 0.5 * G.z(k) + 7);
        }
      }
    }
    return a;
  }

  @Test
  void trilinearIsExactOnLinearFunctionsAndExtendsEdgeValuesOutside() {
    float[] a = linear();
    assertEquals(2 * 1.3 - 3 * 2.2 + 0.5 * -3.1 + 7, Sampling.clamped(a, G, G.fi(1.3), G.fj(2.2), G.fk(-3.1)), 1e-4);
    // beyond the last x centre the value of the edge is kept
    double xEdge = G.x(G.nx() - 1);
    assertEquals(2 * xEdge - 3 * 2.2 + 7, Sampling.clamped(a, G, G.fi(xEdge + 50), G.fj(2.2), G.fk(0)), 1e-4);
  }

  @Test
  void resamplingOntoACoarserGridOfTheSameExtentKeepsLinearFunctionsInside() {
    float[] a = linear();
    Grid3 c = G.resampled(4.0, 6.0, 8.0);
    float[] out = new float[c.size()];
    Sampling.resample(a, G, out, c);
    for (int k = 0; k < c.nz(); k++) {
      for (int j = 0; j < c.ny(); j++) {
        for (int i = 0; i < c.nx(); i++) {
          assertEquals(2 * c.x(i) - 3 * c.y(j) + 0.5 * c.z(k) + 7, out[c.index(i, j, k)], 1e-3);
        }
      }
    }
  }
}
