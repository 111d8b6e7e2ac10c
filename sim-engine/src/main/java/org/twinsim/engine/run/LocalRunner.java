package org.twinsim.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.physics.PriorTraining;
import org.twinsim.model.twin.PopulationPrior;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.output.RunDirectory;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * Runs scenario variants on this machine. For each (variant, replication) unit:
 * <ul>
 *   <li>courses mode: phase 1 (decide, per patient, in parallel), phase 2 (the clinic's event
 *   model, per strategy), phase 3 (deliver, per patient, in parallel);</li>
 *   <li>capacity mode: book the referred patients and replay the clinic, per strategy;</li>
 *   <li>queue mode: replay the walk-in session stream, per strategy.</li>
 * </ul>
 * Each unit's rows are written as their own Parquet parts under {@code variant=NAME/}; the run
 * folder appears only when everything is written, with its manifest.
 */
public final class LocalRunner implements RunEngine {
  /** Name of the only variant of a run without a sweep. */
  public static final String BASE_VARIANT = "base";

  private final FractionDoseModel dose = CourseUnits.geometricDose();

  @Override
  public String name() {
    return "local";
  }

  /** Runs one scenario (the single variant "base"). */
  public RunResult run(Scenario s, RunOptions o) throws IOException {
    return run(List.of(Variant.base(s)), o);
  }

