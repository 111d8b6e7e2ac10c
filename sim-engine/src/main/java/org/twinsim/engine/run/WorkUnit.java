package org.twinsim.engine.run;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;

/**
 * One unit of work of a run, named by its coordinates alone (DESIGN.md "Units of work"): the
 * clinic unit (variant, replication) and the patient units (variant, replication, patient) of a
 * course replay, or the timing-only unit (variant, replication, strategy) of capacity and queue
 * modes. A unit writes a fixed set of Parquet parts ({@link #parts}) and nothing else, so whether
 * it is done is a question about those files only; any engine may run it, any number of times.
 *
 * @param kind which unit function it calls
 * @param variantIndex position of the variant in the run's list
 * @param variant variant name (the {@code variant=NAME} folder)
 * @param replication replication index (>= 0)
 * @param patient patient index of a patient unit, else -1
 * @param strategy strategy of a timing-only unit, else null
 */
public record WorkUnit(Kind kind, int variantIndex, String variant, int replication, int patient, String strategy)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The unit functions. */
  public enum Kind {
    /** {@link CourseUnits#clinic}: the event model of every strategy; writes steps and clinic_days. */
    CLINIC,
    /** {@link CourseUnits#patient}: one patient's course; writes fractions and courses. */
    PATIENT,
    /** {@link ClinicUnits#run}: one strategy's capacity or queue replay; writes steps, clinic_days (and courses). */
    STRATEGY
  }

  public WorkUnit {
    if (kind == null || variant == null || replication < 0) {
      throw new IllegalArgumentException("a unit needs a kind, a variant and a replication >= 0");
    }
    if ((kind == Kind.PATIENT) != (patient >= 0) || (kind == Kind.STRATEGY) != (strategy != null)) {
      throw new IllegalArgumentException("inconsistent unit coordinates: " + kind + " " + patient + " " + strategy);
    }
  }

  /** Every unit of the variants, in the order the local engine runs them. */
  public static List<WorkUnit> plan(List<Variant> variants) {
    List<WorkUnit> out = new ArrayList<>();
    for (int vi = 0; vi < variants.size(); vi++) {
      Variant v = variants.get(vi);
      Scenario s = v.scenario();
      for (int rep = 0; rep < s.replications(); rep++) {
        if (s.replaysCourses()) {
          out.add(new WorkUnit(Kind.CLINIC, vi, v.name(), rep, -1, null));
          for (int p = 0; p < s.cohort().patients(); p++) {
            out.add(new WorkUnit(Kind.PATIENT, vi, v.name(), rep, p, null));
          }
        } else {
          for (StrategySpec spec : s.strategies()) {
            out.add(new WorkUnit(Kind.STRATEGY, vi, v.name(), rep, -1, spec.name()));
          }
        }
      }
    }
    return out;
  }

  /** The unit's Parquet parts, relative to the run folder (its scenario decides the capacity courses part). */
  public List<String> parts(Scenario s) {
    UnitCoordinates c = new UnitCoordinates(variant, replication, patient);
    return switch (kind) {
      case CLINIC -> s.safetyOn() && s.safety().machine() != null
          ? List.of(OutputLayout.clinicPart(OutputLayout.STEPS, c), OutputLayout.clinicPart(OutputLayout.CLINIC_DAYS, c),
              OutputLayout.clinicPart(OutputLayout.QA_DAYS, c))
          : List.of(OutputLayout.clinicPart(OutputLayout.STEPS, c),
              OutputLayout.clinicPart(OutputLayout.CLINIC_DAYS, c));
      case PATIENT -> s.safetyOn()
          ? List.of(OutputLayout.patientPart(OutputLayout.FRACTIONS, c), OutputLayout.patientPart(OutputLayout.COURSES, c),
              OutputLayout.patientPart(OutputLayout.EVENTS, c), OutputLayout.patientPart(OutputLayout.ALERTS, c))
          : List.of(OutputLayout.patientPart(OutputLayout.FRACTIONS, c),
              OutputLayout.patientPart(OutputLayout.COURSES, c));
      case STRATEGY -> s.mode().equals("capacity")
          ? List.of(ClinicUnits.part(OutputLayout.STEPS, variant, replication, strategy),
              ClinicUnits.part(OutputLayout.CLINIC_DAYS, variant, replication, strategy),
              ClinicUnits.part(OutputLayout.COURSES, variant, replication, strategy))
          : List.of(ClinicUnits.part(OutputLayout.STEPS, variant, replication, strategy),
              ClinicUnits.part(OutputLayout.CLINIC_DAYS, variant, replication, strategy));
    };
  }

  /** Coordinates as people read them, e.g. {@code variant=base replication=0 patient=3}. */
  public String label() {
    String base = "variant=" + variant + " replication=" + replication;
    return switch (kind) {
      case CLINIC -> base + " (clinic unit)";
      case PATIENT -> base + " patient=" + patient;
      case STRATEGY -> base + " strategy=" + strategy;
    };
  }

  @Override
  public String toString() {
    return label();
  }
}
