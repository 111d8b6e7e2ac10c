package org.twinsim.model.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.InfluenceMatrix;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;

/**
 * Spot-weight optimisation of a plan: weights >= 0 minimising a weighted sum of quadratic
 * objectives ({@link Objective}), robust objectives combined over scenarios ({@link RobustMode}),
 * by {@link ProjectedLbfgs}.
 *
 * <p>Influence matrices are computed only where objectives look: all objective voxels in the
 * nominal scenario, the voxels of robust objectives in the others; rows that no spot reaches are
 * dropped (their dose is 0 and still counts in the objectives' volume). The minimax is smoothed by
 * log-sum-exp with a temperature lowered in stages (10%, 2%, 0.4% ... of the current worst
 * scenario value), each stage warm-started from the previous one.
 */
public final class PlanOptimizer {
  private final DoseEngine engine;
  private final OptimizerParams params;

  public PlanOptimizer(DoseEngine engine, OptimizerParams params) {
    this.engine = engine;
    this.params = params == null ? OptimizerParams.defaults() : params;
  }

  public OptimizerParams params() {
    return params;
  }

  /**
   * Optimises the weights of {@code plan}.
   *
   * @param structures voxel sets (flat grid indices) of every structure an objective names
   * @param scenarios the nominal scenario first, then the others (a single nominal scenario for a
   *     non-robust optimisation)
   * @param listener progress per iteration (may be null)
   * @throws IllegalArgumentException if an objective names a structure that is missing or empty,
   *     or the first scenario is not nominal
   */
  public OptimizationResult optimize(DoseContext ctx, Plan plan, List<Objective> objectives,
                                     Map<String, int[]> structures, List<Scenario> scenarios,
                                     IterationListener listener) {
    if (objectives.isEmpty()) {
      throw new IllegalArgumentException("plan " + plan.name() + ": no objectives to optimise");
    }
    if (scenarios.isEmpty() || !scenarios.get(0).isNominal()) {
      throw new IllegalArgumentException("the first scenario must be the nominal one, got "
          + (scenarios.isEmpty() ? "none" : scenarios.get(0)));
    }
    IterationListener out = listener == null ? IterationListener.NONE : listener;
    List<PlanObjectiveFunction.Term> terms = new ArrayList<>();
    int size = ctx.grid().size();
    boolean[] all = new boolean[size];
    boolean[] robust = new boolean[size];
    boolean anyRobust = false;
    for (Objective o : objectives) {
      int[] v = structures.get(o.structure());
      if (v == null) {
        throw new IllegalArgumentException("objective " + o.kind() + " on structure '" + o.structure()
            + "': no such structure; known: " + structures.keySet());
      }
      if (v.length == 0) {
        throw new IllegalArgumentException("objective " + o.kind() + " on structure '" + o.structure()
            + "': the structure is empty on this grid");
      }
      terms.add(new PlanObjectiveFunction.Term(o, v.length));
      anyRobust |= o.robust();
      for (int n : v) {
        if (n < 0 || n >= size) {
          throw new IllegalArgumentException("structure '" + o.structure() + "' names voxel " + n + " off the grid of "
              + size + " voxels");
        }
        all[n] = true;
        if (o.robust()) {
          robust[n] = true;
        }
      }
    }
    long t0 = System.nanoTime();
    int s = anyRobust ? scenarios.size() : 1;
    PlanObjectiveFunction.ScenarioData[] data = new PlanObjectiveFunction.ScenarioData[s];
    long rows = 0;
    long nnz = 0;
    for (int sc = 0; sc < s; sc++) {
      int[] voxels = Morphology.indices(sc == 0 ? all : robust);
      InfluenceMatrix a = compact(engine.computeInfluence(ctx, plan, scenarios.get(sc), voxels));
      int[][] termRows = new int[terms.size()][];
      for (int t = 0; t < terms.size(); t++) {
        Objective o = terms.get(t).objective();
        if (sc == 0 || o.robust()) {
          termRows[t] = rowsOf(a, structures.get(o.structure()));
        }
      }
      data[sc] = new PlanObjectiveFunction.ScenarioData(a, termRows);
      rows += a.rows();
      nnz += a.nonZeros();
    }
    double influenceSeconds = (System.nanoTime() - t0) * 1e-9;
    PlanObjectiveFunction f = new PlanObjectiveFunction(terms, data, params.robustMode(), params.threads());
    double[] w = initialWeights(plan, data[0], terms);

    long t1 = System.nanoTime();
    int stages = (s > 1 && params.robustMode() == RobustMode.MINIMAX) ? params.minimaxStages() : 1;
    List<IterationReport> history = new ArrayList<>();
    int[] itOffset = {0};
    int[] evalOffset = {0};
    ProjectedLbfgs.Result r = null;
    double[] scratch = new double[w.length];
    for (int stage = 0; stage < stages; stage++) {
      if (stages > 1) {
        f.evaluate(w, scratch);
        f.setTau(Math.max(1e-15, 0.1 * Math.pow(0.2, stage) * Math.abs(f.lastWorst())));
      }
      int budget = params.maxIterations() / stages + (stage == stages - 1 ? params.maxIterations() % stages : 0);
      ProjectedLbfgs opt = new ProjectedLbfgs(params.memory(), Math.max(1, budget), params.relativeTolerance());
      final int st = stage;
      r = opt.minimize(f, w, (it, fv, pg, ev) -> {
        IterationReport rep = new IterationReport(itOffset[0] + it, st, fv, f.lastWorst(), f.lastNominal(), pg,
            evalOffset[0] + ev, (System.nanoTime() - t1) * 1e-9);
        history.add(rep);
        out.onIteration(rep);
      });
      w = r.x();
      itOffset[0] += r.iterations();
      evalOffset[0] += r.evaluations();
    }
    double finalValue = f.evaluate(w, scratch);
    double optSeconds = (System.nanoTime() - t1) * 1e-9;
    return new OptimizationResult(plan.withWeights(w), finalValue, f.lastWorst(), f.lastNominal(), itOffset[0],
        evalOffset[0] + 1, r.converged(), r.reason(), history, s, rows, nnz, influenceSeconds, optSeconds);
  }

