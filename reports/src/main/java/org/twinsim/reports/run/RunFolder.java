package org.twinsim.reports.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.table.Column;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TableSchema;

/**
 * A run folder read back for reporting: its {@code manifest.json} and every table folder the report
 * uses, each checked as it is read. Start with {@link #open(Path)}.
 *
 * <p>What is checked, each failure an {@link InvalidRunException} naming the path: the folder exists
 * and holds a readable manifest; every part listed in the manifest exists and has the row count the
 * manifest records; every part under a table folder is a readable Parquet file lying in a
 * {@code variant=NAME} folder (or directly in the table folder when its rows have a {@code variant}
 * column, or the run has one variant), with the same columns as the table's other parts; the
 * {@code fractions} table exists, has the key columns and at least one row.
 */
public final class RunFolder {
  /** Tables the report reads; any other folder in the run is ignored. */
  public static final List<String> TABLES = List.of("fractions", "steps", "courses", "clinic_days", "variants",
      "sweep_summary", "dvh", "safety_summary", "events");

  private static final String STEPS = "steps";
  private static final List<String> FRACTION_KEYS = List.of("replication", "patient_id", "fraction", "strategy");
  private static final List<String> CLINIC_DAY_KEYS = List.of("replication", "strategy", "day", "patients_treated");

  private final Path dir;
  private final RunManifest manifest;
  private final List<String> variants;
  private final Map<String, RunTable> tables;
  private final StepWaits stepWaits;
  private final boolean hasSteps;

  private RunFolder(Path dir, RunManifest manifest, List<String> variants, Map<String, RunTable> tables,
                    StepWaits stepWaits, boolean hasSteps) {
    this.dir = dir;
    this.manifest = manifest;
    this.variants = List.copyOf(variants);
    this.tables = Collections.unmodifiableMap(tables);
    this.stepWaits = stepWaits;
    this.hasSteps = hasSteps;
  }

