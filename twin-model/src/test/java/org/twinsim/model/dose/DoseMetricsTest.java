package org.twinsim.model.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

class DoseMetricsTest {

  /** A uniform dose distribution on [0, 10] Gy has D_x = 10 (1 - x/100) and V_d = 100 (1 - d/10) %. */
  @Test
  void uniformDistributionGivesAnalyticQuantiles() {
    Grid3 g = new Grid3(100, 100, 10, 1, 1, 1, 0, 0, 0);
    LabelMap lm = new LabelMap(g, StructureNames.prostateTree());
    lm.paint(StructureNames.BODY, i -> true);
    float[] dose = new float[g.size()];
    int n = g.size();
    for (int i = 0; i < n; i++) {
      dose[(int) ((long) i * 7919 % n)] = (float) (10.0 * (i + 0.5) / n); // shuffled, uniform
    }
    DoseVolumeHistogram h = DoseMetrics.histograms(dose, lm, List.of(StructureNames.BODY)).get(StructureNames.BODY);
    double tol = 2 * h.binWidthGy() + 10.0 / n;
    for (double x : new double[] {2, 50, 95, 98}) {
      assertEquals(10 * (1 - x / 100), h.doseAtVolumePercent(x), tol, "D" + x);
    }
    for (double d : new double[] {0.5, 5, 9.5}) {
      assertEquals(100 * (1 - d / 10), h.volumePercentAtDose(d), 0.05, "V" + d);
    }
    assertEquals(5.0, h.meanGy(), 1e-4);
    assertEquals(100.0, h.volumeCc(), 1e-9); // 100000 voxels of 1 mm^3
    // D0.03cc: 30 of the 100000 voxels of 1 mm^3, the hottest 0.03% -> 10 * (1 - 0.0003)
    assertEquals(10 * (1 - 0.0003), h.doseAtVolumeCc(0.03), tol);
  }

  /** Quantiles against an independent sort of random doses, within one histogram bin and one voxel gap. */
  @Test
  void quantilesMatchSortedValues() {
    Grid3 g = new Grid3(40, 30, 20, 2, 2, 2, 0, 0, 0);
    LabelMap lm = new LabelMap(g, StructureNames.prostateTree());
    lm.paint(StructureNames.BODY, i -> true);
    lm.paint(StructureNames.CTV, i -> i % 3 == 0);
    RandomStream rs = RandomStreams.stream(7, "test.dvh");
    float[] dose = new float[g.size()];
    for (int i = 0; i < dose.length; i++) {
      dose[i] = (float) (i % 3 == 0 ? 60 + 10 * rs.nextDouble() : 70 * rs.nextDouble() * rs.nextDouble());
    }
    StructureDoseMetrics m = DoseMetrics.compute(dose, lm, List.of(StructureNames.CTV), 70, new double[] {66.5})
        .get(StructureNames.CTV);
    double[] ctv = new double[(g.size() + 2) / 3];
    int c = 0;
    for (int i = 0; i < dose.length; i += 3) {
      ctv[c++] = dose[i];
    }
    Arrays.sort(ctv);
    double tol = 70.0 / DoseMetrics.DEFAULT_BINS * 2 + 0.01;
    // hottest 98% -> the value at rank 2% from the bottom
    assertEquals(ctv[(int) Math.floor(0.02 * ctv.length)], m.d98Gy(), tol);
    assertEquals(ctv[(int) Math.floor(0.50 * ctv.length)], m.d50Gy(), tol);
    assertEquals(ctv[(int) Math.floor(0.98 * ctv.length)], m.d2Gy(), tol);
    double mean = Arrays.stream(ctv).average().orElseThrow();
    assertEquals(mean, m.dMeanGy(), 1e-4);
    long above = Arrays.stream(ctv).filter(d -> d >= 66.5).count();
    assertEquals(100.0 * above / ctv.length, m.volumesAtDose().get(0).volumePercent(), 0.1);
    assertEquals(95.0, m.volumesAtDose().get(0).dosePercent(), 1e-9);
    assertEquals(100 * m.d98Gy() / 70, m.d98Percent(), 1e-9);
  }

  /** A structure's metrics include its descendants (the bladder includes the bladder neck). */
  @Test
  void parentStructureIncludesChildren() {
    Grid3 g = new Grid3(10, 10, 10, 1, 1, 1, 0, 0, 0);
    LabelMap lm = new LabelMap(g, StructureNames.prostateTree());
    lm.paint(StructureNames.BODY, i -> true);
    lm.paint(StructureNames.BLADDER, i -> i < 200);
    lm.paint(StructureNames.BLADDER_NECK, i -> i < 50);
    float[] dose = new float[g.size()];
    for (int i = 0; i < 50; i++) {
      dose[i] = 10;
    }
    Map<String, StructureDoseMetrics> m = DoseMetrics.compute(dose, lm,
        List.of(StructureNames.BLADDER, StructureNames.BLADDER_NECK), 10, new double[] {5});
    assertEquals(0.2, m.get(StructureNames.BLADDER).volumeCc(), 1e-12);
    assertEquals(25.0, m.get(StructureNames.BLADDER).volumesAtDose().get(0).volumePercent(), 1e-9);
    assertEquals(0.05, m.get(StructureNames.BLADDER).volumesAtDose().get(0).volumeCc(), 1e-12);
    assertEquals(100.0, m.get(StructureNames.BLADDER_NECK).volumesAtDose().get(0).volumePercent(), 1e-9);
    assertEquals(2.5, m.get(StructureNames.BLADDER).dMeanGy(), 1e-9);
  }

  @Test
  void emptyStructureIsAClearError() {
    Grid3 g = new Grid3(10, 10, 10, 1, 1, 1, 0, 0, 0);
    LabelMap lm = new LabelMap(g, StructureNames.prostateTree());
    lm.paint(StructureNames.BODY, i -> true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DoseMetrics.compute(new float[g.size()], lm, List.of(StructureNames.URETHRA), 2, new double[0]));
    assertTrue(e.getMessage().contains("Urethra") && e.getMessage().contains("empty"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DoseMetrics.compute(new float[g.size()], lm, List.of("Spleen"), 2, new double[0]));
  }
}
