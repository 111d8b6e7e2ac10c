package org.twinsim.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.twinsim.engine.run.LocalRunner;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.run.Variant;
import org.twinsim.engine.run.WorkUnit;
import org.twinsim.scenarios.ScenarioLoader;
import org.twinsim.scenarios.Sweep;

/**
 * One sweep on the local engine, on Spark {@code local[N]} and (with {@code --cluster URL}) on a
 * Spark cluster: wall time of each, Spark's fixed overhead (session start, first job with the
 * executors ready, an empty job of as many tasks as the sweep has units) and the mean wall time of
 * a unit on its executor.
 *
 * <pre>
 * EngineBenchmark SCENARIO --vary PATH=V1,V2 [--vary ...] [--replications N] [--threads N]
 *                 [--cluster spark://127.0.0.1:7077] [--work DIR]
 * </pre>
 * spark/cluster-demo.sh runs it against the cluster it starts.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {
  }

  /** One engine's figures (seconds; NaN where they do not apply). */
  private record Result(String engine, double wallS, double sessionS, double firstJobS, double emptyJobS, double unitsJobS,
                        double meanClinicUnitS, double meanPatientUnitS, double meanStrategyUnitS) {
  }

  public static void main(String[] args) throws Exception {
    String scenario = null;
    List<String> vary = new ArrayList<>();
    Integer replications = null;
    int threads = 2;
    String cluster = null;
    Path work = Path.of("target", "engine-benchmark");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--vary" -> vary.add(args[++i]);
        case "--replications" -> replications = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--cluster" -> cluster = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          if (args[i].startsWith("--") || scenario != null) {
            throw new IllegalArgumentException("usage: EngineBenchmark SCENARIO --vary PATH=V1,V2 [--replications N] "
                + "[--threads N] [--cluster URL] [--work DIR]; unexpected " + args[i]);
          }
          scenario = args[i];
        }
      }
    }
    ScenarioLoader loader = new ScenarioLoader();
    List<Sweep.Axis> axes = new ArrayList<>();
    for (String v : vary) {
      axes.add(Sweep.axis(v));
    }
    List<Variant> variants = Sweep.variants(loader, loader.load(scenario), axes, replications);
    List<WorkUnit> units = WorkUnit.plan(variants);
    deleteTree(work);
    Files.createDirectories(work);

    List<Result> results = new ArrayList<>();
    long t0 = System.nanoTime();
    new LocalRunner().run(variants, options(work.resolve("local"), threads, Map.of()));
    double localS = (System.nanoTime() - t0) * 1e-9;
    results.add(new Result("local (" + threads + " threads)", localS, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN));
    results.add(spark("spark local[" + threads + "]", "local[" + threads + "]", variants, units.size(), threads,
        work.resolve("spark-local")));
    if (cluster != null) {
      results.add(spark("spark " + cluster, cluster, variants, units.size(), threads, work.resolve("spark-cluster")));
    }

    long clinic = units.stream().filter(u -> u.kind() == WorkUnit.Kind.CLINIC).count();
    long patient = units.stream().filter(u -> u.kind() == WorkUnit.Kind.PATIENT).count();
    long strategy = units.stream().filter(u -> u.kind() == WorkUnit.Kind.STRATEGY).count();
    System.out.printf(Locale.ROOT, "sweep of %s: %d variants x %d replications = %d units (%d clinic, %d patient, %d strategy)%n",
        variants.get(0).scenario().name(), variants.size(), variants.get(0).scenario().replications(), units.size(),
        clinic, patient, strategy);
    System.out.printf(Locale.ROOT, "%-34s %8s %9s %10s %14s %10s %12s %12s %12s%n", "engine", "wall s", "session s",
        "1st job s", "empty job s", "units s", "clinic u. s", "patient u. s", "strat. u. s");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-34s %8.2f %9s %10s %14s %10s %12s %12s %12s%n", r.engine(), r.wallS(), f(r.sessionS()),
          f(r.firstJobS()), f(r.emptyJobS()), f(r.unitsJobS()), f3(r.meanClinicUnitS()), f3(r.meanPatientUnitS()),
          f3(r.meanStrategyUnitS()));
    }
    System.out.printf(Locale.ROOT, "local engine: %.3f s of wall time per unit x %d threads%n", localS * threads / units.size(),
        threads);
    for (Result r : results.subList(1, results.size())) {
      System.out.printf(Locale.ROOT, "%s: fixed overhead %.2f s (session start + first job), %.1f ms per task "
              + "(empty job of %d tasks), %.2f s of the run outside the units job (folder, read-back, manifest)%n",
          r.engine(), r.sessionS() + r.firstJobS(), 1000 * r.emptyJobS() / units.size(), units.size(),
          r.wallS() - r.sessionS() - r.firstJobS() - r.emptyJobS() - r.unitsJobS());
    }
    System.out.println("wall s: from start to the run folder in place; for Spark it includes session start, first job "
        + "and empty job. u. s: mean wall time of one unit on its executor.");
  }

  private static Result spark(String label, String master, List<Variant> variants, int units, int threads, Path out)
      throws Exception {
    long t0 = System.nanoTime();
    SparkSession session = SparkSession.builder().config(SparkRunEngine.conf(SparkSettings.of(Map.of("master", master)),
        options(out, threads, Map.of()), "twinsim-benchmark")).getOrCreate();
    try {
      double sessionS = (System.nanoTime() - t0) * 1e-9;
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
      long t1 = System.nanoTime();
      jsc.parallelize(IntStream.range(0, threads).boxed().toList(), threads).count();
      double firstS = (System.nanoTime() - t1) * 1e-9;
      long t2 = System.nanoTime();
      jsc.parallelize(IntStream.range(0, units).boxed().toList(), units).count();
      double emptyS = (System.nanoTime() - t2) * 1e-9;
      SparkRunEngine engine = new SparkRunEngine();
      engine.run(variants, options(out, threads, Map.of()));
      double wallS = (System.nanoTime() - t0) * 1e-9;
      SparkRunEngine.Stats st = engine.lastStats();
      return new Result(label, wallS, sessionS, firstS, emptyS, st.jobS(), st.meanUnitSeconds(WorkUnit.Kind.CLINIC),
          st.meanUnitSeconds(WorkUnit.Kind.PATIENT), st.meanUnitSeconds(WorkUnit.Kind.STRATEGY));
    } finally {
      session.stop();
    }
  }

  private static RunOptions options(Path out, int threads, Map<String, String> settings) {
    return new RunOptions(out, false, threads, null, "benchmark", "", "benchmark", "unknown", settings);
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
