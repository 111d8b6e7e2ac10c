package org.twinsim.model.planning;

import java.util.Arrays;

/**
 * Minimisation of a smooth function subject to x >= 0 by a projected limited-memory quasi-Newton
 * method on primitive arrays.
 *
 * <p>Reference: Kim, Sra and Dhillon 2010, "Tackling box-constrained optimization via a new
 * projected quasi-Newton approach", SIAM J Sci Comput 32:3548 (active set of variables at the
 * bound with a gradient pushing outwards, L-BFGS direction restricted to the free variables,
 * projection onto the bound); Bertsekas 1982, SIAM J Control Optim 20:221 (projected Newton with an
 * Armijo rule along the projection arc); L-BFGS two-loop recursion as in Nocedal and Wright,
 * Numerical Optimization, 2nd ed., Algorithm 7.4. (commons-math3 has no bound-constrained
 * quasi-Newton method.)
 */
public final class ProjectedLbfgs {

  /** The function: returns f(x) and writes its gradient into {@code gradOut} (modified). */
  @FunctionalInterface
  public interface Function {
    double evaluate(double[] x, double[] gradOut);
  }

  /** Called after every accepted iteration. */
  @FunctionalInterface
  public interface Observer {
    void iteration(int iteration, double f, double projectedGradientNorm, int evaluations);
  }

  /**
   * @param x the final point (a new array)
   * @param f its value
   * @param iterations accepted iterations
   * @param evaluations function evaluations
   * @param converged whether a tolerance (rather than the iteration limit) ended the run
   * @param reason why it stopped
   */
  public record Result(double[] x, double f, int iterations, int evaluations, boolean converged, String reason) {
  }

  private static final int WINDOW = 5;
  private final int memory;
  private final int maxIterations;
  private final double relativeTolerance;

  public ProjectedLbfgs(int memory, int maxIterations, double relativeTolerance) {
    if (memory < 1 || maxIterations < 1 || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException("projected L-BFGS needs memory >= 1, maxIterations >= 1, tolerance >= 0; got "
          + memory + ", " + maxIterations + ", " + relativeTolerance);
    }
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.relativeTolerance = relativeTolerance;
  }

  /** Minimises {@code fn} over x >= 0 from {@code x0} (not modified; negative entries are projected to 0). */
  public Result minimize(Function fn, double[] x0, Observer observer) {
    int n = x0.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.max(0, x0[i]);
    }
    double[] g = new double[n];
    double f = fn.evaluate(x, g);
    int evals = 1;
    if (!Double.isFinite(f)) {
      throw new IllegalArgumentException("objective is not finite at the starting point: " + f);
    }
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    int stored = 0;
    int head = 0; // next slot
    double[] d = new double[n];
    double[] q = new double[n];
    double[] alpha = new double[memory];
    double[] xn = new double[n];
    double[] gn = new double[n];
    boolean[] active = new boolean[n];
    double[] history = new double[maxIterations + 1];
    history[0] = f;
    int it = 0;
    String reason = "iteration limit";
    boolean converged = false;
    while (it < maxIterations) {
      double pg = 0;
      for (int i = 0; i < n; i++) {
        active[i] = x[i] <= 0 && g[i] > 0;
        double p = active[i] ? 0 : (x[i] <= 0 ? Math.min(g[i], 0) : g[i]);
        pg = Math.max(pg, Math.abs(p));
      }
      if (pg == 0) {
        reason = "projected gradient is zero";
        converged = true;
        break;
      }
      // two-loop recursion on the free variables
      for (int i = 0; i < n; i++) {
        q[i] = active[i] ? 0 : g[i];
      }
      for (int m = 0; m < stored; m++) {
        int slot = Math.floorMod(head - 1 - m, memory);
        alpha[slot] = rho[slot] * dot(s[slot], q);
        axpy(-alpha[slot], y[slot], q);
      }
      double gamma = 1;
      if (stored > 0) {
        int last = Math.floorMod(head - 1, memory);
        gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      }
      for (int i = 0; i < n; i++) {
        q[i] *= gamma;
      }
      for (int m = stored - 1; m >= 0; m--) {
        int slot = Math.floorMod(head - 1 - m, memory);
        double beta = rho[slot] * dot(y[slot], q);
        axpy(alpha[slot] - beta, s[slot], q);
      }
      double slope = 0;
      for (int i = 0; i < n; i++) {
        d[i] = active[i] ? 0 : -q[i];
        slope += g[i] * d[i];
      }
      if (!(slope < 0) || stored == 0) {
        // steepest descent on the free variables, scaled to a modest first step
        stored = 0;
        double gmax = 0;
        double xmax = 0;
        for (int i = 0; i < n; i++) {
          d[i] = active[i] ? 0 : -g[i];
          gmax = Math.max(gmax, Math.abs(d[i]));
          xmax = Math.max(xmax, x[i]);
        }
        double scale = 0.1 * Math.max(xmax, 1e-3) / gmax;
        slope = 0;
        for (int i = 0; i < n; i++) {
          d[i] *= scale;
          slope += g[i] * d[i];
        }
      }
      // Armijo backtracking along the projection arc
      double step = 1;
      double fn1 = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 40; ls++) {
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          xn[i] = Math.max(0, x[i] + step * d[i]);
          decrease += g[i] * (xn[i] - x[i]);
        }
        fn1 = fn.evaluate(xn, gn);
        evals++;
        if (Double.isFinite(fn1) && fn1 <= f + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        if (stored > 0) {
          stored = 0; // retry with steepest descent
          continue;
        }
        reason = "line search found no decrease";
        converged = true;
        break;
      }
      // curvature pair
      double sy = 0;
      double ss = 0;
      double yy = 0;
      double[] sNew = s[head];
      double[] yNew = y[head];
      for (int i = 0; i < n; i++) {
        sNew[i] = xn[i] - x[i];
        yNew[i] = gn[i] - g[i];
        sy += sNew[i] * yNew[i];
        ss += sNew[i] * sNew[i];
        yy += yNew[i] * yNew[i];
      }
      if (sy > 1e-12 * Math.sqrt(ss * yy)) {
        rho[head] = 1.0 / sy;
        head = (head + 1) % memory;
        stored = Math.min(stored + 1, memory);
      }
      System.arraycopy(xn, 0, x, 0, n);
      System.arraycopy(gn, 0, g, 0, n);
      f = fn1;
      it++;
      history[it] = f;
      if (observer != null) {
        observer.iteration(it, f, pg, evals);
      }
      if (it >= WINDOW && history[it - WINDOW] - f <= relativeTolerance * Math.abs(f)) {
        reason = "relative improvement below " + relativeTolerance + " over " + WINDOW + " iterations";
        converged = true;
        break;
      }
    }
    return new Result(Arrays.copyOf(x, n), f, it, evals, converged, reason);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
