package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.VectorField;

class TargetRegistrationErrorTest {
  private static final Grid3 G = new Grid3(10, 10, 10, 2, 2, 2, 0, 0, 0);

  @Test
  void percentileIsTheLinearInterpolationBetweenOrderStatistics() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i; // 1..100, unsorted
    }
    TargetRegistrationError t = TargetRegistrationError.ofErrors(v);
    assertEquals(50.5, t.meanMm(), 1e-12);
    assertEquals(95.05, t.p95Mm(), 1e-12); // numpy.percentile(range(1,101), 95)
    assertEquals(100, t.maxMm(), 0);
  }

  @Test
  void aKnownOffsetGivesThatErrorEverywhereInTheMask() {
    VectorField truth = VectorField.translation(G, 1, 2, 3);
    VectorField est = VectorField.translation(G, 1, 2 + 3, 3 + 4); // off by (0, 3, 4): 5 mm
    boolean[] mask = new boolean[G.size()];
    for (int n = 0; n < 100; n++) {
      mask[n] = true;
    }
    TargetRegistrationError t = TargetRegistrationError.of(est, truth, mask);
    assertEquals(5, t.meanMm(), 1e-6);
    assertEquals(5, t.p95Mm(), 1e-6);
    assertEquals(100, t.voxels());
    assertThrows(IllegalArgumentException.class, () -> TargetRegistrationError.of(est, truth, new boolean[G.size()]));
  }

  @Test
  void diceOfIdenticalAndOfHalfOverlappingStructures() {
    LabelMap a = new LabelMap(G, StructureNames.prostateTree());
    LabelMap b = new LabelMap(G, StructureNames.prostateTree());
    a.paint(StructureNames.BODY, n -> true);
    b.paint(StructureNames.BODY, n -> true);
    a.paint(StructureNames.PROSTATE, n -> n < 200); // 200 voxels
    b.paint(StructureNames.PROSTATE, n -> n >= 100 && n < 300); // overlap 100
    Map<String, Double> d = RegistrationAccuracy.dice(a, b, List.of(StructureNames.PROSTATE, StructureNames.BODY));
    assertEquals(0.5, d.get(StructureNames.PROSTATE), 1e-12);
    assertEquals(1.0, d.get(StructureNames.BODY), 1e-12);
  }
}
