package org.twinsim.model.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;

class DoseAccumulatorTest {
  private static final Grid3 G = new Grid3(40, 36, 30, 3, 3, 3, -58.5, -52.5, -43.5);

  /** A smooth dose in planning coordinates. */
  static double planningDose(double x, double y, double z) {
    return 2.0 * Math.exp(-(x * x + y * y + z * z) / (2 * 25.0 * 25.0));
  }

  /**
   * The day's anatomy is the planning anatomy deformed by a known smooth field u (day grid,
   * pointing into planning): day dose(p) = planning dose(p + u(p)). Warping it back must give the
   * planning dose, and three fractions sum to three times it.
   */
  @Test
  void warpingBackThroughTheInvertedFieldRecoversThePlanningDose() {
    VectorField u = new VectorField(G);
    Volume day = new Volume(G);
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          double x = G.x(i);
          double y = G.y(j);
          double z = G.z(k);
          int n = G.index(i, j, k);
          double ux = 4.0 * Math.sin(y / 30.0);
          double uy = 3.0 + 2.0 * Math.cos(z / 25.0);
          double uz = -2.5 * Math.sin(x / 40.0);
          u.ux()[n] = (float) ux;
          u.uy()[n] = (float) uy;
          u.uz()[n] = (float) uz;
          day.data()[n] = (float) planningDose(x + ux, y + uy, z + uz);
        }
      }
    }
    DoseAccumulator acc = new DoseAccumulator(G);
    for (int f = 0; f < 3; f++) {
      acc.addInverting(day, u);
    }
    Volume total = acc.total();
    assertEquals(3, acc.fractions());
    double maxErr = 0;
    for (int k = 4; k < G.nz() - 4; k++) {
      for (int j = 4; j < G.ny() - 4; j++) {
        for (int i = 4; i < G.nx() - 4; i++) {
          double expected = 3 * planningDose(G.x(i), G.y(j), G.z(k));
          maxErr = Math.max(maxErr, Math.abs(total.get(i, j, k) - expected));
        }
      }
    }
    // trilinear interpolation of a Gaussian of sigma 25 mm on 3 mm voxels: error well below 1% of 6 Gy
    assertEquals(0, maxErr, 0.03, "max accumulation error, Gy");
  }

  /** A pure translation: the accumulated dose is the day dose shifted back exactly by whole voxels. */
  @Test
  void translationByWholeVoxelsIsExact() {
    Volume day = new Volume(G);
    day.set(20, 18, 15, 5f);
    // planning -> day field: day(p) = planning(p + t), t = (+6, 0, -3) mm
    VectorField planningToDay = VectorField.translation(G, 6, 0, -3);
    DoseAccumulator acc = new DoseAccumulator(G);
    acc.addInverting(day, planningToDay);
    // the day voxel at p shows planning point p + t: planning index (20 + 2, 18, 15 - 1)
    assertEquals(5f, acc.total().get(22, 18, 14), 1e-5);
    assertEquals(0f, acc.total().get(20, 18, 15), 1e-5);
  }
}
