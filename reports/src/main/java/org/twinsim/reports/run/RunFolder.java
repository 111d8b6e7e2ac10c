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
  public static final List<String> TABLES = List.of("fractions", "steps", "courses", "clinic_days", "variants", "dvh");

  private static final List<String> FRACTION_KEYS = List.of("replication", "patient_id", "fraction", "strategy");

  private final Path dir;
  private final RunManifest manifest;
  private final List<String> variants;
  private final Map<String, RunTable> tables;

  private RunFolder(Path dir, RunManifest manifest, List<String> variants, Map<String, RunTable> tables) {
    this.dir = dir;
    this.manifest = manifest;
    this.variants = List.copyOf(variants);
    this.tables = Collections.unmodifiableMap(tables);
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
    for (String name : TABLES) {
      Path td = d.resolve(name);
      if (Files.isDirectory(td)) {
        RunTable t = readTable(d, name, variantOrder, m);
        tables.put(name, t);
      }
    }
    RunTable fr = tables.get("fractions");
    if (fr == null) {
      throw new InvalidRunException(d.resolve("fractions"), "missing: a run has a fractions table (fractions/variant=NAME/*.parquet)");
    }
    for (String k : FRACTION_KEYS) {
      if (!fr.has(k)) {
        throw new InvalidRunException(d.resolve("fractions"), "no column '" + k + "' (not a twinsim fractions table)");
      }
    }
    if (fr.size() == 0) {
      throw new InvalidRunException(d.resolve("fractions"), "no rows: the run delivered zero fractions, nothing to report");
    }
    List<String> variants = new ArrayList<>();
    for (String v : variantOrder) {
      for (RunTable t : tables.values()) {
        if (t.variants().contains(v)) {
          variants.add(v);
          break;
        }
      }
    }
    return new RunFolder(d, m, variants, tables);
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

  /** The fractions table (always present, at least one row). */
  public RunTable fractions() {
    return tables.get("fractions");
  }

  /** Another table, if its folder exists. */
  public Optional<RunTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
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

  private static RunTable readTable(Path run, String name, Set<String> variantOrder, RunManifest m)
      throws InvalidRunException {
    Path td = run.resolve(name);
    List<Path> files;
    try (Stream<Path> s = Files.walk(td)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .sorted().toList();
    } catch (IOException e) {
      throw new InvalidRunException(td, "cannot list the table folder (" + e.getMessage() + ")", e);
    }
    Map<String, Long> listedRows = listedRows(m, name);
    TableSchema schema = null;
    Path first = null;
    Map<String, Table> byVariant = new TreeMap<>();
    int parts = 0;
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
      Table t;
      try {
        t = ParquetTables.read(f);
      } catch (IOException | RuntimeException e) {
        String why = firstLine(rootMessage(e)).replace(f.toString() + ": ", "");
        throw new InvalidRunException(f, "corrupt or truncated Parquet part (" + why + ")", e);
      }
      String variant;
      if (!flat) {
        variant = folder.substring("variant=".length());
      } else if (t.schema().has("variant")) {
        variant = "";   // unpartitioned: each row names its variant (e.g. the sweep's variants table)
      } else if (m.variants() != null && m.variants().size() == 1) {
        variant = m.variants().get(0);
      } else {
        throw new InvalidRunException(f, "part outside a variant folder (expected " + name + "/variant=NAME/*.parquet)");
      }
      Long expected = listedRows.get(rel);
      if (expected != null && expected != t.size()) {
        throw new InvalidRunException(f, "holds " + t.size() + " rows but manifest.json records " + expected);
      }
      if (schema == null) {
        schema = new TableSchema(name, t.schema().columns());
        first = f;
      } else if (!sameColumns(schema, t.schema())) {
        throw new InvalidRunException(f, "columns differ from those of " + run.relativize(first)
            + " (parts of one table must share a schema)");
      }
      final TableSchema sc = schema;
      Table v = byVariant.computeIfAbsent(variant, k -> new Table(sc));
      for (var r : t.rows()) {
        v.add(v.rowOf(r.values()));
      }
      parts++;
    }
    if (schema == null) {
      schema = new TableSchema(name, List.of());
    }
    for (String v : byVariant.keySet()) {
      if (!v.isEmpty()) {
        variantOrder.add(v);
      }
    }
    Map<String, Table> ordered = new LinkedHashMap<>();
    for (String v : variantOrder) {
      if (byVariant.containsKey(v)) {
        ordered.put(v, byVariant.get(v));
      }
    }
    if (byVariant.containsKey("")) {
      ordered.put("", byVariant.get(""));
    }
    return new RunTable(name, schema, ordered, parts);
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
