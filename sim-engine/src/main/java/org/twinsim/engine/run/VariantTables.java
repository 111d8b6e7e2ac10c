package org.twinsim.engine.run;

import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * The rows of one variant kept in memory for the summary (the steps table is only written, it can
 * hold millions of rows for a year of a busy clinic).
 */
public record VariantTables(Table fractions, Table courses, Table clinicDays) {
  public static VariantTables empty() {
    return new VariantTables(new Table(TwinsimTables.FRACTIONS), new Table(TwinsimTables.COURSES),
        new Table(TwinsimTables.CLINIC_DAYS));
  }
}
