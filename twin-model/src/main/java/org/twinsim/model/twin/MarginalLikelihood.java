package org.twinsim.model.twin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The summed log marginal likelihood sum_p log p(y_p | X_p, theta) of independent datasets sharing
 * one kernel (GPML eq. 5.8 per dataset) and its analytic gradient with respect to the log
 * hyperparameters, 1/2 tr((alpha alpha^T - K^-1) dK/dtheta_j) per dataset (GPML eq. 5.9).
 *
 * <p>The constant prior mean is either fixed or profiled out: for given theta its maximum-likelihood
 * value is the generalised-least-squares estimate m = sum_p 1^T K_p^-1 y_p / sum_p 1^T K_p^-1 1
 * (GPML sec. 2.7, eq. 2.42 with h(x) = 1 and a vague prior on the coefficient). At that m the
 * partial derivative in m vanishes, so the gradient in theta of the profiled likelihood is the
 * partial gradient at fixed m (envelope theorem).
 *
 * <p>Datasets with identical inputs (a cohort imaged at the same fraction indices) share one
 * covariance matrix and one factorisation: a cohort of P patients costs one Cholesky, not P.
 */
public final class MarginalLikelihood {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final List<Group> groups;
  private final GpParameters parameters;
  private final boolean profileMean;
  private final double fixedMean;
  private final int datasets;

  /** Datasets with inputs identical to each other's, evaluated with one covariance. */
  private record Group(double[][] x, List<double[]> ys) {
  }

  /**
   * The value and gradient at one theta.
   *
   * @param value summed log marginal likelihood
   * @param gradient d value / d theta (length parameterCount), or an empty array if not asked for
   * @param mean the prior mean used (fixed, or the profiled estimate)
   */
  public record Evaluation(double value, double[] gradient, double mean) {
  }

  /** Likelihood with a fixed constant prior mean. */
  public MarginalLikelihood(List<Dataset> data, GpParameters parameters, double fixedMean) {
    this(data, parameters, false, fixedMean);
  }

  /** Likelihood with the constant prior mean profiled out (its GLS estimate at each theta). */
  public static MarginalLikelihood withProfiledMean(List<Dataset> data, GpParameters parameters) {
    return new MarginalLikelihood(data, parameters, true, 0.0);
  }

  private MarginalLikelihood(List<Dataset> data, GpParameters parameters, boolean profileMean, double fixedMean) {
    if (data == null || data.isEmpty()) {
      throw new IllegalArgumentException("marginal likelihood: expected at least one dataset");
    }
    if (!Double.isFinite(fixedMean)) {
      throw new IllegalArgumentException("marginal likelihood: prior mean must be finite, got " + fixedMean);
    }
    this.parameters = parameters == null ? GpParameters.DEFAULT : parameters;
    this.profileMean = profileMean;
    this.fixedMean = fixedMean;
    List<Group> gs = new ArrayList<>();
    int count = 0;
    for (Dataset d : data) {
      if (d == null) {
        throw new IllegalArgumentException("marginal likelihood: dataset " + count + " is null");
      }
      count++;
      if (d.size() == 0) {
        continue;
      }
      Group match = null;
      for (Group g : gs) {
        if (Arrays.deepEquals(g.x, d.xShared())) {
          match = g;
          break;
        }
      }
      if (match == null) {
        match = new Group(d.xShared(), new ArrayList<>());
        gs.add(match);
      }
      match.ys.add(d.yShared());
    }
    if (gs.isEmpty()) {
      throw new IllegalArgumentException("marginal likelihood: all " + count + " datasets are empty");
    }
    this.groups = List.copyOf(gs);
    this.datasets = count;
  }

  /** Number of datasets (patients). */
  public int datasetCount() {
    return datasets;
  }

  /** Number of distinct input sets, i.e. Cholesky factorisations per evaluation. */
  public int distinctInputSets() {
    return groups.size();
  }

  public boolean profilesMean() {
    return profileMean;
  }

  /**
   * Evaluates at the kernel's current hyperparameters.
   *
   * @throws IllConditionedCovarianceException if some covariance cannot be factored
   */
  public Evaluation evaluate(Kernel kernel, boolean withGradient) {
    int np = kernel.parameterCount();
    int ng = groups.size();
    CholeskyFactor[] factors = new CholeskyFactor[ng];
    double[][][] grads = withGradient ? new double[ng][][] : null;
    for (int g = 0; g < ng; g++) {
      double[][] x = groups.get(g).x;
      int n = x.length;
      double[] k = new double[n * n];
      if (withGradient) {
        grads[g] = new double[np][n * n];
        kernel.covarianceGradient(x, k, grads[g]);
      } else {
        kernel.covariance(x, k);
      }
      factors[g] = CholeskyFactor.of(k, n, parameters, kernel.toString());
    }
    double mean = profileMean ? glsMean(factors) : fixedMean;
    double value = 0;
    double[] gradient = new double[withGradient ? np : 0];
    for (int g = 0; g < ng; g++) {
      Group grp = groups.get(g);
      CholeskyFactor f = factors[g];
      int n = grp.x.length;
      int cnt = grp.ys.size();
      double logDet = f.logDeterminant();
      double[] s = withGradient ? new double[n * n] : null; // sum_p a_p a_p^T - cnt K^-1
      double[] r = new double[n];
      double[] a = new double[n];
      for (double[] y : grp.ys) {
        for (int i = 0; i < n; i++) {
          r[i] = y[i] - mean;
        }
        f.solve(r, a);
        double fit = 0;
        for (int i = 0; i < n; i++) {
          fit += r[i] * a[i];
        }
        value += -0.5 * fit - 0.5 * logDet - 0.5 * n * LOG_2PI;
        if (withGradient) {
          for (int i = 0; i < n; i++) {
            double ai = a[i];
            for (int j = 0; j < n; j++) {
              s[i * n + j] += ai * a[j];
            }
          }
        }
      }
      if (withGradient) {
        double[] kinv = new double[n * n];
        f.inverse(kinv);
        for (int i = 0; i < n * n; i++) {
          s[i] -= cnt * kinv[i];
        }
        for (int p = 0; p < np; p++) {
          double[] dk = grads[g][p];
          double t = 0;
          for (int i = 0; i < n * n; i++) {
            t += s[i] * dk[i];
          }
          gradient[p] += 0.5 * t;
        }
      }
    }
    return new Evaluation(value, gradient, mean);
  }

  /** m = sum_p 1^T K_p^-1 y_p / sum_p 1^T K_p^-1 1. */
  private double glsMean(CholeskyFactor[] factors) {
    double num = 0;
    double den = 0;
    for (int g = 0; g < factors.length; g++) {
      Group grp = groups.get(g);
      int n = grp.x.length;
      double[] u = new double[n];
      Arrays.fill(u, 1.0);
      factors[g].solve(u, u); // K^-1 1
      double sumU = 0;
      for (double v : u) {
        sumU += v;
      }
      den += grp.ys.size() * sumU;
      for (double[] y : grp.ys) {
        for (int i = 0; i < n; i++) {
          num += u[i] * y[i]; // 1^T K^-1 y = (K^-1 1)^T y
        }
      }
    }
    return num / den;
  }
}
