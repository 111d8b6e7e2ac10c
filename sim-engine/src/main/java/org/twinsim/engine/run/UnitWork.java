package org.twinsim.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * Runs one {@link WorkUnit}: calls its unit function ({@link CourseUnits}, {@link ClinicUnits})
 * and writes its parts through a {@link PartSink}. Every engine runs units through here, so a unit
 * gives the same parts wherever it runs.
 */
public final class UnitWork {
  private UnitWork() {
  }

  /**
   * What a unit wrote, and the rows the run summary needs (the steps rows stay on disk).
   *
   * @param unit the unit
   * @param parts its parts, in writing order
   * @param fractions fractions rows (patient units), else empty
   * @param courses courses rows (patient units, capacity units), else empty
   * @param clinicDays clinic_days rows (clinic and timing-only units), else empty
   * @param events events rows (patient units with the safety layer on), else empty
   * @param alerts alerts rows (patient units with the safety layer on), else empty
   * @param qaDays qa_days rows (clinic units with machine QA on), else empty
   */
  public record Output(WorkUnit unit, List<RunManifest.Part> parts, Table fractions, Table courses, Table clinicDays,
                       Table events, Table alerts, Table qaDays) {
    public Output {
      parts = List.copyOf(parts);
      events = events == null ? new Table(TwinsimTables.EVENTS) : events;
      alerts = alerts == null ? new Table(TwinsimTables.ALERTS) : alerts;
      qaDays = qaDays == null ? new Table(TwinsimTables.QA_DAYS) : qaDays;
    }

    /** Output without safety rows. */
    public Output(WorkUnit unit, List<RunManifest.Part> parts, Table fractions, Table courses, Table clinicDays) {
      this(unit, parts, fractions, courses, clinicDays, null, null, null);
    }
  }

  /** Supplies a patient unit with the clinic unit's context of its (variant, replication). */
  @FunctionalInterface
  public interface Contexts {
    ReplicationContext get(Variant v, int replication);
  }

  /** Runs any unit; course units take their replication's context from {@code contexts}. */
  public static Output run(WorkUnit u, Variant v, Contexts contexts, PartSink sink, ProgressListener progress)
      throws IOException {
    check(u, v);
    return switch (u.kind()) {
      case CLINIC -> clinic(u, contexts.get(v, u.replication()), sink);
      case PATIENT -> patient(u, contexts.get(v, u.replication()), sink, progress);
      case STRATEGY -> strategy(u, v, sink);
    };
  }

  /** The clinic unit: writes the context's steps and clinic_days. */
  public static Output clinic(WorkUnit u, ReplicationContext ctx, PartSink sink) throws IOException {
    check(u, ctx.variant());
    List<String> rel = u.parts(ctx.scenario());
    List<RunManifest.Part> parts = new ArrayList<>();
    parts.add(sink.write(rel.get(0), ctx.steps()));
    parts.add(sink.write(rel.get(1), ctx.clinicDays()));
    if (ctx.qaDays() != null) {
      parts.add(sink.write(rel.get(2), ctx.qaDays()));
    }
    return new Output(u, parts, new Table(TwinsimTables.FRACTIONS), new Table(TwinsimTables.COURSES), ctx.clinicDays(),
        null, null, ctx.qaDays());
  }

  /** A patient unit: replays the patient's course with the context's sessions; writes fractions and courses. */
  public static Output patient(WorkUnit u, ReplicationContext ctx, PartSink sink, ProgressListener progress)
      throws IOException {
    check(u, ctx.variant());
    Table[] t = CourseUnits.patient(ctx, u.patient(), progress);
    List<String> rel = u.parts(ctx.scenario());
    List<RunManifest.Part> parts = new ArrayList<>();
    parts.add(sink.write(rel.get(0), t[0]));
    parts.add(sink.write(rel.get(1), t[1]));
    if (t.length > 2) {
      parts.add(sink.write(rel.get(2), t[2]));
      parts.add(sink.write(rel.get(3), t[3]));
      return new Output(u, parts, t[0], t[1], new Table(TwinsimTables.CLINIC_DAYS), t[2], t[3], null);
    }
    return new Output(u, parts, t[0], t[1], new Table(TwinsimTables.CLINIC_DAYS));
  }

  /** A timing-only unit: one strategy's capacity or queue replay; writes steps, clinic_days (and capacity courses). */
  public static Output strategy(WorkUnit u, Variant v, PartSink sink) throws IOException {
    check(u, v);
    ClinicUnits.Rows r = ClinicUnits.run(v, u.replication(), u.strategy());
    List<String> rel = u.parts(v.scenario());
    List<RunManifest.Part> parts = new ArrayList<>();
    parts.add(sink.write(rel.get(0), r.steps()));
    parts.add(sink.write(rel.get(1), r.clinicDays()));
    if (rel.size() > 2) {
      parts.add(sink.write(rel.get(2), r.courses()));
    }
    return new Output(u, parts, new Table(TwinsimTables.FRACTIONS), r.courses(), r.clinicDays());
  }

  private static void check(WorkUnit u, Variant v) {
    if (!u.variant().equals(v.name())) {
      throw new IllegalArgumentException("unit " + u + " run with variant " + v.name());
    }
  }
}
