package org.twinsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTablesTest {
  private static final TableSchema S = TableSchema.builder("demo")
      .req("patient_id", ColumnType.STRING, "id")
      .req("fraction", ColumnType.INT, "n")
      .req("day", ColumnType.DATE, "date")
      .opt("dose_pct", ColumnType.DOUBLE, "dose")
      .req("ok", ColumnType.BOOLEAN, "flag")
      .req("events", ColumnType.LONG, "count")
      .build();

  private static Table sample() {
    Table t = new Table(S);
    for (int i = 0; i < 50; i++) {
      t.add(t.newRow().set("patient_id", "VP-" + (i % 5)).set("fraction", i + 1)
          .set("day", LocalDate.of(2026, 1, 5).plusDays(i)).set("dose_pct", i % 7 == 0 ? null : 95.0 + i * 0.1)
          .set("ok", i % 2 == 0).set("events", 1L << 40 | i));
    }
    return t;
  }

  @Test
  void writtenFilesAreReadBackExactlyAndLeaveNoTemporaryFiles(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sub/demo.parquet");
    ParquetTables.write(f, sample(), Map.of("k", "v"));
    Table back = ParquetTables.read(f);
    assertEquals(50, back.size());
    Row r = back.rows().get(8);
    assertEquals("VP-3", r.get("patient_id"));
    assertEquals(9, r.get("fraction"));
    assertEquals(LocalDate.of(2026, 1, 13), r.get("day"));
    assertEquals(95.8, (Double) r.get("dose_pct"), 0);
    assertNull(back.rows().get(7).get("dose_pct"));
    assertEquals((1L << 40) | 8, r.get("events"));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(1, s.count(), "only the final file remains");
    }
  }

  /** DuckDB, an independent Parquet reader, sees the same rows, types and nulls. */
  @Test
  void duckDbReadsTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("demo.parquet");
    ParquetTables.write(f, sample(), Map.of());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*), count(dose_pct), min(day), sum(fraction), "
             + "typeof(min(day)), sum(case when ok then 1 else 0 end) from read_parquet('" + f + "')")) {
      assertTrue(rs.next());
      assertEquals(50, rs.getLong(1));
      assertEquals(50 - 8, rs.getLong(2)); // i = 0,7,...,49 are null
      assertEquals("2026-01-05", rs.getString(3));
      assertEquals(50 * 51 / 2, rs.getLong(4));
      assertEquals("DATE", rs.getString(5));
      assertEquals(25, rs.getLong(6));
    }
  }

  @Test
  void rowsRejectUnknownColumnsWrongTypesAndMissingValues() {
    Table t = new Table(S);
    assertThrows(IllegalArgumentException.class, () -> t.newRow().set("fractoin", 1));
    assertThrows(IllegalArgumentException.class, () -> t.newRow().set("fraction", "one"));
    assertThrows(IllegalArgumentException.class, () -> t.newRow().set("fraction", null));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> t.add(t.newRow().set("patient_id", "a")));
    assertTrue(e.getMessage().contains("fraction"), e.getMessage());
  }

  /** The streaming scan sees, for the requested columns only, what the full read sees, nulls included. */
  @Test
  void scanStreamsTheRequestedColumnsAsReadReadsThem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("demo.parquet");
    Table t = sample();
    ParquetTables.write(f, t, Map.of());
    java.util.List<String> seen = new java.util.ArrayList<>();
    long n = ParquetTables.scan(f, java.util.List.of("dose_pct", "patient_id", "fraction", "day"), r -> seen.add(
        (r.isNull(0) ? "null" : r.getDouble(0)) + "|" + r.getString(1) + "|" + r.getInt(2) + "|" + r.getInt(3)));
    assertEquals(50, n);
    for (int i = 0; i < 50; i++) {
      Row r = t.rows().get(i);
      assertEquals((r.get("dose_pct") == null ? "null" : r.getDouble("dose_pct")) + "|" + r.get("patient_id") + "|"
          + r.get("fraction") + "|" + ((LocalDate) r.get("day")).toEpochDay(), seen.get(i), "row " + i);
    }
    java.io.IOException e = assertThrows(java.io.IOException.class,
        () -> ParquetTables.scan(f, java.util.List.of("no_such"), r -> { }));
    assertTrue(e.getMessage().contains("no column 'no_such'"), e.getMessage());
    assertEquals(S.columns(), ParquetTables.schema(f).columns().stream()
        .map(c -> S.column(c.name())).toList(), "footer schema names the same columns");
  }
}
