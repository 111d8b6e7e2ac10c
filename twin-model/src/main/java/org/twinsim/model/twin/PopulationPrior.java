package org.twinsim.model.twin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.geometry.Vec3;

/**
 * The twin's prior over a new patient's course, learned from a cohort of previous (virtual)
 * patients: per axis of the prostate shift relative to bone (and optionally for the bladder volume),
 * a kernel bias + trend + white (see {@link TwinParameters}) and a constant mean, whose
 * hyperparameters maximise the log marginal likelihood summed over the training patients
 * (type-II maximum likelihood of a hierarchical model; GPML sec. 5.4.1, eq. 5.8 per patient), with
 * the mean profiled out by generalised least squares. Each patient is an independent draw from the
 * same GP: the bias kernel's variance is then the between-patient (systematic) variance Sigma^2 and
 * the white variance the within-patient (random) variance sigma^2 of van Herk's model
 * (van Herk 2004, Semin Radiat Oncol 14:52), learned jointly with any trend.
 *
 * <p>Immutable and thread-safe; {@link PatientTwin} conditions it on one patient's data.
 */
public final class PopulationPrior {
  private static final String[] AXES = {"x", "y", "z"};
  private final ChannelPrior[] axes;
  private final ChannelPrior bladder;
  private final TimeBase timeBase;
  private final int trainingPatients;
  private final TwinParameters parameters;

  private PopulationPrior(ChannelPrior[] axes, ChannelPrior bladder, TimeBase timeBase, int trainingPatients,
                          TwinParameters parameters) {
    this.axes = axes;
    this.bladder = bladder;
    this.timeBase = timeBase;
    this.trainingPatients = trainingPatients;
    this.parameters = parameters;
  }

  /**
   * Learns the prior from measured shifts, time = fraction index, default parameters.
   *
   * @param shiftsPerPatient per patient, rows = fractions 0..n-1, each [x, y, z] mm (patient axes);
   *     a row with NaN is an unmeasured fraction
   */
  public static PopulationPrior fit(List<double[][]> shiftsPerPatient) {
    return fit(shiftsPerPatient, TwinParameters.DEFAULT);
  }

  /** As {@link #fit(List)} with explicit parameters. */
  public static PopulationPrior fit(List<double[][]> shiftsPerPatient, TwinParameters parameters) {
    if (shiftsPerPatient == null) {
      throw new IllegalArgumentException("population prior: shiftsPerPatient is required");
    }
    List<PatientCourse> courses = new ArrayList<>();
    for (double[][] s : shiftsPerPatient) {
      courses.add(PatientCourse.ofFractions(s));
    }
    return fitCourses(courses, TimeBase.FRACTION_INDEX, parameters);
  }

  /**
   * Learns the prior from courses with explicit times. The bladder channel is learned only if every
   * course has bladder volumes.
   */
  public static PopulationPrior fitCourses(List<PatientCourse> courses, TimeBase timeBase,
                                           TwinParameters parameters) {
    if (courses == null || courses.size() < 2) {
      throw new IllegalArgumentException("population prior: expected at least 2 training patients, got "
          + (courses == null ? 0 : courses.size()) + " (the systematic variance is a between-patient variance)");
    }
    if (timeBase == null) {
      throw new IllegalArgumentException("population prior: timeBase is required");
    }
    TwinParameters p = parameters == null ? TwinParameters.DEFAULT : parameters;
    double[] regSd = p.registrationNoiseSdMm().toPatientXyz();
    boolean withBladder = courses.stream().allMatch(c -> c.bladderVolumesMl() != null);
    // channels 0-2: shift axes x, y, z (mm); 3: ln bladder volume. Independent searches, run in
    // parallel; each is deterministic, so the result does not depend on scheduling.
    ChannelPrior[] learned = IntStream.range(0, withBladder ? 4 : 3).parallel().mapToObj(ch -> {
      List<Dataset> data = new ArrayList<>();
      for (PatientCourse c : courses) {
        double[] y = new double[c.size()];
        for (int i = 0; i < y.length; i++) {
          y[i] = ch < 3 ? c.shiftsMm()[i][ch] : Math.log(c.bladderVolumesMl()[i]);
        }
        data.add(Dataset.of1d(c.times(), y));
      }
      return ch < 3 ? learn(AXES[ch], data, false, regSd[ch] * regSd[ch], p) : learn("bladder", data, true, 0.0, p);
    }).toArray(ChannelPrior[]::new);
    ChannelPrior[] axes = Arrays.copyOf(learned, 3);
    ChannelPrior bladder = withBladder ? learned[3] : null;
    return new PopulationPrior(axes, bladder, timeBase, courses.size(), p);
  }

