package org.twinsim.reports.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of one output table, in order, with lookup by name. Immutable. */
public final class TableSchema {
  private final String name;
  private final List<Column> columns;
  private final Map<String, Integer> index = new HashMap<>();

  public TableSchema(String name, List<Column> columns) {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table name must be snake_case, got " + name);
    }
    this.name = name;
    this.columns = List.copyOf(columns);
    for (int i = 0; i < this.columns.size(); i++) {
      if (index.put(this.columns.get(i).name(), i) != null) {
        throw new IllegalArgumentException("table " + name + ": duplicate column " + this.columns.get(i).name());
      }
    }
  }

  public String name() {
    return name;
  }

  public List<Column> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  /** Position of a column; throws naming the table if absent. */
  public int indexOf(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("table " + name + " has no column '" + column + "'");
    }
    return i;
  }

  public boolean has(String column) {
    return index.containsKey(column);
  }

  public Column column(String column) {
    return columns.get(indexOf(column));
  }

  /** A builder for schemas written as a list of column declarations. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Collects columns in order. */
  public static final class Builder {
    private final String name;
    private final List<Column> cols = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder req(String column, ColumnType type, String description) {
      cols.add(Column.required(column, type, description));
      return this;
    }

    public Builder opt(String column, ColumnType type, String description) {
      cols.add(Column.optional(column, type, description));
      return this;
    }

    public TableSchema build() {
      return new TableSchema(name, Collections.unmodifiableList(cols));
    }
  }
}
