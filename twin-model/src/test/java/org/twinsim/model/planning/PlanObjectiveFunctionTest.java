package org.twinsim.model.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.dose.InfluenceMatrix;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

class PlanObjectiveFunctionTest {

  /** A dense random influence matrix in CSR form (rows 0..rows-1 are voxels 0..rows-1). */
  static InfluenceMatrix random(int rows, int cols, RandomStream rs) {
    int[] start = new int[rows + 1];
    int[] col = new int[rows * cols];
    float[] val = new float[rows * cols];
    int[] vox = new int[rows];
    int e = 0;
    for (int r = 0; r < rows; r++) {
      vox[r] = r;
      for (int c = 0; c < cols; c++) {
        col[e] = c;
        val[e] = (float) (0.02 + 0.1 * rs.nextDouble());
        e++;
      }
      start[r + 1] = e;
    }
    return new InfluenceMatrix(cols, vox, start, col, val);
  }

  /** The analytic gradient equals central finite differences, for every objective kind and both robust modes. */
  @Test
  void gradientMatchesFiniteDifferences() {
    RandomStream rs = RandomStreams.stream(3, "test.objective");
    int rows = 40;
    int cols = 12;
    InfluenceMatrix nominal = random(rows, cols, rs);
    InfluenceMatrix s1 = random(20, cols, rs);
    InfluenceMatrix s2 = random(20, cols, rs);
    int[] target = new int[20];
    int[] oar = new int[20];
    for (int i = 0; i < 20; i++) {
      target[i] = i;
      oar[i] = 20 + i;
    }
    List<PlanObjectiveFunction.Term> terms = List.of(
        new PlanObjectiveFunction.Term(Objective.minDose("T", 2.0, 10).asRobust(), 20),
        new PlanObjectiveFunction.Term(Objective.maxDose("T", 2.1, 5).asRobust(), 20),
        new PlanObjectiveFunction.Term(Objective.maxDvh("O", 1.0, 30, 3), 25),
        new PlanObjectiveFunction.Term(Objective.minDvh("T", 1.95, 90, 2), 20));
    int[] sRows = new int[20];
    for (int i = 0; i < 20; i++) {
      sRows[i] = i;
    }
    PlanObjectiveFunction.ScenarioData[] data = {
        new PlanObjectiveFunction.ScenarioData(nominal, new int[][] {target, target, oar, target}),
        new PlanObjectiveFunction.ScenarioData(s1, new int[][] {sRows, sRows, null, null}),
        new PlanObjectiveFunction.ScenarioData(s2, new int[][] {sRows, sRows, null, null})};
    for (RobustMode mode : RobustMode.values()) {
      PlanObjectiveFunction f = new PlanObjectiveFunction(terms, data, mode, 1);
      f.setTau(0.05);
      double[] w = new double[cols];
      for (int c = 0; c < cols; c++) {
        w[c] = 1.0 + 1.5 * rs.nextDouble();
      }
      double[] g = new double[cols];
      f.evaluate(w, g);
      double h = 1e-6;
      for (int c = 0; c < cols; c++) {
        double[] wp = w.clone();
        double[] wm = w.clone();
        wp[c] += h;
        wm[c] -= h;
        double fd = (f.evaluate(wp, new double[cols]) - f.evaluate(wm, new double[cols])) / (2 * h);
        assertEquals(fd, g[c], 1e-4 * (1 + Math.abs(fd)), mode + " gradient component " + c);
      }
    }
  }

  /** Max-DVH: with 4 of 10 voxels above D and 20% allowed, the 2 coolest of them are penalised (Wu and Mohan 2000). */
  @Test
  void maxDvhPenalisesOnlyTheVoxelsBetweenTheLevelAndTheVolumeQuantile() {
    double[] d = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.2, 1.4, 1.6, 1.8};
    int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] g = new double[10];
    double f = PlanObjectiveFunction.penalty(new PlanObjectiveFunction.Term(Objective.maxDvh("O", 1.0, 20, 1), 10), d, rows, g);
    assertEquals((0.2 * 0.2 + 0.4 * 0.4) / 10, f, 1e-12);
    assertEquals(2 * 0.2 / 10, g[6], 1e-12);
    assertEquals(2 * 0.4 / 10, g[7], 1e-12);
    assertEquals(0, g[8], 0);
    assertEquals(0, g[9], 0);
  }

  @Test
  void kthLargestAgreesWithSorting() {
    RandomStream rs = RandomStreams.stream(5, "test.select");
    double[] d = new double[101];
    int[] rows = new int[101];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.floor(20 * rs.nextDouble()); // with ties
      rows[i] = i;
    }
    double[] sorted = d.clone();
    java.util.Arrays.sort(sorted);
    for (int k = 1; k <= d.length; k++) {
      assertEquals(sorted[d.length - k], PlanObjectiveFunction.kthLargest(d, rows, k), 0);
    }
  }
}
