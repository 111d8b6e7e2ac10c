package org.twinsim.engine.run;

import java.util.List;
import java.util.Map;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.CapacityBooker;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.CourseBooking;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.clinic.SessionStream;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.engine.strategy.Strategies;
import org.twinsim.engine.timing.SampledStepDurations;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * The units of work of the timing-only modes, one per (variant, replication, strategy), as pure
 * functions of their coordinates: a capacity unit books the referred patients and replays the
 * clinic; a queue unit replays the walk-in session stream. Each returns its steps, clinic_days
 * and (capacity) courses rows.
 */
public final class ClinicUnits {
  private ClinicUnits() {
  }

  /** The rows of one timing-only unit: {steps, clinic_days, courses (empty in queue mode)}. */
  public record Rows(Table steps, Table clinicDays, Table courses) {
  }

  /** The unit of {@code strategy} in variant {@code v}, replication {@code replication}. */
  public static Rows run(Variant v, int replication, String strategy) {
    Scenario s = v.scenario();
    StrategySpec spec = s.strategies().stream().filter(x -> x.name().equals(strategy)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("scenario " + s.name() + " has no strategy " + strategy));
    boolean capacity = s.mode().equals("capacity");
    ClinicModel cm = new ClinicModel(s.clinic(), spec.name(),
        Strategies.create(spec, s.twin().library().fixedOrDefaultMarginsMm(), CourseUnits.geometricDose()).workflow(),
        spec.slotMinutes(), new SampledStepDurations(s.timing(), s.seed(), replication), capacity);
    Table steps = new Table(TwinsimTables.STEPS);
    Table days = new Table(TwinsimTables.CLINIC_DAYS);
    Table courses = new Table(TwinsimTables.COURSES);
    Map<Long, SessionRecord> ss;
    if (capacity) {
      List<CapacityBooker.Booked> booked = CapacityBooker.book(s, replication, cm.slotS(),
          new TreatmentCalendar(s.fractionation()));
      List<CourseBooking> b = booked.stream().map(CapacityBooker.Booked::booking).toList();
      ss = cm.run(cm.requests(b), s.fractionation().startDate());
      for (CapacityBooker.Booked x : booked) {
        courses.add(CourseRows.capacity(courses, replication, spec.name(), x, ss, s.arrivals().targetStartDays()));
      }
      ClinicTables.steps(steps, replication, strategy, ss, LocalRunner::capacityPatientId);
    } else {
      ss = cm.run(SessionStream.generate(s, replication), s.fractionation().startDate());
      ClinicTables.steps(steps, replication, strategy, ss, LocalRunner::walkInId);
    }
    ClinicTables.clinicDays(days, replication, strategy, ss, s.clinic(), cm.patientsInClinicAverage());
    return new Rows(steps, days, courses);
  }

  /** Relative path of a timing-only unit's part of {@code table}. */
  public static String part(String table, Variant v, int replication, String strategy) {
    return part(table, v.name(), replication, strategy);
  }

  /** Relative path of a timing-only unit's part of {@code table}, by variant name. */
  public static String part(String table, String variant, int replication, String strategy) {
    return String.format("%s/variant=%s/part-r%04d-%s.parquet", table, variant, replication, strategy);
  }
}
