package org.twinsim.spark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.twinsim.engine.run.IncompleteRunException;
import org.twinsim.engine.run.RunEngine;
import org.twinsim.engine.run.RunLedger;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.Variant;
import org.twinsim.engine.run.WorkUnit;
import scala.Option;

/**
 * The scale-out engine ({@code --engine spark}): every unit of work that is not done yet becomes
 * one Spark task ({@link UnitTask}), which runs the same unit function as the local engine and
 * writes the same Parquet parts, atomically, into the run folder - a path every executor and the
 * driver see (this machine, or a shared file system). The driver then does the same bookkeeping
 * as the local engine ({@link RunLedger}): it checks that every unit's parts are on disk, reads
 * them back for the sweep summary, writes the manifest and moves the folder into place.
 *
 * <p>Exactly once: a part's name is fixed by its unit's coordinates and its content by the unit's
 * seed, and each part is moved into place atomically; so a retried, speculative or zombie copy of a
 * task can only replace a part with an identical complete one, never add a second copy or leave a
 * half one (temporary files of killed writers are hidden and removed at the end). A unit that fails
 * on every attempt is reported with its coordinates; the run then ends with an
 * {@link IncompleteRunException} and keeps the partial folder for {@code --resume}.
 *
 * <p>Found by {@link java.util.ServiceLoader} under the name "spark"; the default run never loads it.
 */
public final class SparkRunEngine implements RunEngine {
  /** Name of the application jar (twinsim and its libraries, without Spark's) built next to the module jar. */
  public static final String APP_JAR = "twinsim-spark-app.jar";
  private static final String JOB_GROUP = "twinsim-units";

  private volatile Stats lastStats;

  /**
   * Timings of the last run, for the benchmark.
   *
   * @param master the master it ran on
   * @param sessionStartS seconds to start (or find) the Spark session
   * @param measureS seconds of the measure pass (measured compute timing), else 0
   * @param jobS seconds of the units job, from submission to the last result
   * @param units units run by Spark
   * @param unitSecondsTotal sum over units of their wall time on their executor
   * @param executors distinct executors that ran a unit
   * @param cores default parallelism of the context (total executor cores)
   * @param failedAttempts task attempts that failed (retried or not)
   * @param secondsByKind per unit kind (CLINIC, PATIENT, STRATEGY), the sum of the units' wall times
   * @param unitsByKind per unit kind, the number of units that returned a result
   */
  public record Stats(String master, double sessionStartS, double measureS, double jobS, int units,
                      double unitSecondsTotal, int executors, int cores, int failedAttempts,
                      java.util.Map<String, Double> secondsByKind, java.util.Map<String, Integer> unitsByKind) {
    /** Mean wall time of a unit of {@code kind} on its executor, s (NaN if none ran). */
    public double meanUnitSeconds(WorkUnit.Kind kind) {
      Integer n = unitsByKind.get(kind.name());
      return n == null || n == 0 ? Double.NaN : secondsByKind.get(kind.name()) / n;
    }
  }

  @Override
  public String name() {
    return "spark";
  }

  /** Timings of the last run of this engine, or null. */
  public Stats lastStats() {
    return lastStats;
  }

