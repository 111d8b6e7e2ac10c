package org.twinsim.model.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.param.InvalidParameterException;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/** Analytic gradients against central finite differences, the GLS mean, jitter and bad input. */
class KernelAndLikelihoodTest {

  private static double[][] points(int n, int d, long seed) {
    RandomStream s = RandomStreams.stream(seed, "test.points");
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = 4 * s.nextDouble() - 2;
      }
    }
    return x;
  }

  private static List<Kernel> kernels() {
    return List.of(
        new SquaredExponential(new double[] {0.7, 1.9}, 1e-5, 1e5),
        new Matern52(1.3),
        new Matern52(new double[] {0.5, 2.5}, 1e-5, 1e5),
        new ConstantKernel(1.7).times(new SquaredExponential(0.9)).plus(new WhiteNoise(0.2)),
        new SquaredExponential(1.1).plus(new WhiteNoise(0.3)).times(new Matern52(2.0).plus(new ConstantKernel(0.4))));
  }

  /** dK/dtheta of every kernel equals the central difference of K in theta (step 1e-5), to 1e-7. */
  @Test
  void kernelGradientsMatchFiniteDifferences() {
    double[][] x = points(7, 2, 1);
    int nn = x.length * x.length;
    for (Kernel k : kernels()) {
      double[] kk = new double[nn];
      double[][] g = new double[k.parameterCount()][nn];
      k.covarianceGradient(x, kk, g);
      double[] direct = new double[nn];
      k.covariance(x, direct);
      for (int i = 0; i < nn; i++) {
        assertEquals(direct[i], kk[i], 1e-15, k + ": K from covarianceGradient");
      }
      for (int p = 0; p < k.parameterCount(); p++) {
        double h = 1e-5;
        double[] tp = k.theta();
        double[] tm = k.theta();
        tp[p] += h;
        tm[p] -= h;
        double[] kp = new double[nn];
        double[] km = new double[nn];
        k.withTheta(tp).covariance(x, kp);
        k.withTheta(tm).covariance(x, km);
        for (int i = 0; i < nn; i++) {
          double fd = (kp[i] - km[i]) / (2 * h);
          assertEquals(fd, g[p][i], 1e-7, k + ": dK/d" + k.parameterNames().get(p) + " element " + i);
        }
      }
    }
  }

  /**
   * The gradient of the summed log likelihood with the mean profiled out equals the finite
   * difference of the profiled likelihood (the envelope theorem the optimiser relies on).
   */
  @Test
  void profiledLikelihoodGradientMatchesFiniteDifferences() {
    RandomStream s = RandomStreams.stream(3, "test.data");
    List<Dataset> data = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      int n = 6 + p % 3; // two distinct input sets share factorisations, one does not
      double[] t = new double[n];
      double[] y = new double[n];
      double bias = 2 * (s.nextDouble() - 0.5);
      for (int i = 0; i < n; i++) {
        t[i] = i;
        y[i] = 1.5 + bias + 0.1 * i + (s.nextDouble() - 0.5);
      }
      data.add(Dataset.of1d(t, y));
    }
    MarginalLikelihood ml = MarginalLikelihood.withProfiledMean(data, GpParameters.DEFAULT);
    assertEquals(3, ml.distinctInputSets());
    Kernel k = new ConstantKernel(0.5).plus(new ConstantKernel(0.2).times(new Matern52(4.0))).plus(new WhiteNoise(0.3));
    MarginalLikelihood.Evaluation e = ml.evaluate(k, true);
    for (int p = 0; p < k.parameterCount(); p++) {
      double h = 1e-6;
      double[] tp = k.theta();
      double[] tm = k.theta();
      tp[p] += h;
      tm[p] -= h;
      double fd = (ml.evaluate(k.withTheta(tp), false).value() - ml.evaluate(k.withTheta(tm), false).value()) / (2 * h);
      assertEquals(fd, e.gradient()[p], 1e-6 * Math.max(1, Math.abs(fd)), "d lml / d " + k.parameterNames().get(p));
    }
    // the profiled mean maximises over m: any other fixed mean gives a lower likelihood
    for (double dm : new double[] {-0.1, 0.1}) {
      double other = new MarginalLikelihood(data, GpParameters.DEFAULT, e.mean() + dm).evaluate(k, false).value();
      assertTrue(other < e.value(), "mean " + (e.mean() + dm) + " beats the GLS mean " + e.mean());
    }
  }

  /**
   * With bias + white (K = c 11^T + s I), K^-1 1 is proportional to 1, so the GLS mean of datasets of
   * equal size is the grand sample mean whatever c and s are.
   */
  @Test
  void glsMeanOfBiasPlusWhiteIsTheSampleMean() {
    double[][] ys = {{1, 2, 4, 7}, {-3, 0.5, 2, 2.5}, {10, 11, 9, 12}};
    List<Dataset> data = new ArrayList<>();
    double sum = 0;
    for (double[] y : ys) {
      data.add(Dataset.of1d(new double[] {0, 1, 2, 3}, y));
      for (double v : y) {
        sum += v;
      }
    }
    Kernel k = new ConstantKernel(2.3).plus(new WhiteNoise(0.7));
    double m = MarginalLikelihood.withProfiledMean(data, GpParameters.DEFAULT).evaluate(k, false).mean();
    assertEquals(sum / 12, m, 1e-12);
  }

  /**
   * Two identical inputs without noise make K singular; jitter rescues it and the GP predicts the
   * average of the two outputs there (the limit of vanishing noise). With no jitter allowed the
   * error says what is wrong.
   */
  @Test
  void jitterRescuesDuplicateInputsAndOtherwiseFailsClearly() {
    double[][] x = {{0.0}, {0.0}, {1.0}};
    double[] y = {1.0, 2.0, 0.5};
    Kernel k = new SquaredExponential(1.0);
    GpPosterior post = new GaussianProcess(k, new GpParameters(0.0, null, null)).fit(x, y, 0.0);
    assertTrue(post.jitter() > 0, "jitter expected");
    double[] mean = new double[1];
    double[] var = new double[1];
    post.predict(new double[][] {{0.0}}, false, mean, var);
    assertEquals(1.5, mean[0], 1e-3);
    assertEquals(0.0, var[0], 1e-3);

    IllConditionedCovarianceException e = assertThrows(IllConditionedCovarianceException.class,
        () -> new GaussianProcess(k, new GpParameters(0.0, null, 0.0)).fit(x, y, 0.0));
    assertTrue(e.getMessage().contains("not positive definite") && e.getMessage().contains("3 points"), e.getMessage());
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    InvalidParameterException b = assertThrows(InvalidParameterException.class,
        () -> new SquaredExponential(new double[] {50}, 1e-2, 10));
    assertTrue(b.getMessage().contains("lengthScale") && b.getMessage().contains("bounds"), b.getMessage());
    assertThrows(InvalidParameterException.class, () -> new WhiteNoise(-1));
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{0}, {1, 2}}, new double[] {1, 2}));
    assertTrue(d.getMessage().contains("dimension"), d.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[][] {{0}, {1}}, new double[] {1}));
    assertTrue(n.getMessage().contains("one output per point"), n.getMessage());
    IllegalArgumentException ard = assertThrows(IllegalArgumentException.class, () -> new GaussianProcess(
        new SquaredExponential(new double[] {1, 1}, 1e-5, 1e5)).fit(new double[][] {{0}, {1}}, new double[] {0, 1}, 0));
    assertTrue(ard.getMessage().contains("dimension"), ard.getMessage());
  }
}
