package org.twinsim.reports.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TableSchema;

/**
 * One table of a run folder, read back from all its Parquet parts: one {@link Table} per scenario
 * variant (the Hive-style {@code variant=NAME} folder the parts lie in), in the run's variant order.
 */
public final class RunTable {
  private final String name;
  private final TableSchema schema;
  private final Map<String, Table> byVariant;
  private final int parts;

  RunTable(String name, TableSchema schema, Map<String, Table> byVariant, int parts) {
    this.name = name;
    this.schema = schema;
    this.byVariant = Collections.unmodifiableMap(new LinkedHashMap<>(byVariant));
    this.parts = parts;
  }

  /** Table name (the folder name, e.g. {@code fractions}). */
  public String name() {
    return name;
  }

  /** Columns as read from the parts (all parts of a table have the same columns). */
  public TableSchema schema() {
    return schema;
  }

  public boolean has(String column) {
    return schema.has(column);
  }

  /**
   * Variants that have rows in this table, in run order; "" last for parts lying directly in the
   * table folder whose rows carry a {@code variant} column.
   */
  public List<String> variants() {
    return List.copyOf(byVariant.keySet());
  }

  /** The rows of one variant (an empty table if the variant has none). */
  public Table variant(String variant) {
    Table t = byVariant.get(variant);
    return t == null ? new Table(schema) : t;
  }

  /** Rows of all variants, in variant order. */
  public List<Row> rows() {
    List<Row> all = new ArrayList<>();
    for (Table t : byVariant.values()) {
      all.addAll(t.rows());
    }
    return all;
  }

  public int size() {
    int n = 0;
    for (Table t : byVariant.values()) {
      n += t.size();
    }
    return n;
  }

  /** Number of Parquet parts read. */
  public int parts() {
    return parts;
  }

  /**
   * Whether the column exists and holds at least one non-null value: a dose model that does not
   * provide a metric leaves it null in every row.
   */
  public boolean hasValues(String column) {
    if (!schema.has(column)) {
      return false;
    }
    for (Table t : byVariant.values()) {
      for (Row r : t.rows()) {
        if (r.get(column) != null) {
          return true;
        }
      }
    }
    return false;
  }
}
