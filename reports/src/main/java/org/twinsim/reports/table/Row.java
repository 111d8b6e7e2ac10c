package org.twinsim.reports.table;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One row of a table under construction: values set by column name and type-checked against the
 * schema at once, so a misspelt column or a wrong type fails where it is written.
 */
public final class Row {
  private final TableSchema schema;
  private final Object[] values;

  Row(TableSchema schema) {
    this.schema = schema;
    this.values = new Object[schema.size()];
  }

  Row(TableSchema schema, Object[] values) {
    this.schema = schema;
    this.values = values;
  }

  public TableSchema schema() {
    return schema;
  }

  /** Sets a column; {@code null} only for nullable columns. Returns this for chaining. */
  public Row set(String column, Object value) {
    int i = schema.indexOf(column);
    Column c = schema.columns().get(i);
    values[i] = check(c, value);
    return this;
  }

  public Object get(String column) {
    return values[schema.indexOf(column)];
  }

  public double getDouble(String column) {
    Object v = get(column);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  public int getInt(String column) {
    return ((Number) get(column)).intValue();
  }

  public String getString(String column) {
    Object v = get(column);
    return v == null ? null : v.toString();
  }

  /** Values in schema order (a copy). */
  public Object[] values() {
    return values.clone();
  }

  Object valueAt(int i) {
    return values[i];
  }

  /** Throws naming the first required column left unset. */
  void requireComplete() {
    for (int i = 0; i < values.length; i++) {
      Column c = schema.columns().get(i);
      if (values[i] == null && !c.nullable()) {
        throw new IllegalStateException("table " + schema.name() + ": required column '" + c.name() + "' not set");
      }
    }
  }

  private Object check(Column c, Object v) {
    if (v == null) {
      if (!c.nullable()) {
        throw new IllegalArgumentException("table " + schema.name() + ": column " + c.name() + " must not be null");
      }
      return null;
    }
    boolean ok = switch (c.type()) {
      case INT -> v instanceof Integer || v instanceof Short || v instanceof Byte;
      case LONG -> v instanceof Long || v instanceof Integer;
      case DOUBLE -> v instanceof Double || v instanceof Float || v instanceof Integer || v instanceof Long;
      case STRING -> v instanceof String || v instanceof Enum<?>;
      case BOOLEAN -> v instanceof Boolean;
      case DATE -> v instanceof LocalDate;
    };
    if (!ok) {
      throw new IllegalArgumentException("table " + schema.name() + ": column " + c.name() + " expects "
          + c.type() + ", got " + v.getClass().getSimpleName() + " " + v);
    }
    return switch (c.type()) {
      case INT -> ((Number) v).intValue();
      case LONG -> ((Number) v).longValue();
      case DOUBLE -> ((Number) v).doubleValue();
      case STRING -> v.toString();
      default -> v;
    };
  }

  @Override
  public String toString() {
    return schema.name() + Arrays.toString(values);
  }
}
