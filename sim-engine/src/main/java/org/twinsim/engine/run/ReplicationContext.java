package org.twinsim.engine.run;

import java.util.Map;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.twin.PopulationPrior;
import org.twinsim.reports.table.Table;

/**
 * What the patients of one (variant, replication) share, computed by the clinic-level unit from
 * those coordinates alone: the clinic model's sessions of every strategy (their times set each
 * fraction's drift), the clinic tables, and - with the full physics - the twin's population prior.
 *
 * @param variant the variant
 * @param replication replication index
 * @param calendar the treatment calendar
 * @param prior the twin's population prior (full physics), or null
 * @param sessions per strategy, sessions keyed by {@link org.twinsim.engine.clinic.ClinicModel#key}
 * @param steps the clinic unit's steps rows
 * @param clinicDays the clinic unit's clinic_days rows
 * @param qaDays the clinic unit's qa_days rows (safety layer with machine QA), else null
 */
public record ReplicationContext(Variant variant, int replication, TreatmentCalendar calendar, PopulationPrior prior,
                                 Map<String, Map<Long, SessionRecord>> sessions, Table steps, Table clinicDays,
                                 Table qaDays) {
  public ReplicationContext(Variant variant, int replication, TreatmentCalendar calendar, PopulationPrior prior,
                            Map<String, Map<Long, SessionRecord>> sessions, Table steps, Table clinicDays) {
    this(variant, replication, calendar, prior, sessions, steps, clinicDays, null);
  }

  public Scenario scenario() {
    return variant.scenario();
  }

  public UnitCoordinates patient(int p) {
    return new UnitCoordinates(variant.name(), replication, p);
  }
}
