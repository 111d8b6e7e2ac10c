package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Warp;

class FieldInversionTest {
  private static final Grid3 G = Grid3.centred(160, 160, 120, 4, 4, 4, 0, 0, 0);

  /** A Gaussian bump of displacement (max 8 mm, sigma 20 mm): smooth and invertible. */
  private static VectorField bump() {
    VectorField f = new VectorField(G);
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          double r2 = G.x(i) * G.x(i) + G.y(j) * G.y(j) + G.z(k) * G.z(k);
          double w = Math.exp(-r2 / (2 * 20 * 20));
          int n = G.index(i, j, k);
          f.ux()[n] = (float) (5 * w);
          f.uy()[n] = (float) (-4 * w);
          f.uz()[n] = (float) (4.5 * w);
        }
      }
    }
    return f;
  }

  @Test
  void inverseComposedWithTheFieldIsTheIdentity() {
    VectorField u = bump();
    FieldInversion.Result inv = FieldInversion.invert(u, G, 30, 1e-3);
    assertTrue(inv.iterations() < 30, "fixed point should converge, took " + inv.iterations());
    // w then u: q -> q + w(q) -> q + w(q) + u(q + w(q)) = q
    VectorField id = Warp.compose(inv.field(), u);
    double max = 0;
    for (int k = 3; k < G.nz() - 3; k++) {
      for (int j = 3; j < G.ny() - 3; j++) {
        for (int i = 3; i < G.nx() - 3; i++) {
          int n = G.index(i, j, k);
          max = Math.max(max, Math.sqrt(id.ux()[n] * id.ux()[n] + id.uy()[n] * id.uy()[n] + id.uz()[n] * id.uz()[n]));
        }
      }
    }
    assertTrue(max < 0.02, "residual of u o w: " + max + " mm");
  }

  @Test
  void inverseOfATranslationIsTheOppositeTranslation() {
    VectorField t = VectorField.translation(G, 2.5, -1, 3);
    VectorField w = FieldInversion.invert(t, G, 10, 1e-6).field();
    for (int n = 0; n < G.size(); n++) {
      assertEquals(-2.5f, w.ux()[n], 1e-6);
      assertEquals(1f, w.uy()[n], 1e-6);
      assertEquals(-3f, w.uz()[n], 1e-6);
    }
  }
}
