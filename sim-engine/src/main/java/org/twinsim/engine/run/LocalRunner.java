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
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.CourseBooking;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.dose.MarginErfDoseModel;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.engine.strategy.Strategies;
import org.twinsim.engine.strategy.Strategy;
import org.twinsim.engine.timing.MeasuredStepDurations;
import org.twinsim.engine.timing.SampledStepDurations;
import org.twinsim.engine.timing.StepDurations;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.output.RunDirectory;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * Runs a scenario on this machine: for each replication, phase 1 (decide, per patient, in
 * parallel), phase 2 (the clinic's event model, per strategy) and phase 3 (deliver, per patient,
 * in parallel); each unit's rows are written as their own Parquet part; the run folder appears
 * only when everything is written.
 */
public final class LocalRunner {
  /** Name of the only variant of a run without a sweep. */
  public static final String BASE_VARIANT = "base";

  private final FractionDoseModel dose = new MarginErfDoseModel();

  public RunResult run(Scenario s, RunOptions o) throws IOException {
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
      Table fractions = new Table(TwinsimTables.FRACTIONS);
      Table courses = new Table(TwinsimTables.COURSES);
      Table steps = new Table(TwinsimTables.STEPS);
      Table clinicDays = new Table(TwinsimTables.CLINIC_DAYS);
      TreatmentCalendar calendar = new TreatmentCalendar(s.fractionation());
      List<CourseBooking> bookings = bookings(s, calendar);
      int patients = s.cohort().patients();
      int nf = s.fractionation().fractions();
      for (int rep = 0; rep < s.replications(); rep++) {
        final int r = rep;
        // Phase 1: decide
        o.progress().start(label(s, r, "decide"), (long) patients * nf);
        List<Callable<PatientDecisions>> decideJobs = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
          UnitCoordinates u = new UnitCoordinates(BASE_VARIANT, r, p);
          decideJobs.add(() -> PatientUnit.decide(s, u, dose, o.progress()));
        }
        List<PatientDecisions> decided = all(pool, decideJobs);
        o.progress().finish();
        // Phase 2: schedule, one clinic replay per strategy
        Map<String, Map<Long, SessionRecord>> sessions = new LinkedHashMap<>();
        StepDurations durations = durations(s, r, decided);
        Map<Integer, String> ids = new HashMap<>();
        decided.forEach(d -> ids.put(d.unit().patient(), d.patientId()));
        UnitCoordinates clinicUnit = new UnitCoordinates(BASE_VARIANT, r, -1);
        Table repSteps = new Table(TwinsimTables.STEPS);
        Table repDays = new Table(TwinsimTables.CLINIC_DAYS);
        for (StrategySpec spec : s.strategies()) {
          Strategy st = Strategies.create(spec, dose);
          ClinicModel cm = new ClinicModel(s.clinic(), spec.name(), st.workflow(), spec.slotMinutes(), durations);
          Map<Long, SessionRecord> ss = cm.run(bookings, s.fractionation().startDate());
          sessions.put(spec.name(), ss);
          ClinicTables.steps(repSteps, r, spec.name(), ss, ids);
          ClinicTables.clinicDays(repDays, r, spec.name(), ss, s.clinic());
        }
        write(dir.staging(), OutputLayout.clinicPart(OutputLayout.STEPS, clinicUnit), repSteps, s, parts);
        write(dir.staging(), OutputLayout.clinicPart(OutputLayout.CLINIC_DAYS, clinicUnit), repDays, s, parts);
        steps.addAll(repSteps);
        clinicDays.addAll(repDays);
        // Phase 3: deliver
        o.progress().start(label(s, r, "deliver"), (long) patients * nf * s.strategies().size());
        List<Callable<Table[]>> deliverJobs = new ArrayList<>();
        for (PatientDecisions pd : decided) {
          deliverJobs.add(() -> {
            Table[] t = DeliveryUnit.deliver(pd, sessions, dose, calendar, o.progress());
            write(dir.staging(), OutputLayout.patientPart(OutputLayout.FRACTIONS, pd.unit()), t[0], s, parts);
            write(dir.staging(), OutputLayout.patientPart(OutputLayout.COURSES, pd.unit()), t[1], s, parts);
            return t;
          });
        }
        for (Table[] t : all(pool, deliverJobs)) {
          fractions.addAll(t[0]);
          courses.addAll(t[1]);
        }
        o.progress().finish();
      }
      double wall = (System.nanoTime() - t0) * 1e-9;
      RunManifest m = manifest(s, o, startedAt, wall, parts);
      ManifestJson.write(dir.staging().resolve("manifest.json"), m);
      dir.commit();
      return new RunResult(dir.target(), m, BASE_VARIANT, fractions, courses, steps, clinicDays);
    } catch (IOException | RuntimeException | Error e) {
      dir.abort();
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Room, slot and dates of every patient's course. */
  static List<CourseBooking> bookings(Scenario s, TreatmentCalendar calendar) {
    int rooms = s.clinic().rooms().size();
    List<CourseBooking> b = new ArrayList<>();
    for (int p = 0; p < s.cohort().patients(); p++) {
      int first = p * s.cohort().startEveryDays();
      b.add(new CourseBooking(p, calendar.course(first, s.fractionation().fractions()), p % rooms, p / rooms));
    }
    return b;
  }

  private static StepDurations durations(Scenario s, int rep, List<PatientDecisions> decided) {
    StepDurations sampled = new SampledStepDurations(s.timing(), s.seed(), rep);
    if (!s.timing().compute().equals("measured")) {
      return sampled;
    }
    Map<String, Double> measured = new HashMap<>();
    for (PatientDecisions pd : decided) {
      int p = pd.unit().patient();
      for (int f = 0; f < pd.observations().size(); f++) {
        double reg = pd.observations().get(f).measuredS();
        for (Map.Entry<String, List<org.twinsim.engine.strategy.Decision>> e : pd.decisions().entrySet()) {
          measured.put(MeasuredStepDurations.key(StepKind.DEFORMABLE_REGISTRATION, e.getKey(), p, f), reg);
          double dec = e.getValue().get(f).measuredS();
          measured.put(MeasuredStepDurations.key(StepKind.PLAN_SELECTION, e.getKey(), p, f), dec);
          measured.put(MeasuredStepDurations.key(StepKind.REOPTIMISATION, e.getKey(), p, f), dec);
        }
      }
    }
    return new MeasuredStepDurations(sampled, measured);
  }

  private static String label(Scenario s, int rep, String phase) {
    return s.replications() > 1 ? phase + " r" + rep : phase;
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

  private RunManifest manifest(Scenario s, RunOptions o, String startedAt, double wall,
                               Map<String, List<RunManifest.Part>> parts) {
    List<String> notes = new ArrayList<>();
    notes.add("dose metrics from " + dose.name() + ": a geometric placeholder until the pencil-beam engine drives the replay");
    notes.add("registration: " + s.registration().method() + " (bone SD " + s.registration().boneErrorSdMm()
        + " mm, prostate SD " + s.registration().prostateErrorSdMm() + " mm)");
    if (s.timing().compute().equals("measured")) {
      notes.add("compute steps take measured wall-clock durations: simulated times differ between runs");
    }
    Map<String, String> backends = new LinkedHashMap<>();
    backends.put("registration", "cpu");
    backends.put("dose", "cpu");
    return new RunManifest("twinsim", o.version(), o.gitCommit(), s.name(), o.scenarioSource(),
        sha256(o.scenarioText()), s.seed(), s.replications(), s.cohort().patients(), s.strategyNames(),
        List.of(BASE_VARIANT), "local", backends, s.timing().compute(), System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
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
