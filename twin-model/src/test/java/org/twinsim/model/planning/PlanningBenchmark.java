package org.twinsim.model.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngineParams;
import org.twinsim.model.dose.DoseMetrics;
import org.twinsim.model.dose.InfluenceMatrix;
import org.twinsim.model.dose.Parallel;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.dose.StructureDoseMetrics;

/**
 * Benchmark (not a test) of the CPU dose engine and the robust optimiser on the pelvis phantom at
 * 4 mm (120 x 80 x 60) and 2 mm (240 x 160 x 120), single- against multi-threaded.
 *
 * <p>Run from the worktree root:
 * <pre>
 * ./mvnw -B -ntp -o -q -pl twin-model test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx6g -cp twin-model/target/classes:twin-model/target/test-classes:$(cat /tmp/cp.txt) \
 *     org.twinsim.model.planning.PlanningBenchmark [spacingsMm=4,2] [iterations=200] [repeats=3]
 * </pre>
 * Prints, per grid and thread count: forward dose of the robust plan with its depth maps traced
 * (cold: a new CT) and cached (warm: the same CT), the influence matrix of one scenario on the
 * optimisation voxels, and a 21-scenario robust optimisation (setup 3 mm, range 3.5%) including
 * its influence matrices; then the speed-ups. Times are the minimum over the repeats.
 */
public final class PlanningBenchmark {
  private PlanningBenchmark() {
  }

  public static void main(String[] args) {
    double[] spacings = {4, 2};
    int iterations = 200;
    int repeats = 3;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "spacingsMm" -> spacings = java.util.Arrays.stream(kv[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        case "iterations" -> iterations = Integer.parseInt(kv[1]);
        case "repeats" -> repeats = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + a + "; expected spacingsMm=, iterations=, repeats=");
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "PlanningBenchmark: %d processors, Java %s, max heap %d MiB%n", cores,
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    List<String> rows = new ArrayList<>();
    for (double sp : spacings) {
      PelvisPhantom ph = PelvisPhantom.build(sp, 480, 320, 240);
      System.out.printf(Locale.ROOT, "%n== grid %s (%d voxels)%n", ph.ct().grid(), ph.ct().grid().size());
      StoppingPowerCalibration cal = StoppingPowerCalibration.defaults();
      UncertaintySetting setting = new UncertaintySetting(3.0, 0.035);
      double[] tDoseCold = new double[2];
      double[] tDoseWarm = new double[2];
      double[] tInfl = new double[2];
      double[] tOpt = new double[2];
      int[] threadCounts = {1, cores};
      Plan plan = null;
      for (int ti = 0; ti < 2; ti++) {
        int threads = threadCounts[ti];
        CpuPencilBeamEngine engine = new CpuPencilBeamEngine(null, new DoseEngineParams(threads, null));
        PlanningParams params = PlanningParams.defaults()
            .withOptimizer(OptimizerParams.defaults().withThreads(threads).withMaxIterations(iterations));
        tDoseCold[ti] = tDoseWarm[ti] = tInfl[ti] = tOpt[ti] = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < repeats; rep++) {
          DoseContext ctx = DoseContext.fromCt(ph.ct(), cal);
          long t0 = System.nanoTime();
          PlanningResult r = new ProstatePlanner(engine, params).plan("bench", ctx, ph.labels(), 2.5, setting, null);
          double opt = (System.nanoTime() - t0) * 1e-9;
          tOpt[ti] = Math.min(tOpt[ti], opt);
          plan = r.plan();
          DoseContext fresh = DoseContext.fromCt(ph.ct(), cal);
          float[] dose = new float[fresh.grid().size()];
          long t1 = System.nanoTime();
          engine.computeDose(fresh, plan, Scenario.NOMINAL, dose);
          tDoseCold[ti] = Math.min(tDoseCold[ti], (System.nanoTime() - t1) * 1e-9);
          long t2 = System.nanoTime();
          engine.computeDose(fresh, plan, Scenario.NOMINAL, dose);
          tDoseWarm[ti] = Math.min(tDoseWarm[ti], (System.nanoTime() - t2) * 1e-9);
          Map<String, int[]> sets = ProstateProtocol.structures(ph.labels(), ProstateProtocol.objectives(2.5), params);
          java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
          for (int[] v : sets.values()) {
            for (int n : v) {
              all.add(n);
            }
          }
          int[] voxels = all.stream().mapToInt(Integer::intValue).toArray();
          DoseContext fresh2 = DoseContext.fromCt(ph.ct(), cal);
          long t3 = System.nanoTime();
          InfluenceMatrix a = engine.computeInfluence(fresh2, plan, Scenario.NOMINAL, voxels);
          tInfl[ti] = Math.min(tInfl[ti], (System.nanoTime() - t3) * 1e-9);
          if (rep == 0) {
            OptimizationResult o = r.optimization();
            StructureDoseMetrics ctv = DoseMetrics.compute(dose, ph.labels(), List.of(StructureNames.CTV), 2.5,
                new double[0]).get(StructureNames.CTV);
            System.out.printf(Locale.ROOT, "threads %d: %d spots, %d layers; influence rows %d, nnz %d (%.0f MiB) over 21 "
                    + "scenarios (%.2f s), optimiser %d iterations (%.2f s, %s); nominal CTV D98 %.1f%% D2 %.1f%%; "
                    + "one-scenario matrix %d x %d, nnz %d%n",
                threads, plan.spotCount(), r.layers(), o.influenceRows(), o.influenceNonZeros(),
                o.influenceNonZeros() * 8.0 / (1 << 20), o.influenceSeconds(), o.iterations(), o.optimisationSeconds(),
                o.stopReason(), ctv.d98Percent(), ctv.d2Percent(), a.rows(), a.columns(), a.nonZeros());
          }
        }
      }
      String g = String.format(Locale.ROOT, "%.0f mm", sp);
      rows.add(row(g, "forward dose, cold (tracing depths)", tDoseCold));
      rows.add(row(g, "forward dose, warm (cached depths)", tDoseWarm));
      rows.add(row(g, "influence matrix, one scenario", tInfl));
      rows.add(row(g, "robust plan (21 scenarios), total", tOpt));
    }
    System.out.printf(Locale.ROOT, "%n%-6s %-40s %10s %10s %8s%n", "grid", "step", "1 thread", cores + " threads", "speed-up");
    rows.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "(thread pool parallelism %d)%n", Parallel.resolve(0));
  }

  private static String row(String grid, String step, double[] t) {
    return String.format(Locale.ROOT, "%-6s %-40s %9.3fs %9.3fs %7.2fx", grid, step, t[0], t[1], t[0] / t[1]);
  }
}
