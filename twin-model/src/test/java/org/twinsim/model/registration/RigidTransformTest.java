package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;

class RigidTransformTest {
  private static final RigidTransform T = new RigidTransform(new Vec3(3, -2, 1.5),
      new Vec3(Math.toRadians(2), Math.toRadians(-1.5), Math.toRadians(3)), new Vec3(10, 20, -5));

  private static void assertVec(Vec3 e, Vec3 a, double tol) {
    assertEquals(e.x(), a.x(), tol);
    assertEquals(e.y(), a.y(), tol);
    assertEquals(e.z(), a.z(), tol);
  }

  @Test
  void centreMapsToCentrePlusTranslation() {
    assertVec(new Vec3(13, 18, -3.5), T.apply(new Vec3(10, 20, -5)), 1e-12);
  }

  @Test
  void rotationMatrixIsOrthonormalAndMatchesARotationAboutZ() {
    double a = Math.toRadians(30);
    double[] r = RigidTransform.rotationMatrix(0, 0, a);
    assertEquals(Math.cos(a), r[0], 1e-12);
    assertEquals(-Math.sin(a), r[1], 1e-12);
    assertEquals(Math.sin(a), r[3], 1e-12);
    double[] m = T.matrix();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = m[i] * m[j] + m[3 + i] * m[3 + j] + m[6 + i] * m[6 + j];
        assertEquals(i == j ? 1 : 0, dot, 1e-12);
      }
    }
    assertVec(T.rotationRad(), RigidTransform.rotationVector(m), 1e-12);
  }

  @Test
  void inverseUndoesAndChangeOfCentreKeepsTheMapping() {
    Vec3 p = new Vec3(-40, 7, 66);
    assertVec(p, T.inverse().apply(T.apply(p)), 1e-9);
    RigidTransform moved = T.aboutCentre(new Vec3(-100, 50, 0));
    assertVec(T.apply(p), moved.apply(p), 1e-9);
  }

  @Test
  void fieldOfATranslationIsUniform() {
    Grid3 g = new Grid3(4, 3, 2, 1, 1, 1, 0, 0, 0);
    VectorField f = RigidTransform.translation(new Vec3(1, 2, 3)).toField(g);
    for (int n = 0; n < g.size(); n++) {
      assertEquals(1f, f.ux()[n]);
      assertEquals(2f, f.uy()[n]);
      assertEquals(3f, f.uz()[n]);
    }
  }
}
