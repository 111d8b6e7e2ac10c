package org.twinsim.model.twin;
import java.util.List;
import org.twinsim.model.anatomy.Axes3;
/**
 * Experiment behind {@link PatientTwin}'s design choice (not a unit test): coverage of the 90%
 * interval of the next measurement when the patient's GP keeps the population hyperparameters,
 * versus re-estimating them by maximum likelihood on the patient's own fractions so far (all of
 * them, or the white variance only). Prior trained on 40 MotionModel patients (seed 1001), 20
 * evaluation patients (seed 2002), forecasts for fractions 3-27, registration error 1 mm.
 *
 * <p>Run: {@code ./mvnw -o -q -pl twin-model test-compile && java -cp
 * twin-model/target/classes:twin-model/target/test-classes:<deps> org.twinsim.model.twin.PerPatientRefitExperiment}
 */
final class PerPatientRefitExperiment {
  public static void main(String[] args) {
    MotionCohort train = new MotionCohort(1001, 40, 28, 1.0);
    PopulationPrior prior = PopulationPrior.fit(train.measured(), TwinParameters.DEFAULT.withRegistrationNoiseSdMm(Axes3.of(1,1,1)));
    MotionCohort eval = new MotionCohort(2002, 20, 28, 1.0);
    int[] hitKeep = new int[3], hitRefit = new int[3], hitWhite = new int[3]; int n = 0;
    for (int p = 0; p < 20; p++) {
      for (int f = 3; f < 28; f++) {
        double[] t = new double[f];
        for (int i = 0; i < f; i++) t[i] = i;
        for (int a = 0; a < 3; a++) {
          double[] y = new double[f];
          for (int i = 0; i < f; i++) y[i] = eval.measuredMm[p][i][a];
          Dataset d = Dataset.of1d(t, y);
          ChannelPrior c = prior.axis(a);
          double m = c.mean();
          double truth = eval.measuredMm[p][f][a];
          hitKeep[a] += covers(c.kernel(), d, m, f, truth) ? 1 : 0;
          // full per-patient ML refit of all hyperparameters, started at the prior
          HyperparameterOptimizer.Result r = new HyperparameterOptimizer(new OptimizerParameters(0, 0L, 500, 1e-8))
              .maximise(c.kernel(), new MarginalLikelihood(List.of(d), GpParameters.DEFAULT, m));
          hitRefit[a] += covers(r.kernel(), d, m, f, truth) ? 1 : 0;
          // re-estimate only the white variance (bias and trend fixed at the prior)
          Kernel k = c.kernel();
          Kernel fixed = fixAllButWhite(k);
          HyperparameterOptimizer.Result rw = new HyperparameterOptimizer(new OptimizerParameters(0, 0L, 500, 1e-8))
              .maximise(fixed, new MarginalLikelihood(List.of(d), GpParameters.DEFAULT, m));
          hitWhite[a] += covers(rw.kernel(), d, m, f, truth) ? 1 : 0;
        }
        n++;
      }
    }
    for (int a = 0; a < 3; a++) System.out.printf("axis %d (fractions 3-27, %d forecasts): keep prior %.3f, refit all %.3f, refit white only %.3f%n", a, n, hitKeep[a]/(double)n, hitRefit[a]/(double)n, hitWhite[a]/(double)n);
  }
  private static boolean covers(Kernel k, Dataset d, double m, int f, double truth) {
    GpPosterior post = new GaussianProcess(k).fit(d, m);
    double[] mu = new double[1], v = new double[1];
    post.predict(new double[][] {{f}}, true, mu, v);
    double h = 1.6448536269514722 * Math.sqrt(v[0]);
    return truth >= mu[0] - h && truth <= mu[0] + h;
  }
  // rebuild the bias + trend + white kernel with all but the white term's bounds collapsed (fixed)
  private static Kernel fixAllButWhite(Kernel k) {
    SumKernel s = (SumKernel) k;
    SumKernel inner = (SumKernel) s.first();
    ConstantKernel b = (ConstantKernel) inner.first();
    ProductKernel tr = (ProductKernel) inner.second();
    ConstantKernel ta = (ConstantKernel) tr.first();
    Matern52 mt = (Matern52) tr.second();
    WhiteNoise w = (WhiteNoise) s.second();
    return new ConstantKernel(b.value(), b.value(), b.value())
        .plus(new ConstantKernel(ta.value(), ta.value(), ta.value()).times(new Matern52(mt.lengthScales(), mt.lengthScales()[0], mt.lengthScales()[0])))
        .plus(new WhiteNoise(w.noiseVariance(), 1e-2, 1e3));
  }
}
