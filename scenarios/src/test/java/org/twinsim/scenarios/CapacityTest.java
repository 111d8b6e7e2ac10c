package org.twinsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.engine.run.LocalRunner;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.Variant;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import umontreal.ssj.stat.Tally;

/**
 * The capacity engine in its real code path (catalog YAML -> loader -> runner -> tables) against
 * queueing theory: Erlang C on an M/M/2 walk-in clinic, Little's law on a non-Markovian one, and
 * the GPU-server sweep of a busy 4-room clinic.
 */
class CapacityTest {
  private final ScenarioLoader loader = new ScenarioLoader();

  private RunResult run(List<Variant> variants, Path out) throws Exception {
    return new LocalRunner().run(variants, new RunOptions(out, false, 2, null, "test", "", "test", "unknown"));
  }

  private List<Variant> grid(String scenario, String... vary) throws Exception {
    List<Sweep.Axis> axes = new java.util.ArrayList<>();
    for (String v : vary) {
      axes.add(Sweep.axis(v));
    }
    return Sweep.variants(loader, loader.load(scenario), axes, null);
  }

  /** Per replication: mean wait for a room over all sessions (day means weighted by sessions), s. */
  private static Tally roomWaitPerReplication(Table clinicDays) {
    Map<Integer, double[]> acc = new HashMap<>();
    for (Row r : clinicDays.rows()) {
      double[] a = acc.computeIfAbsent(r.getInt("replication"), k -> new double[2]);
      a[0] += r.getDouble("mean_wait_room_s") * r.getInt("patients_treated");
      a[1] += r.getInt("patients_treated");
    }
    Tally t = new Tally();
    acc.values().forEach(a -> t.add(a[0] / a[1]));
    return t;
  }

  @Test
  void walkInClinicMatchesErlangC(@TempDir Path dir) throws Exception {
    List<Variant> v = grid("mmc-validation", "arrivals.horizonDays=60");
    RunResult r = run(v, dir.resolve("mmc"));
    Tally wq = roomWaitPerReplication(r.clinicDays());
    int n = (int) wq.numberObs();
    assertEquals(10, n);
    double expectedS = 1.2857143 * 3600; // Erlang C, M/M/2, lambda 1.5/h, mu 1/h (REFERENCES.md)
    double half = new TDistribution(n - 1).inverseCumulativeProbability(0.995) * wq.standardDeviation() / Math.sqrt(n);
    assertTrue(Math.abs(wq.average() - expectedS) <= half,
        String.format("Wq %.0f +/- %.0f s (99%% CI) vs Erlang C %.0f s", wq.average(), half, expectedS));
  }

  /**
   * Little's law L = lambda W on a G/G/2 walk-in clinic running the digital-twin workflow (uniform
   * inter-arrivals, log-normal and triangular steps, GPU and physicist contention).
   */
  @Test
  void littlesLawHoldsOnANonMarkovianClinic(@TempDir Path dir) throws Exception {
    List<Variant> v = grid("mmc-validation", "arrivals.horizonDays=60", "arrivals.sessionsPerHour=null",
        "arrivals.interarrival={dist: uniform, minS: 600, maxS: 2400}", "strategy=digital-twin",
        "timing.steps.delivery={dist: lognormal, meanS: 1500, sdS: 600}", "replications=2");
    RunResult r = run(v, dir.resolve("gg2"));
    double sessions = 0;
    double inSystemS = 0;
    double lTimesDays = 0;
    int days = 0;
    for (Row row : r.clinicDays().rows()) {
      int n = row.getInt("patients_treated");
      sessions += n;
      inSystemS += row.getDouble("mean_wait_room_s") * n + row.getDouble("room_busy_s");
      lTimesDays += row.getDouble("mean_patients_in_clinic");
      days++;
    }
    double lambdaPerS = sessions / (days * 86_400.0);
    double w = inSystemS / sessions;
    double l = lTimesDays / days;
    assertTrue(l > 0.5, "a busy clinic: L = " + l);
    assertEquals(lambdaPerS * w, l, 0.03 * l, String.format("L %.3f vs lambda W %.3f", l, lambdaPerS * w));
  }

  /** More GPU servers, shorter GPU waits, with confidence intervals that separate 1 from 4 servers. */
  @Test
  void gpuServerSweepShowsWaitsFalling(@TempDir Path dir) throws Exception {
    List<Variant> v = grid("capacity-4rooms", "clinic.gpuServers=1,2,4", "strategy=digital-twin",
        "arrivals.horizonDays=120", "replications=3");
    assertEquals(3, v.size());
    RunResult r = run(v, dir.resolve("sweep"));
    Map<String, double[]> wait = new HashMap<>(); // variant -> mean, low, high
    for (Row row : r.sweepSummary().rows()) {
      if (row.getString("metric").equals("gpu_wait_min")) {
        wait.put(row.getString("variant"), new double[] {row.getDouble("mean"), row.getDouble("ci95_low"),
            row.getDouble("ci95_high")});
      }
    }
    double[] one = wait.get(v.get(0).name());
    double[] two = wait.get(v.get(1).name());
    double[] four = wait.get(v.get(2).name());
    assertTrue(one[0] > two[0] && two[0] > four[0], one[0] + " > " + two[0] + " > " + four[0]);
    assertTrue(one[1] > four[2], "CIs separate: 1 server " + one[1] + ".." + one[2] + ", 4 servers " + four[1] + ".." + four[2]);
    assertTrue(one[0] > 0.2, "one GPU server is a bottleneck: " + one[0] + " min");
    assertEquals(3 * 3, r.sweepSummary().rows().stream().filter(x -> x.getString("metric").equals("fractions_per_day"))
        .mapToInt(x -> x.getInt("replications")).sum());
  }
}
