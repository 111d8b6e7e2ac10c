package org.twinsim.reports.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Rows of one schema, in insertion order. Not thread-safe: build one per unit of work. */
public final class Table {
  private final TableSchema schema;
  private final List<Row> rows = new ArrayList<>();

  public Table(TableSchema schema) {
    this.schema = schema;
  }

  public TableSchema schema() {
    return schema;
  }

  /** Starts a row; it joins the table when passed to {@link #add(Row)}. */
  public Row newRow() {
    return new Row(schema);
  }

  /** Adds a complete row (every required column set). */
  public void add(Row row) {
    if (row.schema() != schema) {
      throw new IllegalArgumentException("row of table " + row.schema().name() + " added to " + schema.name());
    }
    row.requireComplete();
    rows.add(row);
  }

  /** Adds all rows of another table of the same schema. */
  public void addAll(Table other) {
    for (Row r : other.rows()) {
      add(r);
    }
  }

  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  public int size() {
    return rows.size();
  }

  /** Wraps values read back from a file (in schema order). */
  public Row rowOf(Object[] values) {
    if (values.length != schema.size()) {
      throw new IllegalArgumentException("expected " + schema.size() + " values");
    }
    return new Row(schema, values);
  }

  /** All values of one column, as doubles (null -> NaN). */
  public double[] doubles(String column) {
    int i = schema.indexOf(column);
    double[] d = new double[rows.size()];
    for (int r = 0; r < d.length; r++) {
      Object v = rows.get(r).valueAt(i);
      d[r] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
    return d;
  }
}