  /** Runs every variant (a sweep) with the same replications and seeds (common random numbers). */
  @Override
  public RunResult run(List<Variant> variants, RunOptions o) throws IOException {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("nothing to run: no variants");
    }
    long t0 = System.nanoTime();
    String startedAt = Instant.now().toString();
    RunDirectory dir = RunDirectory.create(o.outDir(), o.overwrite());
    ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
      Thread t = new Thread(r, "twinsim-unit");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, List<RunManifest.Part>> parts = new TreeMap<>();
      Map<String, VariantTables> tables = new LinkedHashMap<>();
      for (Variant v : variants) {
        VariantTables vt = VariantTables.empty();
        tables.put(v.name(), vt);
        for (int rep = 0; rep < v.scenario().replications(); rep++) {
          Unit u = new Unit(v, rep, dir.staging(), parts, pool, o.progress());
          if (v.scenario().replaysCourses()) {
            u.courses(vt);
          } else {
            u.timingOnly(vt);
          }
        }
      }
      Table sweep = null;
      if (variants.size() > 1 || !variants.get(0).assignments().isEmpty()) {
        Table vt = new Table(TwinsimTables.VARIANTS);
        for (Variant v : variants) {
          new TreeMap<>(v.assignments()).forEach((k, val) -> vt.add(vt.newRow().set("variant", v.name())
              .set("parameter", k).set("value", val)));
        }
        write(dir.staging(), "variants/part-0000.parquet", vt, variants.get(0).scenario(), parts);
        sweep = SweepSummary.of(tables);
        write(dir.staging(), "sweep_summary/part-0000.parquet", sweep, variants.get(0).scenario(), parts);
      }
      double wall = (System.nanoTime() - t0) * 1e-9;
      RunManifest m = manifest(variants, o, startedAt, wall, parts);
      ManifestJson.write(dir.staging().resolve("manifest.json"), m);
      dir.commit();
      return new RunResult(dir.target(), m, variants.get(0).scenario(), tables, sweep);
    } catch (IOException | RuntimeException | Error e) {
      dir.abort();
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One (variant, replication) unit of work. */
  private final class Unit {
    private final Variant v;
    private final Scenario s;
    private final int rep;
    private final Path root;
    private final Map<String, List<RunManifest.Part>> parts;
    private final ExecutorService pool;
    private final ProgressListener progress;

    Unit(Variant v, int rep, Path root, Map<String, List<RunManifest.Part>> parts, ExecutorService pool,
         ProgressListener progress) {
      this.v = v;
      this.s = v.scenario();
      this.rep = rep;
      this.root = root;
      this.parts = parts;
      this.pool = pool;
      this.progress = progress;
    }

    private UnitCoordinates coords(int patient) {
      return new UnitCoordinates(v.name(), rep, patient);
    }

    private String label(String phase) {
      String p = v.name().equals(BASE_VARIANT) ? phase : v.name() + " " + phase;
      return s.replications() > 1 ? p + " r" + rep : p;
    }

    /**
     * Courses mode: the clinic unit, then every patient unit (in parallel); with measured compute
     * timing a first pass over the patients measures the compute the clinic unit schedules with.
     */
    void courses(VariantTables out) throws IOException {
      int patients = s.cohort().patients();
      int nf = s.fractionation().fractions();
      Map<String, Double> measured = null;
      if (s.timing().compute().equals("measured")) {
        PopulationPrior prior = s.physics().isFull() ? PriorTraining.train(s, rep) : null;
        progress.start(label("measure"), (long) patients * nf);
        List<Callable<Map<String, Double>>> jobs = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
          int patient = p;
          jobs.add(() -> CourseUnits.measure(v, rep, patient, prior, progress));
        }
        measured = new HashMap<>();
        for (Map<String, Double> m : all(pool, jobs)) {
          measured.putAll(m);
        }
        progress.finish();
      }
      ReplicationContext ctx = CourseUnits.clinic(v, rep, measured);
      write(root, OutputLayout.clinicPart(OutputLayout.STEPS, coords(-1)), ctx.steps(), s, parts);
      write(root, OutputLayout.clinicPart(OutputLayout.CLINIC_DAYS, coords(-1)), ctx.clinicDays(), s, parts);
      out.clinicDays().addAll(ctx.clinicDays());
      long units = (long) patients * nf * (s.physics().isFull() ? 1 : s.strategies().size());
      progress.start(label("replay"), units);
      List<Callable<Table[]>> jobs = new ArrayList<>();
      for (int p = 0; p < patients; p++) {
        int patient = p;
        jobs.add(() -> {
          Table[] t = CourseUnits.patient(ctx, patient, progress);
          write(root, OutputLayout.patientPart(OutputLayout.FRACTIONS, ctx.patient(patient)), t[0], s, parts);
          write(root, OutputLayout.patientPart(OutputLayout.COURSES, ctx.patient(patient)), t[1], s, parts);
          return t;
        });
      }
      for (Table[] t : all(pool, jobs)) {
        out.fractions().addAll(t[0]);
        out.courses().addAll(t[1]);
      }
      progress.finish();
    }

    /** Capacity and queue modes: one timing-only unit per strategy, in parallel. */
    void timingOnly(VariantTables out) throws IOException {
      progress.start(label("clinic"), s.strategies().size());
      List<Callable<ClinicUnits.Rows>> jobs = new ArrayList<>();
      for (StrategySpec spec : s.strategies()) {
        jobs.add(() -> {
          ClinicUnits.Rows r = ClinicUnits.run(v, rep, spec.name());
          write(root, ClinicUnits.part(OutputLayout.STEPS, v, rep, spec.name()), r.steps(), s, parts);
          write(root, ClinicUnits.part(OutputLayout.CLINIC_DAYS, v, rep, spec.name()), r.clinicDays(), s, parts);
          if (s.mode().equals("capacity")) {
            write(root, ClinicUnits.part(OutputLayout.COURSES, v, rep, spec.name()), r.courses(), s, parts);
          }
          progress.advance(1);
          return r;
        });
      }
      for (ClinicUnits.Rows r : all(pool, jobs)) {
        out.clinicDays().addAll(r.clinicDays());
        out.courses().addAll(r.courses());
      }
      progress.finish();
    }
  }

  static String capacityPatientId(int p) {
    return String.format("CP-%05d", p + 1);
  }

  static String walkInId(int p) {
    return String.format("WI-%07d", p + 1);
  }

  private static void write(Path root, String rel, Table t, Scenario s, Map<String, List<RunManifest.Part>> parts)
      throws IOException {
    ParquetTables.write(root.resolve(rel), t, Map.of("twinsim.scenario", s.name(), "twinsim.seed", Long.toString(s.seed())));
    String table = rel.substring(0, rel.indexOf('/'));
    synchronized (parts) {
      parts.computeIfAbsent(table, k -> new ArrayList<>()).add(new RunManifest.Part(rel, t.size()));
      parts.get(table).sort((a, b) -> a.path().compareTo(b.path()));
    }
  }

  private static <T> List<T> all(ExecutorService pool, List<Callable<T>> jobs) throws IOException {
    List<Future<T>> fs = new ArrayList<>();
    for (Callable<T> j : jobs) {
      fs.add(pool.submit(j));
    }
    List<T> out = new ArrayList<>();
    try {
      for (Future<T> f : fs) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("run interrupted", e);
    } catch (ExecutionException e) {
      fs.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error er) {
        throw er;
      }
      throw new IllegalStateException(c);
    }
    return out;
  }

  private RunManifest manifest(List<Variant> variants, RunOptions o, String startedAt, double wall,
                               Map<String, List<RunManifest.Part>> parts) {
    Scenario s = variants.get(0).scenario();
    List<String> notes = new ArrayList<>();
    notes.add("mode: " + s.mode());
    if (s.replaysCourses() && s.physics().isFull()) {
      notes.add("physics: full (virtual patients at " + s.cohort().gridMm() + " mm, demons registration of the daily CBCT, "
          + "pencil-beam dose, robust plans, GP twin); dose outside the region within " + s.physics().doseMarginMm()
          + " mm of the CTV (y, z) is zero; drift moves the dose relative to the prostate (static-dose approximation); "
          + "the online re-plan is idealised as reproducing its planning dose on the registered anatomy");
    } else if (s.replaysCourses()) {
      notes.add("physics: geometric - dose metrics from " + dose.name() + " (a geometric placeholder, not dosimetry)");
      notes.add("registration: " + s.registration().method() + " (bone SD " + s.registration().boneErrorSdMm()
          + " mm, prostate SD " + s.registration().prostateErrorSdMm() + " mm)");
    }
    if (s.timing().compute().equals("measured")) {
      notes.add("compute steps take measured wall-clock durations: simulated times differ between runs");
    }
    Map<String, String> backends = new LinkedHashMap<>();
    if (s.replaysCourses() && s.physics().isFull()) {
      backends.putAll(org.twinsim.engine.physics.PhysicsBackends.forPreference(s.physics().backend(), notes::add)
          .manifestEntries());
    } else if (s.replaysCourses()) {
      backends.put("registration", "error-model (no images)");
      backends.put("dose", dose.name());
    }
    int patients = s.replaysCourses() ? s.cohort().patients() : 0;
    return new RunManifest("twinsim", o.version(), o.gitCommit(), s.name(), o.scenarioSource(),
        sha256(o.scenarioText()), s.seed(), s.replications(), patients, s.strategyNames(),
        variants.stream().map(Variant::name).toList(), "local", backends, s.timing().compute(),
        System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), startedAt, wall, parts, notes);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