  /**
   * A prior from published systematic and random SDs instead of a training cohort (van Herk's
   * model: kernel bias Sigma^2 + white sigma^2 + sigma_reg^2, no trend, mean 0), time = fraction index.
   *
   * @param systematicSdMm Sigma per axis, LR/SI/AP, mm (e.g. Graf et al. 2009 in REFERENCES.md)
   * @param randomSdMm sigma per axis, LR/SI/AP, mm
   * @param parameters registration error SD (added to the white noise) and numerical settings
   */
  public static PopulationPrior fromPublished(Axes3 systematicSdMm, Axes3 randomSdMm, TwinParameters parameters) {
    TwinParameters p = parameters == null ? TwinParameters.DEFAULT : parameters;
    double[] sys = systematicSdMm.toPatientXyz();
    double[] rnd = randomSdMm.toPatientXyz();
    double[] reg = p.registrationNoiseSdMm().toPatientXyz();
    ChannelPrior[] axes = new ChannelPrior[3];
    for (int a = 0; a < 3; a++) {
      double bias = Math.max(sys[a] * sys[a], 1e-4);
      double white = Math.max(rnd[a] * rnd[a] + reg[a] * reg[a], 1e-2);
      Kernel k = new ConstantKernel(bias, 1e-4, 1e3).plus(new WhiteNoise(white, 1e-2, 1e3));
      axes[a] = new ChannelPrior(AXES[a], k, 0.0, false, reg[a] * reg[a], Double.NaN);
    }
    return new PopulationPrior(axes, null, TimeBase.FRACTION_INDEX, 0, p);
  }

  /** The kernel template of one channel, started from moment estimates of the data. */
  static Kernel template(List<Dataset> data, boolean logScale, TwinParameters p) {
    // van Herk moment estimates: sigma^2 pooled within-patient variance, Sigma^2 variance of patient means
    double within = 0;
    int dfWithin = 0;
    double sumMean = 0;
    double sumMean2 = 0;
    int patients = 0;
    double meanN = 0;
    for (Dataset d : data) {
      double[] y = d.yShared();
      if (y.length == 0) {
        continue;
      }
      double m = 0;
      for (double v : y) {
        m += v / y.length;
      }
      for (double v : y) {
        within += (v - m) * (v - m);
      }
      dfWithin += y.length - 1;
      sumMean += m;
      sumMean2 += m * m;
      meanN += y.length;
      patients++;
    }
    meanN /= Math.max(1, patients);
    double sigma2 = dfWithin > 0 ? within / dfWithin : 1.0;
    double varMeans = patients > 1 ? (sumMean2 - sumMean * sumMean / patients) / (patients - 1) : 1.0;
    double bigSigma2 = varMeans - sigma2 / meanN;
    double vLo = logScale ? 1e-6 : 1e-4;
    double wLo = logScale ? 1e-6 : 1e-2;
    double hi = logScale ? 10 : 1e3;
    double tLo = 1e-6;
    double tHi = logScale ? 10 : 1e2;
    Kernel k = new ConstantKernel(clamp(bigSigma2, vLo, hi), vLo, hi);
    if (p.trend()) {
      k = k.plus(new ConstantKernel(clamp(0.1 * sigma2, tLo, tHi), tLo, tHi)
          .times(new Matern52(new double[] {p.trendLengthStart()}, 2, 1000)));
    }
    return k.plus(new WhiteNoise(clamp(sigma2, wLo, hi), wLo, hi));
  }

  private static ChannelPrior learn(String name, List<Dataset> data, boolean logScale, double noiseVar,
                                    TwinParameters p) {
    Kernel start = template(data, logScale, p);
    MarginalLikelihood ml = MarginalLikelihood.withProfiledMean(data, p.gp());
    HyperparameterOptimizer.Result r = new HyperparameterOptimizer(p.optimizer()).maximise(start, ml);
    return new ChannelPrior(name, r.kernel(), r.mean(), logScale, noiseVar, r.logMarginalLikelihood());
  }

  private static double clamp(double v, double lo, double hi) {
    return Double.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
  }

  /** The prior of patient axis 0 (x), 1 (y) or 2 (z). */
  public ChannelPrior axis(int axis) {
    return axes[axis];
  }

  /** The bladder-volume prior (ln mL), if the training data had volumes. */
  public Optional<ChannelPrior> bladder() {
    return Optional.ofNullable(bladder);
  }

  public TimeBase timeBase() {
    return timeBase;
  }

  /** Number of training patients (0 for a prior from published values). */
  public int trainingPatients() {
    return trainingPatients;
  }

  public TwinParameters parameters() {
    return parameters;
  }

  /** Population mean shift per axis, mm. */
  public Vec3 meanMm() {
    return new Vec3(axes[0].mean(), axes[1].mean(), axes[2].mean());
  }

  /**
   * sqrt of each axis' latent prior variance (bias + trend), mm: the SD of a patient's underlying
   * position, van Herk's Sigma when the cohort has no trend. Reported instead of the bias term alone
   * because a trend with a length scale much longer than the course is indistinguishable from a
   * bias, and the likelihood may share the variance between the two.
   */
  public Vec3 latentSdMm() {
    return map(c -> Math.sqrt(c.latentVariance()));
  }

  /** sqrt of each axis' white variance, mm: random motion and registration error together. */
  public Vec3 whiteSdMm() {
    return map(c -> Math.sqrt(c.whiteVariance()));
  }

  private Vec3 map(java.util.function.ToDoubleFunction<ChannelPrior> f) {
    return new Vec3(f.applyAsDouble(axes[0]), f.applyAsDouble(axes[1]), f.applyAsDouble(axes[2]));
  }

  /** One line per channel: kernel, mean, log likelihood. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "population prior from %d patients, time %s%n", trainingPatients, timeBase));
    List<ChannelPrior> all = new ArrayList<>(List.of(axes));
    if (bladder != null) {
      all.add(bladder);
    }
    for (ChannelPrior c : all) {
      s.append(String.format(Locale.ROOT, "  %-7s mean %+.3f, kernel %s, log ML %.3f%n", c.name(), c.mean(),
          c.kernel(), c.logMarginalLikelihood()));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
