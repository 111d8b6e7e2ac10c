package org.twinsim.model.planning;

import java.util.Arrays;
import java.util.List;
import org.twinsim.model.dose.InfluenceMatrix;
import org.twinsim.model.dose.Parallel;

/**
 * The optimisation objective of a plan as a function of its spot weights: the nominal objectives on
 * the nominal dose plus the robust objectives combined over scenarios (worst case smoothed by
 * log-sum-exp, or mean), with its gradient through the dose-influence matrices. Scenarios are
 * evaluated in parallel; each scenario's products run in one thread.
 */
final class PlanObjectiveFunction implements ProjectedLbfgs.Function {

  /** One objective with its structure's size. */
  record Term(Objective objective, int totalVoxels) {
  }

  /** The influence matrix of one scenario and, per term, the rows it covers (null: not evaluated here). */
  record ScenarioData(InfluenceMatrix matrix, int[][] termRows) {
  }

  private final List<Term> terms;
  private final ScenarioData[] scenarios;
  private final RobustMode mode;
  private final int threads;
  private final int columns;
  private double tau = Double.NaN;
  // per-scenario buffers
  private final double[][] dose;
  private final double[][] gradDose;
  private final double[][] gradNominalDose;
  private final double[][] gradW;
  private final double[] robustValue;
  private final double[] nominalValue;
  private double lastWorst;
  private double lastNominal;

  PlanObjectiveFunction(List<Term> terms, ScenarioData[] scenarios, RobustMode mode, int threads) {
    this.terms = terms;
    this.scenarios = scenarios;
    this.mode = mode;
    this.threads = threads;
    this.columns = scenarios[0].matrix().columns();
    int s = scenarios.length;
    dose = new double[s][];
    gradDose = new double[s][];
    gradNominalDose = new double[s][];
    gradW = new double[s][columns];
    for (int i = 0; i < s; i++) {
      dose[i] = new double[scenarios[i].matrix().rows()];
      gradDose[i] = new double[scenarios[i].matrix().rows()];
    }
    gradNominalDose[0] = new double[scenarios[0].matrix().rows()];
    robustValue = new double[s];
    nominalValue = new double[1];
  }

  /** Temperature of the log-sum-exp worst case (absolute, objective units). */
  void setTau(double t) {
    this.tau = t;
  }

  int scenarioCount() {
    return scenarios.length;
  }

  /** Worst scenario's robust objective sum at the last evaluation. */
  double lastWorst() {
    return lastWorst;
  }

  /** All objectives in the nominal scenario at the last evaluation. */
  double lastNominal() {
    return lastNominal;
  }

  /** Nominal dose of the rows of the nominal matrix at the last evaluation (not a copy). */
  double[] lastNominalDose() {
    return dose[0];
  }

