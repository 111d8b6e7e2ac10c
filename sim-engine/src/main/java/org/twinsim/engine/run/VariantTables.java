package org.twinsim.engine.run;

import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * The rows of one variant kept in memory for the summary (the steps table is only written, it can
 * hold millions of rows for a year of a busy clinic); events and alerts only with the safety layer on.
 */
public record VariantTables(Table fractions, Table courses, Table clinicDays, Table events, Table alerts, Table qaDays) {
  public VariantTables {
    events = events == null ? new Table(TwinsimTables.EVENTS) : events;
    alerts = alerts == null ? new Table(TwinsimTables.ALERTS) : alerts;
    qaDays = qaDays == null ? new Table(TwinsimTables.QA_DAYS) : qaDays;
  }

  public VariantTables(Table fractions, Table courses, Table clinicDays) {
    this(fractions, courses, clinicDays, null, null, null);
  }

  public static VariantTables empty() {
    return new VariantTables(new Table(TwinsimTables.FRACTIONS), new Table(TwinsimTables.COURSES),
        new Table(TwinsimTables.CLINIC_DAYS));
  }
}
