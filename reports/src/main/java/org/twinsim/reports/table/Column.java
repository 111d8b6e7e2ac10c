package org.twinsim.reports.table;

import java.util.regex.Pattern;

/**
 * One column of a table: a snake_case name that carries its unit ({@code wait_s}, {@code ctv_d98_pct}),
 * a type, whether it may be null, and a one-line description written into the Parquet metadata.
 * Columns holding wall-clock measurements (not reproducible) are named {@code measured_...}.
 */
public record Column(String name, ColumnType type, boolean nullable, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("column name must be snake_case, got " + name);
    }
    if (type == null) {
      throw new IllegalArgumentException("column " + name + " needs a type");
    }
    description = description == null ? "" : description;
  }

  /** Whether the column holds wall-clock measurements that differ between runs. */
  public boolean isMeasured() {
    return name.startsWith("measured_");
  }

  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }

  public static Column optional(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }
}