  /** Uniform weights scaled so that the first minimum-dose objective's mean dose equals its level. */
  private double[] initialWeights(Plan plan, PlanObjectiveFunction.ScenarioData nominal, List<PlanObjectiveFunction.Term> terms) {
    double[] w = plan.weights();
    boolean allZero = true;
    for (double x : w) {
      allZero &= x == 0;
    }
    if (allZero) {
      Arrays.fill(w, 1.0);
    }
    double[] d = new double[nominal.matrix().rows()];
    nominal.matrix().multiply(w, d, params.threads());
    for (int t = 0; t < terms.size(); t++) {
      Objective o = terms.get(t).objective();
      if (o.kind() == Objective.Kind.MIN_DOSE || o.kind() == Objective.Kind.MIN_DVH) {
        int[] rows = nominal.termRows()[t];
        double mean = 0;
        for (int r : rows) {
          mean += d[r];
        }
        mean /= Math.max(1, rows.length);
        if (mean > 0) {
          double scale = o.doseGy() / mean;
          for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
          }
        }
        break;
      }
    }
    return w;
  }

  /** The matrix without its empty rows. */
  static InfluenceMatrix compact(InfluenceMatrix a) {
    int keep = 0;
    int[] rs = a.rowStart();
    for (int r = 0; r < a.rows(); r++) {
      if (rs[r + 1] > rs[r]) {
        keep++;
      }
    }
    if (keep == a.rows()) {
      return a;
    }
    int[] voxels = new int[keep];
    int[] start = new int[keep + 1];
    int k = 0;
    for (int r = 0; r < a.rows(); r++) {
      if (rs[r + 1] > rs[r]) {
        voxels[k] = a.voxel(r);
        start[k + 1] = start[k] + (rs[r + 1] - rs[r]);
        k++;
      }
    }
    return new InfluenceMatrix(a.columns(), voxels, start, a.colIndex(), a.values());
  }

  /** Rows of {@code a} whose voxels belong to {@code voxels} (both ascending). */
  private static int[] rowsOf(InfluenceMatrix a, int[] voxels) {
    int[] sorted = voxels.clone();
    Arrays.sort(sorted);
    int[] out = new int[a.rows()];
    int c = 0;
    for (int r = 0; r < a.rows(); r++) {
      if (Arrays.binarySearch(sorted, a.voxel(r)) >= 0) {
        out[c++] = r;
      }
    }
    return Arrays.copyOf(out, c);
  }
}
