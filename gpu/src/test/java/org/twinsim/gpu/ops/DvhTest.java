package org.twinsim.gpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.param.InvalidParameterException;

class DvhTest {
  private final CpuVolumeKernels cpu = new CpuVolumeKernels();

  @Test
  void countsDosesOfTheStructureAndItsDescendantsInTheirBins() {
    Grid3 g = new Grid3(10, 10, 10, 1, 1, 1, 0, 0, 0);
    LabelMap lm = new LabelMap(g, List.of(
        new Structure(1, "Bladder", 10, 0),
        new Structure(2, "BladderNeck", 20, 1),
        new Structure(3, "Rectum", 10, 0)));
    byte[] labels = lm.labels();
    float[] dose = new float[g.size()];
    int[] expected = new int[10];
    double w = 0.5;
    for (int v = 0; v < dose.length; v++) {
      int label = v % 4; // 0 background, 1 bladder, 2 bladder neck, 3 rectum
      labels[v] = (byte) label;
      int bin = (v / 4) % 12 - 1; // -1 .. 10: below, inside, and beyond the 10 bins
      dose[v] = (float) ((bin + 0.5) * w); // bin centres: far from the edges
      if (label == 1 || label == 2) {
        expected[Math.max(0, Math.min(9, bin))]++;
      }
    }
    dose[1] = Float.NaN; // a bladder voxel without dose: not counted
    expected[Math.max(0, Math.min(9, (1 / 4) % 12 - 1))]--;
    int[] counts = new int[10];
    cpu.dvh(dose, labels, lm.labelsWithin("Bladder"), new DvhBins(w, 10), counts);
    assertArrayEquals(expected, counts);
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    assertEquals(lm.voxelCount("Bladder") - 1, total);
  }

  @Test
  void binEdgesFollowTheFloatRule() {
    DvhBins b = new DvhBins(0.1, 50);
    assertEquals(0, b.binOf(-3f));
    assertEquals(0, b.binOf(0f));
    assertEquals(49, b.binOf(5.0f));
    assertEquals(49, b.binOf(1e9f));
    assertEquals(-1, b.binOf(Float.NaN));
    assertEquals((int) (2.0f / 0.1f), b.binOf(2.0f), "the bin is (int) of a float division");
    assertThrows(InvalidParameterException.class, () -> new DvhBins(0, 10));
    assertThrows(InvalidParameterException.class, () -> new DvhBins(1e-50, 10));
    assertThrows(InvalidParameterException.class, () -> new DvhBins(0.1, DvhBins.MAX_BINS + 1));
  }
}
