package org.twinsim.model.twin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Posterior mean, variance, covariance, log marginal likelihood and its gradient at FIXED
 * hyperparameters against scikit-learn 1.2 (gp_fixture.csv, written by
 * src/test/python/make_gp_fixture.py; nothing there uses our code), within 1e-6 relative.
 */
class GaussianProcessFixtureTest {
  private static final GpFixture F = GpFixture.load();
  private static final double REL = 1e-6;

  @Test
  void rbfPlusWhiteMatchesScikitLearn() {
    checkFixedCase("rbf_white", () -> new SquaredExponential(2.5).plus(new WhiteNoise(0.3)), true);
  }

  @Test
  void rbfWithAlphaGivesTheLatentPosterior() {
    checkFixedCase("rbf_latent", () -> new SquaredExponential(2.5), false);
  }

  /** Our latent prediction of RBF + White equals sklearn's RBF with the noise put in alpha. */
  @Test
  void latentVarianceOfRbfPlusWhiteEqualsScikitLearnWithNoiseAsAlpha() {
    Kernel k = new SquaredExponential(2.5).plus(new WhiteNoise(0.3)).withTheta(F.values("rbf_white", "theta"));
    GpPosterior post = new GaussianProcess(k).fit(F.get("rbf_white", "x").matrix(), F.values("rbf_white", "y"), 0);
    double[][] xs = F.get("rbf_latent", "xs").matrix();
    double[] mean = new double[xs.length];
    double[] var = new double[xs.length];
    post.predict(xs, false, mean, var);
    assertClose(F.values("rbf_latent", "mean"), mean, "latent mean");
    assertClose(F.values("rbf_latent", "std"), sqrt(var), "latent std");
    double[] cov = post.predictCovariance(xs, false);
    assertClose(F.values("rbf_latent", "cov"), cov, "latent cov");
  }

  @Test
  void matern52WithOneLengthScalePerDimensionMatchesScikitLearn() {
    checkFixedCase("matern52_ard", () -> new Matern52(new double[] {1.7, 0.8}, 1e-5, 1e5), false);
  }

  @Test
  void constantTimesRbfPlusWhiteMatchesScikitLearn() {
    checkFixedCase("const_rbf_white",
        () -> new ConstantKernel(2.0).times(new SquaredExponential(1.3)).plus(new WhiteNoise(0.1)), true);
  }

  @Test
  void theTwinKernelBiasPlusMaternTrendPlusWhiteMatchesScikitLearn() {
    checkFixedCase("twin_kernel", () -> new ConstantKernel(4.0)
        .plus(new ConstantKernel(1.0).times(new Matern52(5.0))).plus(new WhiteNoise(2.0)), true);
  }

  /** Our optimiser reaches at least scikit-learn's optimum (L-BFGS-B, 10 restarts) within the same bounds. */
  @Test
  void optimisedHyperparametersReachScikitLearnsOptimum() {
    Kernel start = new ConstantKernel(1.0, 1e-3, 1e3)
        .times(new SquaredExponential(new double[] {1.0}, 1e-2, 1e2))
        .plus(new WhiteNoise(1.0, 1e-5, 1e1));
    double[] bounds = F.values("optimum", "bounds");
    for (int i = 0; i < start.parameterCount(); i++) {
      assertEquals(bounds[2 * i], start.lowerBounds()[i], 1e-12, "lower bound " + i);
      assertEquals(bounds[2 * i + 1], start.upperBounds()[i], 1e-12, "upper bound " + i);
    }
    assertArrayEquals(F.values("optimum", "theta_start"), start.theta(), 1e-12);
    Dataset data = new Dataset(F.get("optimum", "x").matrix(), F.values("optimum", "y"));
    GpParameters gp = new GpParameters(F.values("optimum", "alpha")[0], null, null);
    MarginalLikelihood ml = new MarginalLikelihood(List.of(data), gp, 0.0);
    HyperparameterOptimizer.Result r = new HyperparameterOptimizer(new OptimizerParameters(3, 1L, null, null))
        .maximise(start, ml);
    double sk = F.get("optimum", "lml_opt").scalar();
    System.out.printf("optimum: ours %.12f (%s, %d evaluations, %d starts), scikit-learn %.12f%n",
        r.logMarginalLikelihood(), r.kernel(), r.evaluations(), r.starts(), sk);
    assertTrue(r.logMarginalLikelihood() >= sk - 1e-7,
        "ours " + r.logMarginalLikelihood() + " < scikit-learn's " + sk + " (" + r.kernel() + ")");
    assertArrayEquals(F.values("optimum", "theta_opt"), r.kernel().theta(), 1e-3, "optimum " + r.kernel());
  }

  private static void checkFixedCase(String name, Supplier<Kernel> kernelSupplier, boolean predictionsIncludeNoise) {
    Kernel k0 = kernelSupplier.get();
    double[] theta = F.values(name, "theta");
    assertArrayEquals(theta, k0.theta(), 1e-12, name + ": kernel built as sklearn's");
    Kernel k = k0.withTheta(theta);
    double alpha = F.values(name, "alpha")[0];
    GaussianProcess gp = new GaussianProcess(k, new GpParameters(alpha, null, null));
    Dataset data = new Dataset(F.get(name, "x").matrix(), F.values(name, "y"));
    GpPosterior post = gp.fit(data);
    assertEquals(0.0, post.jitter(), name + ": no jitter needed");
    double[][] xs = F.get(name, "xs").matrix();
    double[] mean = new double[xs.length];
    double[] var = new double[xs.length];
    post.predict(xs, predictionsIncludeNoise, mean, var);
    assertClose(F.values(name, "mean"), mean, name + " mean");
    assertClose(F.values(name, "std"), sqrt(var), name + " std");
    assertClose(F.values(name, "cov"), post.predictCovariance(xs, predictionsIncludeNoise), name + " cov");
    assertClose(F.values(name, "lml"), new double[] {post.logMarginalLikelihood()}, name + " lml");

    double[] grad = new double[k.parameterCount()];
    double lml = gp.logMarginalLikelihood(data, 0.0, grad);
    assertClose(F.values(name, "lml"), new double[] {lml}, name + " lml via likelihood");
    assertClose(F.values(name, "lml_grad"), grad, name + " lml gradient");

    GaussianProcess gp2 = new GaussianProcess(k.withTheta(F.values(name, "theta2")), gp.parameters());
    double lml2 = gp2.logMarginalLikelihood(data, 0.0, grad);
    assertClose(F.values(name, "lml2"), new double[] {lml2}, name + " lml at theta2");
    assertClose(F.values(name, "lml2_grad"), grad, name + " lml gradient at theta2");
  }

  private static double[] sqrt(double[] v) {
    double[] s = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = Math.sqrt(v[i]);
    }
    return s;
  }

  /**
   * |actual - expected| <= 1e-6 |expected| element-wise; elements whose expected magnitude is below
   * 1e-9 of the quantity's largest (values that are zero up to round-off, e.g. off-diagonal
   * covariances of distant points) are held to 1e-6 of 1e-9 of that largest instead.
   */
  static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double max = 0;
    for (double e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(Math.abs(expected[i]), 1e-9 * max);
      double rel = Math.abs(actual[i] - expected[i]) / scale;
      worst = Math.max(worst, rel);
      assertTrue(rel <= REL, what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
          + " (relative error " + rel + ")");
    }
    System.out.printf("%-40s worst relative error %.2e over %d values%n", what, worst, expected.length);
  }
}
