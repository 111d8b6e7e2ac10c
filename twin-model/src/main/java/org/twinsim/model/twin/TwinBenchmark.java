package org.twinsim.model.twin;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.anatomy.MotionModel;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Measures the twin on MotionModel cohorts: trains the prior on one cohort, then replays
 * replications of an evaluation cohort (default: the seed study's 10 patients x 28 fractions),
 * forecasting each fraction before observing it. Registrations are simulated as the true prostate
 * shift plus N(0, reg^2) per axis. Prints per axis the 90% interval coverage of the measured and of
 * the true shift (pooled and across replications), the forecast RMSE against the true shift compared
 * with simple predictors, and the cost of training, update and forecast.
 *
 * <p>Run: {@code java -cp twin-model/target/classes:<deps> org.twinsim.model.twin.TwinBenchmark
 * [train=40] [patients=10] [fractions=28] [reps=20] [reg=1.0] [level=0.9] [seed=1]}
 */
public final class TwinBenchmark {
  private TwinBenchmark() {
  }

  public static void main(String[] args) {
    int train = 40;
    int patients = 10;
    int fractions = 28;
    int reps = 20;
    double reg = 1.0;
    double level = 0.9;
    long seed = 1;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected key=value, got " + a);
      }
      switch (kv[0]) {
        case "train" -> train = Integer.parseInt(kv[1]);
        case "patients" -> patients = Integer.parseInt(kv[1]);
        case "fractions" -> fractions = Integer.parseInt(kv[1]);
        case "reps" -> reps = Integer.parseInt(kv[1]);
        case "reg" -> reg = Double.parseDouble(kv[1]);
        case "level" -> level = Double.parseDouble(kv[1]);
        case "seed" -> seed = Long.parseLong(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + kv[0]
            + "; expected train, patients, fractions, reps, reg, level, seed");
      }
    }
    AnatomyVariation v = AnatomyVariation.defaults();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    // training cohort: replication 0 of seed + 1000 (never an evaluation seed)
    List<double[][]> training = new ArrayList<>();
    for (int p = 0; p < train; p++) {
      double[][][] c = course(v, seed + 1000, 0, p, fractions, reg);
      training.add(c[1]);
    }
    TwinParameters params = TwinParameters.DEFAULT.withRegistrationNoiseSdMm(Axes3.of(reg, reg, reg));
    long t0 = System.nanoTime();
    PopulationPrior prior = PopulationPrior.fit(training, params);
    double trainS = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "prior: %d training patients x %d fractions, registration error SD %.2f mm, "
        + "trained in %.2f s (wall, channels in parallel)%n%s", train, fractions, reg, trainS, prior.describe());
    Vec3 lat = prior.latentSdMm();
    Vec3 wh = prior.whiteSdMm();
    double[] sys = v.prostate().systematicMm().toPatientXyz();
    double[] rnd = v.prostate().randomMm().toPatientXyz();
    for (int a = 0; a < 3; a++) {
      System.out.printf(Locale.ROOT, "  axis %s: latent SD %.2f mm (configured Sigma %.2f), white SD %.2f mm "
          + "(configured sqrt(sigma^2 + reg^2) %.2f)%n", "xyz".charAt(a), lat.get(a), sys[a], wh.get(a),
          Math.sqrt(rnd[a] * rnd[a] + reg * reg));
    }

    int[][] hitM = new int[reps][3];
    int[][] hitT = new int[reps][3];
    int[] hitMLater = new int[3];
    double[] seTwin = new double[3];
    double[] sePop = new double[3];
    double[] seRunning = new double[3];
    double[] seLast = new double[3];
    double[] width = new double[3];
    double[] widthPrior = new double[3];
    int perRep = patients * fractions;
    long cpu = 0;
    int updates = 0;
    for (int r = 0; r < reps; r++) {
      for (int p = 0; p < patients; p++) {
        double[][][] c = course(v, seed, r + 1, p, fractions, reg);
        double[][] truth = c[0];
        double[][] meas = c[1];
        PatientTwin twin = new PatientTwin(prior);
        double[] sum = new double[3];
        for (int f = 0; f < fractions; f++) {
          long c0 = mx.getCurrentThreadCpuTime();
          Forecast fm = twin.forecast(f, level, ForecastTarget.MEASUREMENT);
          cpu += mx.getCurrentThreadCpuTime() - c0;
          Forecast ft = twin.forecast(f, level, ForecastTarget.TRUE_SHIFT);
          for (int a = 0; a < 3; a++) {
            hitM[r][a] += fm.axis(a).covers(meas[f][a]) ? 1 : 0;
            hitT[r][a] += ft.axis(a).covers(truth[f][a]) ? 1 : 0;
            if (f > 0) {
              hitMLater[a] += fm.axis(a).covers(meas[f][a]) ? 1 : 0;
            }
            double y = truth[f][a];
            seTwin[a] += sq(fm.axis(a).mean() - y);
            sePop[a] += sq(prior.axis(a).mean() - y);
            seRunning[a] += sq((f == 0 ? prior.axis(a).mean() : sum[a] / f) - y);
            seLast[a] += sq((f == 0 ? prior.axis(a).mean() : meas[f - 1][a]) - y);
            width[a] += fm.axis(a).upper() - fm.axis(a).lower();
            widthPrior[a] += 2 * NormalDist.inverseF01(0.5 * (1 + level)) * Math.sqrt(prior.axis(a).totalVariance());
            sum[a] += meas[f][a];
          }
          long c1 = mx.getCurrentThreadCpuTime();
          twin.observe(f, Vec3.of(meas[f]));
          cpu += mx.getCurrentThreadCpuTime() - c1;
          updates++;
        }
      }
    }
    int total = reps * perRep;
    System.out.printf(Locale.ROOT, "%nevaluation: %d replications x %d patients x %d fractions = %d forecasts per axis, "
        + "each made before its fraction is observed; level %.2f%n", reps, patients, fractions, total, level);
    for (int a = 0; a < 3; a++) {
      double[] cm = new double[reps];
      double[] ct = new double[reps];
      int sm = 0;
      int st = 0;
      for (int r = 0; r < reps; r++) {
        cm[r] = hitM[r][a] / (double) perRep;
        ct[r] = hitT[r][a] / (double) perRep;
        sm += hitM[r][a];
        st += hitT[r][a];
      }
      System.out.printf(Locale.ROOT, "  axis %s coverage: measured %.3f (per replication %.3f +/- %.3f, range %.3f-%.3f), "
              + "true shift %.3f (per replication %.3f +/- %.3f); measured, fractions >= 1: %.3f%n",
          "xyz".charAt(a), sm / (double) total, mean(cm), sd(cm), min(cm), max(cm), st / (double) total, mean(ct), sd(ct),
          hitMLater[a] / (double) (reps * patients * (fractions - 1)));
    }
    System.out.println("  forecast mean vs TRUE shift, RMSE mm (twin | population mean | running mean of measurements | last measurement)"
        + " and mean interval width mm (twin | prior only):");
    for (int a = 0; a < 3; a++) {
      System.out.printf(Locale.ROOT, "  axis %s: %.3f | %.3f | %.3f | %.3f ; width %.2f | %.2f%n", "xyz".charAt(a),
          Math.sqrt(seTwin[a] / total), Math.sqrt(sePop[a] / total), Math.sqrt(seRunning[a] / total),
          Math.sqrt(seLast[a] / total), width[a] / total, widthPrior[a] / total);
    }
    System.out.printf(Locale.ROOT, "cost: update + forecast %.3f ms CPU per fraction (mean over %d, incl. JIT warm-up)%n",
        cpu / 1e6 / updates, updates);
  }

  /** {truth, measured}, each [fraction][axis] mm. */
  private static double[][][] course(AnatomyVariation v, long seed, int replication, int patient, int fractions,
                                     double reg) {
    MotionModel m = new MotionModel(v, seed, replication, patient);
    double[][] truth = new double[fractions][];
    double[][] meas = new double[fractions][3];
    for (int f = 0; f < fractions; f++) {
      Vec3 s = m.fraction(f).prostateMm();
      truth[f] = new double[] {s.x(), s.y(), s.z()};
      RandomStream r = RandomStreams.stream(seed, "bench.registration", replication, patient, f);
      for (int a = 0; a < 3; a++) {
        meas[f][a] = truth[f][a] + reg * NormalDist.inverseF01(r.nextDouble());
      }
    }
    return new double[][][] {truth, meas};
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return x.length > 1 ? Math.sqrt(s / (x.length - 1)) : 0;
  }

  private static double min(double[] x) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : x) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    return m;
  }
}