  /** Reads and checks a run folder; throws naming the first problem found. */
  public static RunFolder open(Path dir) throws InvalidRunException {
    Path d = dir.toAbsolutePath().normalize();
    if (!Files.exists(d)) {
      throw new InvalidRunException(dir, "no such folder");
    }
    if (!Files.isDirectory(d)) {
      throw new InvalidRunException(dir, "not a folder (expected a twinsim run folder)");
    }
    Path mf = d.resolve("manifest.json");
    if (!Files.isRegularFile(mf)) {
      throw new InvalidRunException(dir, "not a twinsim run (no manifest.json)");
    }
    RunManifest m;
    try {
      m = ManifestJson.read(mf);
    } catch (IOException e) {
      throw new InvalidRunException(mf, "unreadable manifest (" + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
    }
    if (m == null || !"twinsim".equals(m.tool())) {
      throw new InvalidRunException(mf, "not a twinsim manifest (tool is " + (m == null ? "missing" : m.tool()) + ", expected twinsim)");
    }
    checkListedParts(d, m);
    Set<String> variantOrder = new LinkedHashSet<>(m.variants() == null ? List.of() : m.variants());
    Map<String, RunTable> tables = new LinkedHashMap<>();
    StepWaits steps = null;
    Set<String> stepVariants = new LinkedHashSet<>();
    for (String name : TABLES) {
      Path td = d.resolve(name);
      if (!Files.isDirectory(td)) {
        continue;
      }
      if (name.equals(STEPS)) {
        steps = readSteps(d, variantOrder, stepVariants, m);
      } else {
        tables.put(name, readTable(d, name, variantOrder, m));
      }
    }
    RunTable fr = tables.get("fractions");
    RunTable days = tables.get("clinic_days");
    if (fr != null) {
      for (String k : FRACTION_KEYS) {
        if (!fr.has(k)) {
          throw new InvalidRunException(d.resolve("fractions"), "no column '" + k + "' (not a twinsim fractions table)");
        }
      }
      if (fr.size() == 0) {
        throw new InvalidRunException(d.resolve("fractions"), "no rows: the run delivered zero fractions, nothing to report");
      }
    } else if (days == null) {
      throw new InvalidRunException(d, "no fractions and no clinic_days table: nothing to report (a course-replay "
          + "run has fractions/variant=NAME/*.parquet, a capacity or queue run clinic_days/variant=NAME/*.parquet)");
    }
    if (days != null) {
      for (String k : CLINIC_DAY_KEYS) {
        if (!days.has(k)) {
          throw new InvalidRunException(d.resolve("clinic_days"), "no column '" + k + "' (not a twinsim clinic_days table)");
        }
      }
      if (fr == null && days.size() == 0) {
        throw new InvalidRunException(d.resolve("clinic_days"), "no rows: the run treated no sessions, nothing to report");
      }
    }
    List<String> variants = new ArrayList<>();
    for (String v : variantOrder) {
      boolean has = stepVariants.contains(v);
      for (RunTable t : tables.values()) {
        has |= t.variants().contains(v);
      }
      if (has) {
        variants.add(v);
      }
    }
    return new RunFolder(d, m, variants, tables, steps == null ? StepWaits.empty() : steps, steps != null);
  }

  /** The run folder (absolute). */
  public Path dir() {
    return dir;
  }

  public RunManifest manifest() {
    return manifest;
  }

  /** Variants with rows, in the manifest's order (then any others found, sorted). */
  public List<String> variants() {
    return variants;
  }

  /** Whether the run replays courses: it has a fractions table (then with at least one row). */
  public boolean hasFractions() {
    return tables.containsKey("fractions");
  }

  /**
   * The fractions table (at least one row).
   *
   * @throws IllegalStateException if the run has none (capacity and queue modes): see {@link #hasFractions}
   */
  public RunTable fractions() {
    RunTable t = tables.get("fractions");
    if (t == null) {
      throw new IllegalStateException(dir + ": no fractions table (a " + mode() + " run)");
    }
    return t;
  }

  /**
   * A table read as rows, if its folder exists; never {@code steps}, which is aggregated while it is
   * read ({@link #stepWaits}).
   */
  public Optional<RunTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The waits of the steps table, per variant, strategy and resource (empty if the run has none). */
  public StepWaits stepWaits() {
    return stepWaits;
  }

  /** Whether the run has a steps table (possibly without rows). */
  public boolean hasSteps() {
    return hasSteps;
  }

  /**
   * The scenario mode from the manifest's notes ({@code mode: capacity}), else inferred: "courses"
   * with a fractions table, "clinic" without.
   */
  public String mode() {
    if (manifest.notes() != null) {
      for (String n : manifest.notes()) {
        if (n != null && n.startsWith("mode: ")) {
          return n.substring("mode: ".length()).strip();
        }
      }
    }
    return hasFractions() ? "courses" : "clinic";
  }

  private static void checkListedParts(Path d, RunManifest m) throws InvalidRunException {
    if (m.tables() == null) {
      return;
    }
    for (Map.Entry<String, List<RunManifest.Part>> e : m.tables().entrySet()) {
      for (RunManifest.Part p : e.getValue()) {
        Path f = d.resolve(p.path()).normalize();
        if (!f.startsWith(d)) {
          throw new InvalidRunException(d.resolve("manifest.json"), "part path " + p.path() + " lies outside the run folder");
        }
        if (!Files.isRegularFile(f)) {
          throw new InvalidRunException(f, "missing: listed in manifest.json (" + p.rows() + " rows) but not in the run folder");
        }
      }
    }
  }

  /** A part of a table folder, checked for its place and footer. */
  private record Part(Path file, String rel, String variant, TableSchema schema) {
  }

  /**
   * Lists and checks the parts of a table folder: each a {@code *.parquet} file in a
   * {@code variant=NAME} folder (or flat, see the class comment) whose footer is readable and whose
   * columns are those of the table's first part.
   */
  private static List<Part> parts(Path run, String name, RunManifest m) throws InvalidRunException {
    Path td = run.resolve(name);
    List<Path> files;
    try (Stream<Path> s = Files.walk(td)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .sorted().toList();
    } catch (IOException e) {
      throw new InvalidRunException(td, "cannot list the table folder (" + e.getMessage() + ")", e);
    }
    List<Part> parts = new ArrayList<>();
    TableSchema schema = null;
    Path first = null;
    for (Path f : files) {
      String rel = run.relativize(f).toString();
      if (!f.getFileName().toString().endsWith(".parquet")) {
        throw new InvalidRunException(f, "unexpected file in table folder " + name + " (expected *.parquet parts)");
      }
      Path parent = f.getParent();
      String folder = parent.getFileName().toString();
      boolean flat = parent.equals(td);
      if (!flat && (!parent.getParent().equals(td) || !folder.startsWith("variant=")
          || folder.length() == "variant=".length())) {
        throw new InvalidRunException(f, "part outside a variant folder (expected " + name + "/variant=NAME/*.parquet)");
      }
      TableSchema ps;
      try {
        ps = ParquetTables.schema(f);
      } catch (IOException | RuntimeException e) {
        throw corrupt(f, e);
      }
      String variant;
      if (!flat) {
        variant = folder.substring("variant=".length());
      } else if (ps.has("variant")) {
        variant = "";   // unpartitioned: each row names its variant (the sweep's variants and sweep_summary tables)
      } else if (m.variants() != null && m.variants().size() == 1) {
        variant = m.variants().get(0);
      } else {
        throw new InvalidRunException(f, "part outside a variant folder (expected " + name + "/variant=NAME/*.parquet)");
      }
      if (schema == null) {
        schema = new TableSchema(name, ps.columns());
        first = f;
      } else if (!sameColumns(schema, ps)) {
        throw new InvalidRunException(f, "columns differ from those of " + run.relativize(first)
            + " (parts of one table must share a schema)");
      }
      parts.add(new Part(f, rel, variant, schema));
    }
    return parts;
  }

  private static InvalidRunException corrupt(Path f, Throwable e) {
    String why = firstLine(rootMessage(e)).replace(f.toString() + ": ", "");
    return new InvalidRunException(f, "corrupt or truncated Parquet part (" + why + ")", e);
  }

  private static void checkRows(Path f, String rel, long rows, Map<String, Long> listedRows) throws InvalidRunException {
    Long expected = listedRows.get(rel);
    if (expected != null && expected != rows) {
      throw new InvalidRunException(f, "holds " + rows + " rows but manifest.json records " + expected);
    }
  }

  private static RunTable readTable(Path run, String name, Set<String> variantOrder, RunManifest m)
      throws InvalidRunException {
    List<Part> parts = parts(run, name, m);
    Map<String, Long> listedRows = listedRows(m, name);
    Map<String, Table> byVariant = new TreeMap<>();
    TableSchema schema = parts.isEmpty() ? new TableSchema(name, List.of()) : parts.get(0).schema();
    for (Part p : parts) {
      Table t;
      try {
        t = ParquetTables.read(p.file());
      } catch (IOException | RuntimeException e) {
        throw corrupt(p.file(), e);
      }
      checkRows(p.file(), p.rel(), t.size(), listedRows);
      Table v = byVariant.computeIfAbsent(p.variant(), k -> new Table(schema));
      for (var r : t.rows()) {
        v.add(v.rowOf(r.values()));
      }
    }
    addVariants(byVariant.keySet(), variantOrder);
    Map<String, Table> ordered = new LinkedHashMap<>();
    for (String v : variantOrder) {
      if (byVariant.containsKey(v)) {
        ordered.put(v, byVariant.get(v));
      }
    }
    if (byVariant.containsKey("")) {
      ordered.put("", byVariant.get(""));
    }
    return new RunTable(name, schema, ordered, parts.size());
  }

  private static void addVariants(Set<String> found, Set<String> variantOrder) {
    for (String v : new TreeSet<>(found)) {
      if (!v.isEmpty()) {
        variantOrder.add(v);
      }
    }
  }

  /**
   * Streams the steps table's parts (in parallel, each part on its own) into {@link StepWaits}: only
   * the columns {@link StepWaits#COLUMNS} are decoded and no row is kept. A steps table lacking one
   * of those columns gives an empty aggregate (its rows are still counted and checked).
   */
  private static StepWaits readSteps(Path run, Set<String> variantOrder, Set<String> withRows, RunManifest m)
      throws InvalidRunException {
    List<Part> parts = parts(run, STEPS, m);
    Map<String, Long> listedRows = listedRows(m, STEPS);
    boolean usable = !parts.isEmpty() && StepWaits.COLUMNS.stream().allMatch(c -> parts.get(0).schema().has(c));
    StepWaits[] partial = new StepWaits[parts.size()];
    long[] rows = new long[parts.size()];
    Throwable[] failed = new Throwable[parts.size()];
    IntStream.range(0, parts.size()).parallel().forEach(i -> {
      Part p = parts.get(i);
      StepWaits w = new StepWaits();
      try {
        if (usable) {
          String fixed = p.variant();
          boolean perRow = fixed.isEmpty();
          List<String> cols = new ArrayList<>(StepWaits.COLUMNS);
          if (perRow) {
            cols.add("variant");
          }
          rows[i] = ParquetTables.scan(p.file(), cols, r -> w.add(perRow ? r.getString(4) : fixed, r.getInt(0),
              r.getString(1), r.getString(2), r.getDouble(3)));
        } else {
          rows[i] = ParquetTables.scan(p.file(), List.of(p.schema().columns().get(0).name()), r -> {
          });
        }
      } catch (IOException | RuntimeException e) {
        failed[i] = e;
      }
      partial[i] = w;
    });
    StepWaits all = new StepWaits();
    Set<String> found = new LinkedHashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      if (failed[i] != null) {
        throw corrupt(p.file(), failed[i]);
      }
      checkRows(p.file(), p.rel(), rows[i], listedRows);
      all.addAll(partial[i]);
      if (rows[i] > 0) {
        found.add(p.variant());
      }
    }
    addVariants(found, variantOrder);
    withRows.addAll(found);
    return all;
  }

  /** Part path (relative, '/'-separated) -> row count, as the manifest records them for one table. */
  private static Map<String, Long> listedRows(RunManifest m, String table) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (m.tables() != null && m.tables().get(table) != null) {
      for (RunManifest.Part p : m.tables().get(table)) {
        out.put(Path.of(p.path()).normalize().toString(), p.rows());
      }
    }
    return out;
  }

  private static boolean sameColumns(TableSchema a, TableSchema b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Column x = a.columns().get(i);
      Column y = b.columns().get(i);
      if (!x.name().equals(y.name()) || x.type() != y.type()) {
        return false;
      }
    }
    return true;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String msg = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    String l = s.lines().findFirst().orElse("").strip();
    return l.length() > 200 ? l.substring(0, 200) + "..." : l;
  }
}
