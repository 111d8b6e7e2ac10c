package org.twinsim.reports.table;

/** Column types of the testbed's tables, each mapped onto one Parquet physical/logical type. */
public enum ColumnType {
  /** 32-bit signed integer (Parquet INT32). */
  INT,
  /** 64-bit signed integer (Parquet INT64). */
  LONG,
  /** IEEE double (Parquet DOUBLE). */
  DOUBLE,
  /** UTF-8 text (Parquet BINARY, STRING logical type). */
  STRING,
  /** Boolean (Parquet BOOLEAN). */
  BOOLEAN,
  /** Calendar date (Parquet INT32, DATE logical type: days since 1970-01-01). Values are {@link java.time.LocalDate}. */
  DATE
}