  @Override
  public RunResult run(List<Variant> variants, RunOptions o) throws IOException {
    SparkSettings settings;
    try {
      settings = SparkSettings.of(o.engineSettings());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    List<String> encoded = VariantCodec.encode(variants);
    RunLedger ledger = RunLedger.open(variants, o);
    List<WorkUnit> todo = ledger.todo();
    if (todo.isEmpty()) {
      lastStats = new Stats("-", 0, 0, 0, 0, 0, 0, 0, 0, java.util.Map.of(), java.util.Map.of());
      return ledger.finish(name(), List.of("engine: spark (no unit left to run: every part was already written)"),
          java.util.Map.of());
    }
    long s0 = System.nanoTime();
    SparkSession session;
    boolean owned;
    String appName = "twinsim " + variants.get(0).scenario().name() + (variants.size() > 1 ? " sweep" : "");
    try {
      Option<SparkSession> active = SparkSession.getActiveSession();
      if (active.isEmpty()) {
        active = SparkSession.getDefaultSession();
      }
      owned = active.isEmpty();
      session = owned ? SparkSession.builder().config(conf(settings, o, appName)).getOrCreate() : active.get();
    } catch (RuntimeException e) {
      throw ledger.incomplete(null, "Spark did not start: " + RunLedger.describe(e));
    }
    double sessionS = (System.nanoTime() - s0) * 1e-9;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    String master = jsc.master();
    // Spark retries a task up to its maxFailures; the engine may give up earlier (setting "attempts")
    int attempts = Math.min(settings.attempts(), SparkSettings.attemptsOf(master, jsc.getConf()));
    ProgressBridge bridge = new ProgressBridge(JOB_GROUP, todo, o.progress(), System.err);
    jsc.sc().addSparkListener(bridge);
    try {
      String runKey = UUID.randomUUID().toString();
      Broadcast<List<String>> bv = jsc.broadcast(new ArrayList<>(encoded));
      double measureS = 0;
      Broadcast<HashMap<String, HashMap<String, Double>>> measured = null;
      if (variants.stream().anyMatch(v -> v.scenario().replaysCourses() && v.scenario().timing().compute().equals("measured"))) {
        long m0 = System.nanoTime();
        measured = jsc.broadcast(measure(jsc, runKey, bv, todo, ledger));
        measureS = (System.nanoTime() - m0) * 1e-9;
      }
      Path root = ledger.root();
      UnitTask task = new UnitTask(runKey, bv, measured, root.toString(), attempts, settings.faults());
      o.progress().start("spark: " + todo.size() + " units on " + master, todo.size());
      jsc.setJobGroup(JOB_GROUP, "twinsim units of " + appName, false);
      long j0 = System.nanoTime();
      List<UnitResult> results = List.of();
      String jobError = null;
      try {
        results = jsc.parallelize(todo, todo.size()).mapPartitions(task).collect();
      } catch (Exception e) {
        jobError = "the Spark job was aborted: " + RunLedger.describe(e);
      } finally {
        jsc.clearJobGroup();
        o.progress().finish();
      }
      double jobS = (System.nanoTime() - j0) * 1e-9;
      double unitS = 0;
      Set<String> executors = new LinkedHashSet<>();
      java.util.Map<String, Double> byKind = new java.util.TreeMap<>();
      java.util.Map<String, Integer> countByKind = new java.util.TreeMap<>();
      int invisible = 0;
      for (UnitResult r : results) {
        unitS += r.seconds();
        byKind.merge(r.unit().kind().name(), r.seconds(), Double::sum);
        countByKind.merge(r.unit().kind().name(), 1, Integer::sum);
        executors.add(r.executor());
        if (r.succeeded()) {
          ledger.completed(r.unit(), r.parts());
          if (!Files.exists(root.resolve(r.paths().get(0)))) {
            invisible++;
          }
        } else {
          ledger.failed(r.unit(), r.error());
        }
      }
      if (jobError != null) {
        // the results of the units that finished before the abort are lost with the job: their parts are not
        ledger.adoptFromDisk();
      }
      lastStats = new Stats(master, sessionS, measureS, jobS, todo.size(), unitS, executors.size(),
          jsc.defaultParallelism(), bridge.failedAttempts(), byKind, countByKind);
      if (invisible > 0) {
        throw ledger.incomplete(null, invisible + " units reported parts that the driver cannot see under " + root
            + ": the output folder must be on a file system shared by the driver and every executor");
      }
      if (jobError != null && !ledger.todo().isEmpty()) {
        throw ledger.incomplete(null, jobError);
      }
      List<String> notes = new ArrayList<>();
      notes.add(String.format(Locale.ROOT, "engine: spark %s, master %s, %d units on %d executor(s) (%d cores), "
              + "%d failed task attempt(s) retried or reported, %d attempts per unit", session.version(), master,
          todo.size(), executors.size(), jsc.defaultParallelism(), bridge.failedAttempts(), attempts));
      return ledger.finish(name(), notes, java.util.Map.of());
    } finally {
      jsc.sc().removeSparkListener(bridge);
      if (owned) {
        session.stop();
      }
    }
  }

  /** The measure pass of measured compute timing: per (variant, replication), every patient's durations. */
  private static HashMap<String, HashMap<String, Double>> measure(JavaSparkContext jsc, String runKey,
                                                                   Broadcast<List<String>> bv, List<WorkUnit> todo,
                                                                   RunLedger ledger) {
    List<MeasureTask.Patient> patients = new ArrayList<>();
    for (WorkUnit u : todo) {
      if (u.kind() == WorkUnit.Kind.CLINIC) {
        for (int p = 0; p < ledger.variant(u).scenario().cohort().patients(); p++) {
          patients.add(new MeasureTask.Patient(u.variantIndex(), u.replication(), p));
        }
      }
    }
    HashMap<String, HashMap<String, Double>> out = new HashMap<>();
    if (patients.isEmpty()) {
      return out;
    }
    for (MeasureTask.Measured m : jsc.parallelize(patients, patients.size()).mapPartitions(new MeasureTask(runKey, bv))
        .collect()) {
      out.computeIfAbsent(m.variantIndex() + "/" + m.replication(), k -> new HashMap<>()).putAll(m.durations());
    }
    return out;
  }

  /** The Spark configuration of a session this engine starts. */
  static SparkConf conf(SparkSettings s, RunOptions o, String appName) {
    SparkConf conf = new SparkConf();
    String master = s.effectiveMaster(conf, o.threads());
    conf.setMaster(master).setAppName(appName);
    conf.setIfMissing("spark.ui.enabled", "false");
    if (SparkSettings.loopback(master)) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    if (!master.startsWith("local")) {
      conf.setIfMissing("spark.task.maxFailures", Integer.toString(s.attempts()));
      String jar = appJar();
      if (!conf.contains("spark.jars") && jar != null) {
        conf.set("spark.jars", jar);
      }
    }
    s.spark().forEach(conf::set);
    return conf;
  }

  /**
   * The jar the executors need: {@value #APP_JAR} next to this module's jar (twinsim and its
   * libraries without Spark's), else the module's jar; null when running from class folders.
   */
  static String appJar() {
    try {
      Path p = Path.of(SparkRunEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(p)) {
        return null;
      }
      Path app = p.resolveSibling(APP_JAR);
      return (Files.isRegularFile(app) ? app : p).toString();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
