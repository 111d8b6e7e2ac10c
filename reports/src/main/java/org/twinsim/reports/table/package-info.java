/**
 * Output tables: a {@link org.twinsim.reports.table.TableSchema} of named, typed
 * {@link org.twinsim.reports.table.Column}s, rows checked as they are set, and
 * {@link org.twinsim.reports.table.ParquetTables} to write them atomically as Parquet (and read them
 * back). The testbed's own schemas are in {@link org.twinsim.reports.table.TwinsimTables}.
 */
package org.twinsim.reports.table;
