package org.twinsim.engine.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.CourseBooking;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.dose.FractionDoseModel;
import org.twinsim.engine.dose.MarginErfDoseModel;
import org.twinsim.engine.physics.PriorTraining;
import org.twinsim.engine.safety.SafetyCourse;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.engine.strategy.Decision;
import org.twinsim.engine.strategy.Strategies;
import org.twinsim.engine.timing.MeasuredStepDurations;
import org.twinsim.engine.timing.SampledStepDurations;
import org.twinsim.engine.timing.StepDurations;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.model.twin.PopulationPrior;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * The units of work of a course replay, as pure functions of their coordinates (any engine -
 * the local thread pool or a cluster - calls these same functions):
 * <ul>
 *   <li>{@link #clinic}: the clinic-level unit (variant, replication): the event model of every
 *   strategy (and the twin's population prior), giving the {@link ReplicationContext};</li>
 *   <li>{@link #patient}: a patient unit (variant, replication, patient): the patient's course
 *   replayed with the context's session times, giving its fractions and courses rows;</li>
 *   <li>{@link #measure}: with measured compute timing only, a first pass over a patient that
 *   measures the compute steps the clinic unit then schedules with.</li>
 * </ul>
 */
public final class CourseUnits {
  private static final FractionDoseModel GEOMETRIC_DOSE = new MarginErfDoseModel();

  private CourseUnits() {
  }

  /** The dose model of the geometric physics. */
  public static FractionDoseModel geometricDose() {
    return GEOMETRIC_DOSE;
  }

  /** Room, slot and treatment dates of every patient's course. */
  public static List<CourseBooking> bookings(Scenario s, TreatmentCalendar calendar) {
    int rooms = s.clinic().rooms().size();
    List<CourseBooking> b = new ArrayList<>();
    for (int p = 0; p < s.cohort().patients(); p++) {
      int first = p * s.cohort().startEveryDays();
      b.add(new CourseBooking(p, calendar.course(first, s.fractionation().fractions()), p % rooms, p / rooms));
    }
    return b;
  }

  /**
   * The clinic-level unit.
   *
   * @param measured measured compute durations from {@link #measure} (keyed by
   *     {@link MeasuredStepDurations#key}), or null to sample every duration
   */
  public static ReplicationContext clinic(Variant v, int replication, Map<String, Double> measured) {
    Scenario s = v.scenario();
    TreatmentCalendar calendar = new TreatmentCalendar(s.fractionation());
    PopulationPrior prior = s.physics().isFull() ? PriorTraining.train(s, replication) : null;
    StepDurations durations = new SampledStepDurations(s.timing(), s.seed(), replication);
    if (measured != null) {
      durations = new MeasuredStepDurations(durations, measured);
    }
    List<CourseBooking> bookings = bookings(s, calendar);
    Map<String, Map<Long, SessionRecord>> sessions = new LinkedHashMap<>();
    Table steps = new Table(TwinsimTables.STEPS);
    Table days = new Table(TwinsimTables.CLINIC_DAYS);
    // full physics runs the detectors in monitor mode: no hold is acted on
    java.util.Set<Long> holds = s.safetyOn() && !s.physics().isFull() ? SafetyCourse.holdKeys(s, replication)
        : java.util.Set.of();
    Table qaDays = null;
    List<ClinicModel.RoomClosure> closures = List.of();
    if (s.safetyOn() && s.safety().machine() != null) {
      qaDays = new Table(TwinsimTables.QA_DAYS);
      closures = MachineTables.qaDays(qaDays, s, replication, bookings);
    }
    for (StrategySpec spec : s.strategies()) {
      ClinicModel cm = new ClinicModel(s.clinic(), spec.name(),
          Strategies.create(spec, s.twin().library().fixedOrDefaultMarginsMm(), GEOMETRIC_DOSE).workflow(),
          spec.slotMinutes(), durations, true).reimaging(holds).roomClosures(closures);
      Map<Long, SessionRecord> ss = cm.run(cm.requests(bookings), s.fractionation().startDate());
      sessions.put(spec.name(), ss);
      ClinicTables.steps(steps, replication, spec.name(), ss, UnitCoordinates::virtualPatientId);
      ClinicTables.clinicDays(days, replication, spec.name(), ss, s.clinic(), cm.patientsInClinicAverage());
    }
    return new ReplicationContext(v, replication, calendar, prior, sessions, steps, days, qaDays);
  }

  /** A patient unit: {fractions rows, courses rows}, and with the safety layer on {events rows, alerts rows}. */
  public static Table[] patient(ReplicationContext ctx, int patient, ProgressListener progress) {
    Scenario s = ctx.scenario();
    UnitCoordinates u = ctx.patient(patient);
    if (s.physics().isFull()) {
      return PhysicsPatientUnit.run(s, u, ctx.prior(), ctx.sessions(), ctx.calendar(), progress, null);
    }
    if (s.safetyOn()) {
      return SafetyTables.patient(ctx, u, GEOMETRIC_DOSE, progress);
    }
    PatientDecisions pd = PatientUnit.decide(s, u, GEOMETRIC_DOSE, ProgressListener.NONE);
    return DeliveryUnit.deliver(pd, ctx.sessions(), GEOMETRIC_DOSE, ctx.calendar(), progress);
  }

  /**
   * First pass of measured compute timing: replays a patient without session times and returns
   * the measured compute durations of its fractions (for {@link #clinic}).
   *
   * @param prior the replication's prior (full physics; train it once with {@link PriorTraining}), or null
   */
  public static Map<String, Double> measure(Variant v, int replication, int patient, PopulationPrior prior,
                                            ProgressListener progress) {
    Scenario s = v.scenario();
    UnitCoordinates u = new UnitCoordinates(v.name(), replication, patient);
    Map<String, Double> measured = new HashMap<>();
    if (s.physics().isFull()) {
      PhysicsPatientUnit.run(s, u, prior, null, new TreatmentCalendar(s.fractionation()), progress, measured);
      return measured;
    }
    PatientDecisions pd = PatientUnit.decide(s, u, GEOMETRIC_DOSE, progress);
    for (int f = 0; f < pd.observations().size(); f++) {
      double reg = pd.observations().get(f).measuredS();
      for (Map.Entry<String, List<Decision>> e : pd.decisions().entrySet()) {
        measured.put(MeasuredStepDurations.key(StepKind.DEFORMABLE_REGISTRATION, e.getKey(), patient, f), reg);
        double dec = e.getValue().get(f).measuredS();
        measured.put(MeasuredStepDurations.key(StepKind.PLAN_SELECTION, e.getKey(), patient, f), dec);
        measured.put(MeasuredStepDurations.key(StepKind.REOPTIMISATION, e.getKey(), patient, f), dec);
      }
    }
    return measured;
  }
}
