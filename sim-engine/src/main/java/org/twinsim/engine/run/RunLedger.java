package org.twinsim.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.output.RunDirectory;
import org.twinsim.reports.table.Column;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * The bookkeeping every engine shares: which units a run has ({@link WorkUnit#plan}), which are
 * done, where their parts go, and how a run ends. An engine opens the ledger, runs the units of
 * {@link #todo()} however it likes (each through {@link UnitWork}), reports each with
 * {@link #completed} or {@link #failed}, then calls {@link #finish}: if every unit's parts are on
 * disk and readable it writes the sweep tables and the manifest and moves the folder into place;
 * otherwise it keeps the partial folder and throws an {@link IncompleteRunException} naming the
 * failed and missing units.
 *
 * <p>The run is staged in {@code .NAME.partial} next to the output folder
 * ({@link RunDirectory#resumable}). With {@link RunOptions#resume()}, a partial folder left by a
 * failed or interrupted run of the same scenario, overrides and sweep (checked by a fingerprint)
 * is reused: units whose parts are all present and readable are done, the others run again.
 */
public final class RunLedger {
  /** The fingerprint of the run a partial folder belongs to. */
  static final String PLAN_FILE = ".twinsim-plan";
  /** What a failed run left undone (in the partial folder only). */
  public static final String INCOMPLETE_FILE = "incomplete.json";

  private final List<Variant> variants;
  private final RunOptions options;
  private final RunDirectory dir;
  private final List<WorkUnit> units;
  private final Map<WorkUnit, List<RunManifest.Part>> done = new ConcurrentHashMap<>();
  private final Map<WorkUnit, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());
  private final int resumedUnits;
  private final long t0 = System.nanoTime();
  private final String startedAt = Instant.now().toString();

  private RunLedger(List<Variant> variants, RunOptions options, RunDirectory dir) throws IOException {
    this.variants = List.copyOf(variants);
    this.options = options;
    this.dir = dir;
    this.units = WorkUnit.plan(variants);
    if (dir.resumed()) {
      removeLeftovers(dir.staging());
      for (WorkUnit u : units) {
        List<RunManifest.Part> parts = onDisk(u);
        if (parts != null) {
          done.put(u, parts);
        }
      }
    }
    this.resumedUnits = done.size();
  }

  /**
   * Opens the run folder of {@code variants} (staging it, or resuming a partial one).
   *
   * @throws IOException if the output folder is taken, a partial run of it exists without
   *     resume or overwrite, or the partial run belongs to another scenario or sweep
   */
  public static RunLedger open(List<Variant> variants, RunOptions o) throws IOException {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("nothing to run: no variants");
    }
    RunDirectory dir = RunDirectory.resumable(o.outDir(), o.overwrite(), o.resume());
    try {
      String fp = fingerprint(variants);
      Path plan = dir.staging().resolve(PLAN_FILE);
      if (dir.resumed()) {
        String prev = Files.exists(plan) ? Files.readString(plan, StandardCharsets.UTF_8).strip() : "";
        if (!prev.equals(fp)) {
          throw new IOException(o.outDir() + ": the partial run kept in " + dir.staging() + " was started with another "
              + "scenario, seed, override or sweep; resume it with the same command, or --overwrite to start again");
        }
        if (variants.stream().anyMatch(v -> v.scenario().timing().compute().equals("measured"))) {
          throw new IOException(o.outDir() + ": a run with measured compute timing cannot be resumed (the new "
              + "measurements would not match the parts already written); --overwrite to start again");
        }
      }
      Files.writeString(plan, fp, StandardCharsets.UTF_8);
      Files.deleteIfExists(dir.staging().resolve(INCOMPLETE_FILE));
      return new RunLedger(variants, o, dir);
    } catch (IOException | RuntimeException | Error e) {
      dir.keep();
      throw e;
    }
  }

  /** Identifies the run: every variant's name, assignments and complete validated scenario. */
  static String fingerprint(List<Variant> variants) {
    StringBuilder b = new StringBuilder();
    for (Variant v : variants) {
      b.append(v.name()).append('\n').append(new TreeMap<>(v.assignments())).append('\n').append(v.scenario()).append('\n');
    }
    return sha256(b.toString());
  }

  /** Where the units write their parts (the staging folder). */
  public Path root() {
    return dir.staging();
  }

  public RunOptions options() {
    return options;
  }

  public List<Variant> variants() {
    return variants;
  }

  /** Every unit of the run, in plan order. */
  public List<WorkUnit> units() {
    return units;
  }

  /** The units not done yet, in plan order. */
  public List<WorkUnit> todo() {
    return units.stream().filter(u -> !done.containsKey(u)).toList();
  }

  public boolean isDone(WorkUnit u) {
    return done.containsKey(u);
  }

  /** Units found complete in a resumed partial folder. */
  public int resumedUnits() {
    return resumedUnits;
  }

  public Variant variant(WorkUnit u) {
    return variants.get(u.variantIndex());
  }

  /** The part writer of a variant's units. */
  public PartSink sink(Variant v) {
    return PartSink.atomicFiles(root(), v.scenario());
  }

  /** Records that a unit wrote all its parts. Thread-safe. */
  public void completed(WorkUnit u, List<RunManifest.Part> parts) {
    done.put(u, List.copyOf(parts));
    failures.remove(u);
  }

  /**
   * Marks as done every unit not yet recorded whose parts are all on disk and readable - for an
   * engine that lost its tasks' results (an aborted cluster job) while their parts were written.
   *
   * @return the number of units adopted
   */
  public int adoptFromDisk() {
    int n = 0;
    for (WorkUnit u : todo()) {
      List<RunManifest.Part> parts = onDisk(u);
      if (parts != null) {
        completed(u, parts);
        n++;
      }
    }
    return n;
  }

  /** Records that a unit failed for good. Thread-safe. */
  public void failed(WorkUnit u, String error) {
    if (!done.containsKey(u)) {
      failures.put(u, error);
    }
  }

  /** One line for an error: its type and message (first line), and where it was thrown. */
  public static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root
        && (root instanceof java.util.concurrent.ExecutionException || root instanceof java.lang.reflect.InvocationTargetException)) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    StackTraceElement[] st = root.getStackTrace();
    String at = st.length == 0 ? "" : " (at " + st[0].getClassName().replaceFirst(".*\\.", "") + "." + st[0].getMethodName()
        + ":" + st[0].getLineNumber() + ")";
    return root.getClass().getSimpleName() + msg + at;
  }

  /**
   * The unit's parts if all are on disk and readable (the row count from each footer), else null.
   */
  private List<RunManifest.Part> onDisk(WorkUnit u) {
    List<RunManifest.Part> parts = new ArrayList<>();
    for (String rel : u.parts(variant(u).scenario())) {
      try {
        parts.add(new RunManifest.Part(rel, ParquetTables.rowCount(root().resolve(rel))));
      } catch (IOException e) {
        return null;
      }
    }
    return parts;
  }

  /** Reads a done unit's summary rows (fractions, courses, clinic_days) back from its parts. */
  public UnitWork.Output readBack(WorkUnit u) throws IOException {
    Table fractions = new Table(TwinsimTables.FRACTIONS);
    Table courses = new Table(TwinsimTables.COURSES);
    Table days = new Table(TwinsimTables.CLINIC_DAYS);
    Table events = new Table(TwinsimTables.EVENTS);
    Table alerts = new Table(TwinsimTables.ALERTS);
    Table qa = new Table(TwinsimTables.QA_DAYS);
    for (String rel : u.parts(variant(u).scenario())) {
      String table = rel.substring(0, rel.indexOf('/'));
      Table into = switch (table) {
        case OutputLayout.FRACTIONS -> fractions;
        case OutputLayout.COURSES -> courses;
        case OutputLayout.CLINIC_DAYS -> days;
        case OutputLayout.EVENTS -> events;
        case OutputLayout.ALERTS -> alerts;
        case OutputLayout.QA_DAYS -> qa;
        default -> null;
      };
      if (into != null) {
        readInto(into, root().resolve(rel));
      }
    }
    return new UnitWork.Output(u, done.getOrDefault(u, List.of()), fractions, courses, days, events, alerts, qa);
  }

  /** Appends the rows of a part to a table of the same columns (matched by name). */
  static void readInto(Table target, Path file) throws IOException {
    Table t = ParquetTables.read(file);
    List<Column> cols = target.schema().columns();
    int[] idx = new int[cols.size()];
    for (int i = 0; i < idx.length; i++) {
      if (!t.schema().has(cols.get(i).name())) {
        throw new IOException(file + ": no column '" + cols.get(i).name() + "' (expected the " + target.schema().name()
            + " table)");
      }
      idx[i] = t.schema().indexOf(cols.get(i).name());
    }
    for (Row r : t.rows()) {
      Object[] in = r.values();
      Object[] v = new Object[idx.length];
      for (int i = 0; i < idx.length; i++) {
        v[i] = in[idx[i]];
      }
      target.add(target.rowOf(v));
    }
  }

  /**
   * Ends the run. Checks that every unit's parts are on disk with the recorded row counts; if
   * not, keeps the partial folder and throws {@link IncompleteRunException}. Otherwise gathers
   * each variant's rows (from {@code outputs}, or read back from the parts), writes the variants
   * and sweep_summary tables of a sweep and the manifest, and moves the folder into place.
   *
   * @param engine the engine's name for the manifest
   * @param engineNotes remarks of the engine for the manifest (e.g. the Spark master)
   * @param outputs rows of units this engine ran and kept in memory; others are read back
   */
  public RunResult finish(String engine, List<String> engineNotes, Map<WorkUnit, UnitWork.Output> outputs)
      throws IOException {
    List<WorkUnit> missing = new ArrayList<>();
    for (WorkUnit u : units) {
      List<RunManifest.Part> recorded = done.get(u);
      List<RunManifest.Part> disk = recorded == null ? null : onDisk(u);
      if (disk == null || !disk.equals(recorded)) {
        missing.add(u);
      }
    }
    if (!missing.isEmpty() || !failures.isEmpty()) {
      throw incomplete(missing, null);
    }
    try {
      removeLeftovers(root());
      Map<String, VariantTables> tables = new LinkedHashMap<>();
      for (Variant v : variants) {
        tables.put(v.name(), VariantTables.empty());
      }
      Map<String, List<RunManifest.Part>> parts = new TreeMap<>();
      for (WorkUnit u : units) {
        UnitWork.Output out = outputs.get(u);
        if (out == null) {
          out = readBack(u);
        }
        VariantTables vt = tables.get(u.variant());
        vt.fractions().addAll(out.fractions());
        vt.courses().addAll(out.courses());
        vt.clinicDays().addAll(out.clinicDays());
        vt.events().addAll(out.events());
        vt.alerts().addAll(out.alerts());
        vt.qaDays().addAll(out.qaDays());
        for (RunManifest.Part p : done.get(u)) {
          parts.computeIfAbsent(p.path().substring(0, p.path().indexOf('/')), k -> new ArrayList<>()).add(p);
        }
      }
      Table sweep = null;
      if (variants.size() > 1 || !variants.get(0).assignments().isEmpty()) {
        PartSink sink = sink(variants.get(0));
        Table vt = new Table(TwinsimTables.VARIANTS);
        for (Variant v : variants) {
          new TreeMap<>(v.assignments()).forEach((k, val) -> vt.add(vt.newRow().set("variant", v.name())
              .set("parameter", k).set("value", val)));
        }
        parts.computeIfAbsent("variants", k -> new ArrayList<>()).add(sink.write("variants/part-0000.parquet", vt));
        sweep = SweepSummary.of(tables);
        parts.computeIfAbsent("sweep_summary", k -> new ArrayList<>())
            .add(sink.write("sweep_summary/part-0000.parquet", sweep));
      }
      Table safety = null;
      if (variants.get(0).scenario().safetyOn()) {
        safety = SafetySummary.of(tables, variants);
        parts.computeIfAbsent(OutputLayout.SAFETY_SUMMARY, k -> new ArrayList<>())
            .add(sink(variants.get(0)).write(OutputLayout.SAFETY_SUMMARY + "/part-0000.parquet", safety));
      }
      parts.values().forEach(l -> l.sort((a, b) -> a.path().compareTo(b.path())));
      double wall = (System.nanoTime() - t0) * 1e-9;
      RunManifest m = manifest(engine, engineNotes, wall, parts);
      Files.deleteIfExists(root().resolve(PLAN_FILE));
      Files.deleteIfExists(root().resolve(INCOMPLETE_FILE));
      ManifestJson.write(root().resolve("manifest.json"), m);
      dir.commit();
      return new RunResult(dir.target(), m, variants.get(0).scenario(), tables, sweep, safety);
    } catch (IOException | RuntimeException | Error e) {
      dir.keep();
      throw e;
    }
  }

  /**
   * Ends a run that cannot finish: writes {@value #INCOMPLETE_FILE} into the partial folder,
   * keeps the folder for {@code --resume}, and returns the exception to throw.
   *
   * @param missing units whose parts are not all on disk (null: every unit not recorded as done)
   * @param cause what stopped the engine, if not a unit's own failure (may be null)
   */
  public IncompleteRunException incomplete(List<WorkUnit> missing, String cause) {
    List<WorkUnit> miss = missing != null ? missing : todo();
    Map<WorkUnit, String> failed;
    synchronized (failures) {
      failed = new LinkedHashMap<>(failures);
    }
    StringBuilder b = new StringBuilder();
    b.append("run incomplete: ").append(miss.size()).append(" of ").append(units.size()).append(" units missing");
    if (!failed.isEmpty()) {
      b.append(", ").append(failed.size()).append(" failed for good");
    }
    b.append("; no manifest written, ").append(options.outDir()).append(" not created");
    if (cause != null) {
      b.append("\n  engine: ").append(cause);
    }
    int shown = 0;
    for (Map.Entry<WorkUnit, String> e : failed.entrySet()) {
      if (shown++ == 20) {
        b.append("\n  ... ").append(failed.size() - 20).append(" more failed units in ").append(INCOMPLETE_FILE);
        break;
      }
      b.append("\n  failed: ").append(e.getKey().label()).append(": ").append(e.getValue());
    }
    shown = 0;
    for (WorkUnit u : miss) {
      if (shown++ == 20) {
        b.append("\n  ... ").append(miss.size() - 20).append(" more missing units in ").append(INCOMPLETE_FILE);
        break;
      }
      b.append("\n  missing: ").append(u.label());
    }
    b.append("\nThe parts of the ").append(units.size() - miss.size()).append(" complete units are kept in ").append(root())
        .append("; run the same command with --resume to run only the missing units (or --overwrite to start again).");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("expected_units", units.size());
    report.put("complete_units", units.size() - miss.size());
    report.put("engine_error", cause);
    List<Map<String, String>> f = new ArrayList<>();
    failed.forEach((u, err) -> f.add(Map.of("unit", u.label(), "error", err)));
    report.put("failed", f);
    report.put("missing", miss.stream().map(WorkUnit::label).toList());
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(root().resolve(INCOMPLETE_FILE).toFile(), report);
    } catch (IOException e) {
      b.append("\n(could not write ").append(INCOMPLETE_FILE).append(": ").append(e.getMessage()).append(')');
    }
    dir.keep();
    return new IncompleteRunException(b.toString(), failed, miss, root());
  }

  /** Deletes temporary files of part writes that never finished (a process killed while writing). */
  static void removeLeftovers(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).filter(ParquetTables::isTemporaryFile).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private RunManifest manifest(String engine, List<String> engineNotes, double wall,
                               Map<String, List<RunManifest.Part>> parts) {
    Scenario s = variants.get(0).scenario();
    FractionDoseModel dose = CourseUnits.geometricDose();
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
    if (resumedUnits > 0) {
      notes.add("resumed: " + resumedUnits + " of " + units.size() + " units were written by an earlier, interrupted run");
    }
    notes.addAll(engineNotes);
    Map<String, String> backends = new LinkedHashMap<>();
    if (s.replaysCourses() && s.physics().isFull()) {
      backends.putAll(org.twinsim.engine.physics.PhysicsBackends.forPreference(s.physics().backend(), notes::add)
          .manifestEntries());
    } else if (s.replaysCourses()) {
      backends.put("registration", "error-model (no images)");
      backends.put("dose", dose.name());
    }
    int patients = s.replaysCourses() ? s.cohort().patients() : 0;
    return new RunManifest("twinsim", options.version(), options.gitCommit(), s.name(), options.scenarioSource(),
        sha256(options.scenarioText()), s.seed(), s.replications(), patients, s.strategyNames(),
        variants.stream().map(Variant::name).toList(), engine, backends, s.timing().compute(),
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
