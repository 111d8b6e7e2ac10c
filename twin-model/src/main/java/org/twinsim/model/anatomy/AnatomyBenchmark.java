package org.twinsim.model.anatomy;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.twinsim.model.geometry.Grid3;

/**
 * Times patient generation and one day (true CT, field, labels, CBCT) at 4 mm and 2 mm. Not a
 * test: run it on a quiet machine.
 *
 * <p>{@code java -cp twin-model/target/classes:<deps> org.twinsim.model.anatomy.AnatomyBenchmark
 * [spacings=4,2] [patients=3] [days=10]}; prints median, minimum and maximum wall times in ms,
 * and the process CPU time per item (on a machine shared with other work the wall time
 * overstates what two free cores need; CPU time / cores bounds it from below).
 */
public final class AnatomyBenchmark {
  private AnatomyBenchmark() {
  }

  public static void main(String[] args) {
    String[] spacings = (args.length > 0 ? args[0] : "4,2").split(",");
    int patients = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.out.printf(Locale.ROOT, "processors available: %d%n", Runtime.getRuntime().availableProcessors());
    for (String sp : spacings) {
      double spacing = Double.parseDouble(sp);
      VirtualPatientGenerator gen = new VirtualPatientGenerator(PhantomSpec.withSpacing(spacing), AnatomyVariation.defaults());
      DailyAnatomyGenerator daily = DailyAnatomyGenerator.defaults();
      Grid3 g = gen.spec().grid();
      // warm-up
      VirtualPatient warm = gen.generate(999, 0, 0);
      for (int k = 0; k < 3; k++) {
        daily.day(warm, k);
      }
      double[] tp = new double[patients];
      double[] td = new double[patients * days];
      double[] tt = new double[patients * days];
      double[] tc = new double[patients * days];
      double cpuPatients = 0;
      double cpuDays = 0;
      for (int p = 0; p < patients; p++) {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        VirtualPatient vp = gen.generate(1, 0, p);
        tp[p] = (System.nanoTime() - t0) / 1e6;
        cpuPatients += (cpuNanos() - c0) / 1e6;
        long c1 = cpuNanos();
        for (int k = 0; k < days; k++) {
          long t1 = System.nanoTime();
          DailyAnatomy truth = daily.anatomy(vp, vp.motion().fraction(k));
          long t2 = System.nanoTime();
          CbctSimulator.simulate(truth.trueCt(), daily.cbctSpec(), 1, 0, p, k);
          long t3 = System.nanoTime();
          tt[p * days + k] = (t2 - t1) / 1e6;
          tc[p * days + k] = (t3 - t2) / 1e6;
          td[p * days + k] = (t3 - t1) / 1e6;
        }
        cpuDays += (cpuNanos() - c1) / 1e6;
      }
      System.out.printf(Locale.ROOT, "spacing %.1f mm, grid %dx%dx%d (%d voxels)%n", spacing, g.nx(), g.ny(), g.nz(), g.size());
      report("  patient generation", tp);
      report("  day: truth (field+labels+CT)", tt);
      report("  day: CBCT", tc);
      report("  day: total", td);
      System.out.printf(Locale.ROOT, "  process CPU time: %.0f ms per patient, %.0f ms per day%n",
          cpuPatients / patients, cpuDays / (patients * days));
    }
  }

  /** Process CPU time (all threads), ns; -1 where the JVM does not report it. */
  private static long cpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private static void report(String what, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-36s median %8.1f ms   min %8.1f ms   max %8.1f ms   (n=%d)%n",
        what, s[s.length / 2], s[0], s[s.length - 1], s.length);
  }
}
