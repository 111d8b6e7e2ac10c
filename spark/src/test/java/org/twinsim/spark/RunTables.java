package org.twinsim.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.twinsim.reports.table.Column;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/**
 * Reads run folders for comparison: every part's rows in every column not prefixed
 * {@code measured_}, and DuckDB's view of a table (an independent Parquet reader).
 */
final class RunTables {
  /** The key columns of each unit table: a row of a unit appears once per key. */
  static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("fractions", "variant, replication, patient_id, fraction, strategy");
    KEYS.put("courses", "variant, replication, strategy, patient_id");
    KEYS.put("clinic_days", "variant, replication, strategy, day");
    KEYS.put("steps", "variant, replication, strategy, patient_id, fraction, step_index");
    KEYS.put("variants", "variant, parameter");
    KEYS.put("sweep_summary", "variant, strategy, metric");
  }

  private RunTables() {
  }

  /** The tables a run folder holds (sub-folders with Parquet parts), sorted. */
  static List<String> tables(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Each row of each part of a table, as "part|value|value...", parts in path order, rows in file order. */
  static List<String> content(Path run, String table) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Stream<Path> s = Files.walk(run.resolve(table))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).sorted().toList()) {
        Table t = ParquetTables.read(p);
        for (Row r : t.rows()) {
          StringBuilder b = new StringBuilder(run.relativize(p).toString());
          for (Column c : t.schema().columns()) {
            if (!c.isMeasured()) {
              Object v = r.get(c.name());
              // doubles by their bits: equal rows, not equal to some digits
              b.append('|').append(v instanceof Double d ? Double.toHexString(d) : v);
            }
          }
          rows.add(b.toString());
        }
      }
    }
    return rows;
  }

  /**
   * Compares two run folders table by table; returns one line per table ("table: N rows in P
   * parts identical" or what differs).
   */
  static List<String> compare(Path a, Path b) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> ta = tables(a);
    List<String> tb = tables(b);
    if (!ta.equals(tb)) {
      out.add("DIFFERENT tables: " + ta + " vs " + tb);
      return out;
    }
    for (String t : ta) {
      List<String> ra = content(a, t);
      List<String> rb = content(b, t);
      long parts = ra.stream().map(x -> x.substring(0, x.indexOf('|'))).distinct().count();
      if (ra.equals(rb)) {
        out.add(String.format("%-14s %7d rows in %4d parts: identical in every column not prefixed measured_", t, ra.size(), parts));
      } else {
        int i = 0;
        while (i < Math.min(ra.size(), rb.size()) && ra.get(i).equals(rb.get(i))) {
          i++;
        }
        out.add(String.format("%-14s DIFFERENT: %d vs %d rows; first difference at row %d:%n  %s%n  %s", t, ra.size(),
            rb.size(), i, i < ra.size() ? ra.get(i) : "-", i < rb.size() ? rb.get(i) : "-"));
      }
    }
    return out;
  }

  /** DuckDB over {@code table}'s parts: {rows, distinct keys, files}. */
  static long[] duckCount(Path run, String table) throws SQLException {
    String glob = run.resolve(table) + "/**/*.parquet";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*), count(distinct (" + KEYS.get(table) + ")), "
             + "count(distinct filename) from read_parquet('" + glob + "', hive_partitioning = true, filename = true)")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  /**
   * A check of one run from the command line (for spark/cluster-demo.sh):
   * {@code compare RUN_A RUN_B} prints the table comparison (exit 1 when anything differs);
   * {@code count RUN TABLE=EXPECTED_ROWS ...} prints DuckDB's counts (exit 1 unless every table
   * has the expected rows, each key once); {@code TABLE=@DIR} expects as many rows as DIR's table.
   */
  public static void main(String[] args) throws Exception {
    boolean ok = true;
    if (args.length == 3 && args[0].equals("compare")) {
      for (String line : compare(Path.of(args[1]), Path.of(args[2]))) {
        System.out.println("  " + line);
        ok &= !line.contains("DIFFERENT");
      }
    } else if (args.length >= 3 && args[0].equals("count")) {
      Path run = Path.of(args[1]);
      for (int i = 2; i < args.length; i++) {
        String[] kv = args[i].split("=", 2);
        long[] n = duckCount(run, kv[0]);
        // TABLE=@DIR: as many rows as DIR's table
        long expected = kv[1].startsWith("@") ? duckCount(Path.of(kv[1].substring(1)), kv[0])[0] : Long.parseLong(kv[1]);
        boolean good = n[0] == expected && n[1] == n[0];
        ok &= good;
        System.out.printf("  DuckDB %-12s rows %6d (expected %6d), distinct (%s) %6d, files %4d: %s%n", kv[0], n[0], expected,
            KEYS.get(kv[0]), n[1], n[2], good ? "every unit exactly once" : "WRONG");
      }
    } else {
      System.err.println("usage: RunTables compare RUN_A RUN_B | count RUN TABLE=EXPECTED_ROWS|TABLE=@OTHER_RUN...");
      System.exit(2);
    }
    System.exit(ok ? 0 : 1);
  }
}
