package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.VectorField;

class ContourPropagationTest {

  @Test
  void theIdentityFieldReproducesTheLabels() {
    PelvisPhantom.Case c = PelvisPhantom.cbctCase(0);
    VectorField id = new VectorField(c.grid());
    for (ContourPropagation.Method m : ContourPropagation.Method.values()) {
      assertArrayEquals(c.planningLabels().labels(), ContourPropagation.propagate(c.planningLabels(), id, m).labels());
    }
  }

  /**
   * With the TRUE field, nearest-neighbour propagation on 4 mm voxels loses prostate Dice to the
   * doubled staircase; trilinear voting recovers it (this is why it is the default).
   */
  @Test
  void linearVotingBeatsNearestNeighbourWithTheTrueField() {
    double nearest = 0;
    double linear = 0;
    for (int id = 0; id < 3; id++) {
      PelvisPhantom.Case c = PelvisPhantom.cbctCase(id);
      LabelMap n = ContourPropagation.propagate(c.planningLabels(), c.trueField(), ContourPropagation.Method.NEAREST);
      LabelMap l = ContourPropagation.propagate(c.planningLabels(), c.trueField(), ContourPropagation.Method.LINEAR_VOTE);
      double dn = RegistrationAccuracy.dice(n, c.dayLabels(), List.of(StructureNames.PROSTATE)).get(StructureNames.PROSTATE);
      double dl = RegistrationAccuracy.dice(l, c.dayLabels(), List.of(StructureNames.PROSTATE)).get(StructureNames.PROSTATE);
      System.out.printf("ContourPropagationTest case %d: prostate Dice with the true field, nearest %.3f, linear vote %.3f%n", id, dn, dl);
      assertTrue(dl > 0.92, "linear vote with the true field " + dl);
      nearest += dn;
      linear += dl;
    }
    assertTrue(linear > nearest + 0.03, "mean Dice nearest " + nearest / 3 + " vs linear " + linear / 3);
  }
}
