package org.twinsim.model.twin;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * Type-II maximum likelihood (GPML sec. 5.4.1): the kernel hyperparameters that maximise a
 * {@link MarginalLikelihood}, by Polak-Ribiere non-linear conjugate gradients (commons-math3) on the
 * analytic gradient (GPML eq. 5.9), from the kernel's own hyperparameters and from
 * {@link OptimizerParameters#restarts()} seeded random starts.
 *
 * <p>Bounds: each free log hyperparameter is mapped to an unconstrained variable u by
 * theta = lo + (hi - lo) / (1 + exp(-u)), so every trial point lies within the bounds; the gradient
 * follows by the chain rule. Parameters whose bounds coincide are held fixed. The best point seen
 * in any evaluation of any start is returned, so a start that hits the evaluation limit still
 * counts. Restarts are drawn uniformly in the log-space box from the named stream
 * {@code twin.gp.restarts} (seed, restart index), as scikit-learn draws its restarts.
 */
public final class HyperparameterOptimizer {
  private final OptimizerParameters parameters;

  /**
   * The outcome.
   *
   * @param kernel the kernel at the best hyperparameters
   * @param mean the prior mean there (profiled or fixed, as the likelihood says)
   * @param logMarginalLikelihood the best summed log marginal likelihood
   * @param evaluations objective evaluations over all starts
   * @param starts starts run (1 + restarts)
   * @param failedEvaluations evaluations where the covariance could not be factored (penalised)
   */
  public record Result(Kernel kernel, double mean, double logMarginalLikelihood, int evaluations, int starts,
                       int failedEvaluations) {
  }

  public HyperparameterOptimizer() {
    this(OptimizerParameters.DEFAULT);
  }

  public HyperparameterOptimizer(OptimizerParameters parameters) {
    this.parameters = parameters == null ? OptimizerParameters.DEFAULT : parameters;
  }

  public OptimizerParameters parameters() {
    return parameters;
  }

  /** Maximises {@code likelihood} over the hyperparameters of {@code start}, within its bounds. */
  public Result maximise(Kernel start, MarginalLikelihood likelihood) {
    double[] theta0 = start.theta();
    double[] lo = start.lowerBounds();
    double[] hi = start.upperBounds();
    int np = theta0.length;
    int[] free = java.util.stream.IntStream.range(0, np).filter(i -> hi[i] > lo[i]).toArray();
    Search search = new Search(start, likelihood, lo, hi, free);
    if (free.length == 0) {
      search.value(new double[0]);
      return search.result(1);
    }
    int starts = 1 + parameters.restarts();
    for (int s = 0; s < starts; s++) {
      double[] u = new double[free.length];
      if (s == 0) {
        for (int f = 0; f < free.length; f++) {
          int i = free[f];
          double frac = (Math.min(hi[i], Math.max(lo[i], theta0[i])) - lo[i]) / (hi[i] - lo[i]);
          frac = Math.min(1 - 1e-9, Math.max(1e-9, frac));
          u[f] = Math.log(frac / (1 - frac));
        }
      } else {
        RandomStream rs = RandomStreams.stream(parameters.seed(), "twin.gp.restarts", s);
        for (int f = 0; f < free.length; f++) {
          double frac = Math.min(1 - 1e-9, Math.max(1e-9, rs.nextDouble()));
          u[f] = Math.log(frac / (1 - frac));
        }
      }
      run(search, u);
    }
    return search.result(starts);
  }

  private void run(Search search, double[] u0) {
    NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
        new SimpleValueChecker(parameters.relativeTolerance(), 1e-14), 1e-10, 1e-12, 0.5);
    try {
      cg.optimize(new MaxEval(parameters.maxEvaluations()), new ObjectiveFunction(search::value),
          new ObjectiveFunctionGradient(search::gradient), GoalType.MAXIMIZE, new InitialGuess(u0));
    } catch (MathIllegalStateException e) { // includes TooManyEvaluationsException
      // the best point seen so far is kept by the search; a start that stalls still counts
    }
  }

  /** Objective in the unconstrained variables u, caching the last evaluation and the best seen. */
  private static final class Search {
    private static final double PENALTY = -1e100;
    private final Kernel template;
    private final MarginalLikelihood likelihood;
    private final double[] lo;
    private final double[] hi;
    private final int[] free;
    private final double[] theta;
    private double[] lastU;
    private double lastValue;
    private double[] lastGradU;
    private double bestValue = Double.NEGATIVE_INFINITY;
    private double[] bestTheta;
    private double bestMean;
    private int evaluations;
    private int failed;

    Search(Kernel template, MarginalLikelihood likelihood, double[] lo, double[] hi, int[] free) {
      this.template = template;
      this.likelihood = likelihood;
      this.lo = lo;
      this.hi = hi;
      this.free = free;
      this.theta = template.theta();
      for (int i = 0; i < theta.length; i++) {
        theta[i] = Math.min(hi[i], Math.max(lo[i], theta[i]));
      }
    }

    double value(double[] u) {
      evaluate(u);
      return lastValue;
    }

    double[] gradient(double[] u) {
      evaluate(u);
      return lastGradU.clone();
    }

    private void evaluate(double[] u) {
      if (lastU != null && Arrays.equals(lastU, u)) {
        return;
      }
      double[] th = theta.clone();
      double[] dthDu = new double[free.length];
      for (int f = 0; f < free.length; f++) {
        int i = free[f];
        double s = 1 / (1 + Math.exp(-u[f]));
        th[i] = lo[i] + (hi[i] - lo[i]) * s;
        dthDu[f] = (hi[i] - lo[i]) * s * (1 - s);
      }
      evaluations++;
      lastU = u.clone();
      lastGradU = new double[free.length];
      try {
        MarginalLikelihood.Evaluation e = likelihood.evaluate(template.withTheta(th), true);
        if (!Double.isFinite(e.value())) {
          throw new IllConditionedCovarianceException("non-finite likelihood");
        }
        lastValue = e.value();
        for (int f = 0; f < free.length; f++) {
          lastGradU[f] = e.gradient()[free[f]] * dthDu[f];
        }
        if (e.value() > bestValue) {
          bestValue = e.value();
          bestTheta = th;
          bestMean = e.mean();
        }
      } catch (IllConditionedCovarianceException ex) {
        failed++;
        lastValue = PENALTY;
      }
    }

    Result result(int starts) {
      if (bestTheta == null) {
        throw new IllConditionedCovarianceException("hyperparameter search: no evaluation of the likelihood of "
            + template + " succeeded in " + evaluations + " tries; every covariance was ill-conditioned");
      }
      return new Result(template.withTheta(bestTheta), bestMean, bestValue, evaluations, starts, failed);
    }
  }
}
