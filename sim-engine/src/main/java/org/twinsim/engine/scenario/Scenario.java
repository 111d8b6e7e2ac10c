package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.param.InvalidParameterException;

/**
 * A validated scenario: who is treated (cohort), how (fractionation, strategies), where (clinic),
 * with which anatomical variation and workflow timing. Every section is optional and takes
 * documented defaults (the seed study, REFERENCES.md); an instance that exists is valid.
 *
 * @param name short name (letters, digits, '-', '_')
 * @param description one line shown by {@code twinsim scenarios}
 * @param seed run seed: same seed, same results
 * @param replications independent replications of the whole run
 * @param cohort the patients
 * @param fractionation fractions, dose and treatment calendar
 * @param clinic rooms, opening hours and staff
 * @param strategies the workflows to compare, each on the same patients and days
 * @param anatomy inter- and intra-fraction variation
 * @param timing distributions of the workflow steps
 * @param registration how the clinic measures the day's anatomy on the CBCT
 * @param mode "courses" (default: replay the cohort's courses with the physics), "capacity"
 *     (a stream of new patients booked into the clinic, timing only) or "queue" (sessions arriving
 *     around the clock at pooled rooms, timing only)
 * @param arrivals how patients or sessions arrive (capacity and queue modes)
 * @param physics how much physics the course replay runs
 * @param twin the digital twin and its plan library
 * @param safety the safety layer: injected anomalies and deviation detectors (null: off, the default)
 */
public record Scenario(String name, String description, Long seed, Integer replications, Cohort cohort,
                       Fractionation fractionation, Clinic clinic, List<StrategySpec> strategies,
                       AnatomyVariation anatomy, Timing timing, RegistrationSpec registration, String mode,
                       Arrivals arrivals, PhysicsSpec physics, TwinSpec twin,
                       org.twinsim.engine.safety.SafetySpec safety) {
  public static final List<String> MODES = List.of("courses", "capacity", "queue");

  public Scenario {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new InvalidParameterException("name", "expected a short name of letters, digits, '-', '_' or '.', got " + quote(name));
    }
    description = description == null ? "" : description.strip();
    seed = seed == null ? 1L : seed;
    replications = replications == null ? 1 : InvalidParameterException.atLeast("replications", replications, 1);
    cohort = cohort == null ? new Cohort(null, null, null, null) : cohort;
    fractionation = fractionation == null ? new Fractionation(null, null, null, null, null) : fractionation;
    clinic = clinic == null ? new Clinic(null, null, null, null, null, null, null, null) : clinic;
    strategies = strategies == null ? StrategySpec.defaults() : List.copyOf(strategies);
    if (strategies.isEmpty()) {
      throw new InvalidParameterException("strategies", "expected at least one strategy of " + StrategySpec.KNOWN);
    }
    for (int i = 0; i < strategies.size(); i++) {
      if (strategies.get(i) == null) {
        throw new InvalidParameterException("strategies[" + i + "]", "expected a strategy of " + StrategySpec.KNOWN);
      }
      for (int j = 0; j < i; j++) {
        if (strategies.get(j).name().equals(strategies.get(i).name())) {
          throw new InvalidParameterException("strategies[" + i + "]", "strategy " + strategies.get(i).name() + " is listed twice");
        }
      }
    }
    anatomy = anatomy == null ? AnatomyVariation.defaults() : anatomy;
    timing = timing == null ? new Timing(null, null) : timing;
    registration = registration == null ? new RegistrationSpec(null, null, null) : registration;
    physics = physics == null ? new PhysicsSpec(null, null, null, null, null, null) : physics;
    twin = twin == null ? new TwinSpec(null, null, null, null) : twin;
    mode = mode == null ? "courses" : mode;
    if (!MODES.contains(mode)) {
      throw new InvalidParameterException("mode", "expected one of " + MODES + ", got '" + mode + "'");
    }
    if (safety != null && !mode.equals("courses")) {
      throw new InvalidParameterException("safety", "the safety layer runs in course replays only (mode: courses)");
    }
    if (safety != null && physics.isFull()) {
      String monitor = " (with physics.mode full the safety layer runs its detectors in monitor mode only)";
      if (!safety.anomalies().isEmpty()) {
        throw new InvalidParameterException("safety.anomalies", "injected anomalies need physics.mode geometric" + monitor);
      }
      if (safety.machine() != null) {
        throw new InvalidParameterException("safety.machine", "machine QA needs physics.mode geometric" + monitor);
      }
      if (!safety.imaging().isDailyCbct()) {
        throw new InvalidParameterException("safety.imaging.policy", "a twin-guided imaging policy needs physics.mode geometric"
            + monitor);
      }
    }
    switch (mode) {
      case "courses" -> {
        if (arrivals != null) {
          throw new InvalidParameterException("arrivals", "only used with mode: capacity or mode: queue");
        }
      }
      case "capacity" -> {
        if (arrivals == null || arrivals.patientsPerWeek() == null) {
          throw new InvalidParameterException("arrivals.patientsPerWeek", "mode: capacity needs the referral rate (new patients per week)");
        }
      }
      default -> {
        if (arrivals == null || (arrivals.sessionsPerHour() == null && arrivals.interarrival() == null)) {
          throw new InvalidParameterException("arrivals.sessionsPerHour", "mode: queue needs sessionsPerHour or interarrival");
        }
      }
    }
  }

  /** Whether this scenario replays courses with the physics (the decide and deliver phases). */
  public boolean replaysCourses() {
    return mode.equals("courses");
  }

  /** Days over which arrivals occur in capacity and queue modes. */
  public int horizonDays() {
    if (arrivals == null || arrivals.horizonDays() == null) {
      return mode.equals("queue") ? 30 : 365;
    }
    return arrivals.horizonDays();
  }

  /** A copy with another seed and cohort (command-line overrides). */
  public Scenario with(Long newSeed, Cohort newCohort) {
    return new Scenario(name, description, newSeed, replications, newCohort, fractionation, clinic, strategies,
        anatomy, timing, registration, mode, arrivals, physics, twin, safety);
  }

  /** Whether the safety layer is on (a {@code safety:} section is present). */
  public boolean safetyOn() {
    return safety != null;
  }

  /** Names of the strategies, in scenario order. */
  public List<String> strategyNames() {
    return strategies.stream().map(StrategySpec::name).toList();
  }

  static String quote(Object o) {
    return o == null ? "nothing" : "'" + o + "'";
  }
}