  @Override
  public double evaluate(double[] w, double[] grad) {
    int s = scenarios.length;
    Parallel.forEach(Math.min(Parallel.resolve(threads), s), s, sc -> {
      InfluenceMatrix a = scenarios[sc].matrix();
      a.multiply(w, dose[sc], 1);
      Arrays.fill(gradDose[sc], 0);
      double rob = 0;
      double nom = 0;
      if (sc == 0) {
        Arrays.fill(gradNominalDose[0], 0);
      }
      int[][] rows = scenarios[sc].termRows();
      for (int t = 0; t < terms.size(); t++) {
        if (rows[t] == null) {
          continue;
        }
        Term term = terms.get(t);
        if (term.objective().robust()) {
          rob += penalty(term, dose[sc], rows[t], gradDose[sc]);
        } else if (sc == 0) {
          nom += penalty(term, dose[0], rows[t], gradNominalDose[0]);
        }
      }
      robustValue[sc] = rob;
      if (sc == 0) {
        nominalValue[0] = nom;
      }
    });
    // combine scenarios
    double worst = Double.NEGATIVE_INFINITY;
    for (double v : robustValue) {
      worst = Math.max(worst, v);
    }
    double[] coeff = new double[s];
    double combined;
    if (s == 1) {
      coeff[0] = 1;
      combined = robustValue[0];
    } else if (mode == RobustMode.EXPECTED_VALUE) {
      double sum = 0;
      for (double v : robustValue) {
        sum += v;
      }
      Arrays.fill(coeff, 1.0 / s);
      combined = sum / s;
    } else {
      double t = tau > 0 ? tau : Math.max(1e-12, 0.1 * Math.abs(worst));
      double z = 0;
      for (int i = 0; i < s; i++) {
        coeff[i] = Math.exp((robustValue[i] - worst) / t);
        z += coeff[i];
      }
      for (int i = 0; i < s; i++) {
        coeff[i] /= z;
      }
      combined = worst + t * Math.log(z);
    }
    lastWorst = worst;
    lastNominal = nominalValue[0] + robustValue[0];
    Parallel.forEach(Math.min(Parallel.resolve(threads), s), s, sc -> {
      double[] gd = gradDose[sc];
      double c = coeff[sc];
      if (sc == 0) {
        double[] gn = gradNominalDose[0];
        for (int r = 0; r < gd.length; r++) {
          gd[r] = c * gd[r] + gn[r];
        }
      } else {
        for (int r = 0; r < gd.length; r++) {
          gd[r] *= c;
        }
      }
      scenarios[sc].matrix().multiplyTranspose(gd, gradW[sc], 1);
    });
    Arrays.fill(grad, 0);
    for (int sc = 0; sc < s; sc++) {
      double[] gw = gradW[sc];
      for (int c = 0; c < columns; c++) {
        grad[c] += gw[c];
      }
    }
    return nominalValue[0] + combined;
  }

  /** The penalty of one term on the given rows of {@code d}; adds its gradient w.r.t. d into {@code g}. */
  static double penalty(Term term, double[] d, int[] rows, double[] g) {
    Objective o = term.objective();
    int n = term.totalVoxels();
    int missing = n - rows.length; // voxels no spot reaches: dose 0
    double level = o.doseGy();
    double scale = o.weight() / n;
    double f = 0;
    switch (o.kind()) {
      case MIN_DOSE -> {
        for (int r : rows) {
          double res = level - d[r];
          if (res > 0) {
            f += res * res;
            g[r] -= 2 * scale * res;
          }
        }
        f += (double) missing * level * level;
      }
      case MAX_DOSE -> {
        for (int r : rows) {
          double res = d[r] - level;
          if (res > 0) {
            f += res * res;
            g[r] += 2 * scale * res;
          }
        }
      }
      case MAX_DVH -> {
        int allowed = (int) Math.floor(o.volumePercent() / 100.0 * n);
        int above = 0;
        for (int r : rows) {
          if (d[r] > level) {
            above++;
          }
        }
        if (above > allowed) {
          // D_v: the (allowed+1)-th largest dose; penalise D < d <= D_v
          double dv = kthLargest(d, rows, allowed + 1);
          for (int r : rows) {
            double v = d[r];
            if (v > level && v <= dv) {
              double res = v - level;
              f += res * res;
              g[r] += 2 * scale * res;
            }
          }
        }
      }
      case MIN_DVH -> {
        int required = (int) Math.ceil(o.volumePercent() / 100.0 * n);
        double dv = required > rows.length ? 0 : kthLargest(d, rows, required);
        if (dv < level) {
          for (int r : rows) {
            double v = d[r];
            if (v >= dv && v < level) {
              double res = level - v;
              f += res * res;
              g[r] -= 2 * scale * res;
            }
          }
          if (dv <= 0) {
            f += (double) missing * level * level;
          }
        }
      }
      default -> throw new IllegalStateException("unknown objective kind " + o.kind());
    }
    return scale * f;
  }

  /** The k-th largest (k >= 1) of d over the rows, by quickselect on a copy. */
  static double kthLargest(double[] d, int[] rows, int k) {
    double[] a = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      a[i] = d[rows[i]];
    }
    int target = a.length - k; // k-th largest = (n-k)-th smallest, 0-based
    if (target < 0) {
      return 0;
    }
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[target];
  }
}
