package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.engine.timing.DistributionSpec;
import org.twinsim.model.param.InvalidParameterException;

/**
 * How patients (capacity mode) or sessions (queue mode) arrive.
 *
 * <p>Capacity mode: new patients are referred as a Poisson process of {@code patientsPerWeek}
 * (or regularly spaced with {@code process: regular}) over {@code horizonDays}; each is ready to
 * start {@code leadDays} after referral (contouring, planning, QA) and needs a course drawn from
 * {@code courseMix}; the clinic books the first treatment day from which one room has a free slot
 * on every day of the course.
 *
 * <p>Queue mode: sessions arrive around the clock with inter-arrival times from
 * {@code interarrival} (or exponential with {@code sessionsPerHour}), are served by any free room
 * (pooled rooms) - the walk-in clinic, and the configuration under which the event engine is
 * validated against queueing theory.
 *
 * @param process "poisson" (default) or "regular" patient referrals
 * @param patientsPerWeek capacity mode: mean new patients per week
 * @param sessionsPerHour queue mode: mean sessions per hour (exponential inter-arrivals)
 * @param interarrival queue mode: inter-arrival distribution, s (instead of sessionsPerHour)
 * @param horizonDays calendar days over which arrivals occur (default 365 in capacity mode, 30 in queue mode)
 * @param leadDays capacity mode: days from referral to the earliest possible first fraction (default 7)
 * @param targetStartDays capacity mode: a course starting later than this after it was ready counts as delayed (default 14)
 * @param courseMix capacity mode: course types and their shares (default: 28 fractions only)
 */
public record Arrivals(String process, Double patientsPerWeek, Double sessionsPerHour, DistributionSpec interarrival,
                       Integer horizonDays, Integer leadDays, Integer targetStartDays, List<CourseType> courseMix) {
  public static final List<String> PROCESSES = List.of("poisson", "regular");

  public Arrivals {
    process = process == null ? "poisson" : process;
    if (!PROCESSES.contains(process)) {
      throw new InvalidParameterException("process", "expected one of " + PROCESSES + ", got '" + process + "'");
    }
    if (patientsPerWeek != null) {
      InvalidParameterException.inRange("patientsPerWeek", patientsPerWeek, 1e-3, 10_000);
    }
    if (sessionsPerHour != null) {
      InvalidParameterException.inRange("sessionsPerHour", sessionsPerHour, 1e-6, 100_000);
    }
    if (sessionsPerHour != null && interarrival != null) {
      throw new InvalidParameterException("interarrival", "give either sessionsPerHour or interarrival, not both");
    }
    if (horizonDays != null) {
      InvalidParameterException.atLeast("horizonDays", horizonDays, 1);
      if (horizonDays > 3660) {
        throw new InvalidParameterException("horizonDays", "expected at most 3660 (ten years), got " + horizonDays);
      }
    }
    leadDays = leadDays == null ? 7 : InvalidParameterException.atLeast("leadDays", leadDays, 0);
    targetStartDays = targetStartDays == null ? 14 : InvalidParameterException.atLeast("targetStartDays", targetStartDays, 0);
    courseMix = courseMix == null ? List.of(new CourseType("conventional", 28, 1.0)) : List.copyOf(courseMix);
    if (courseMix.isEmpty()) {
      throw new InvalidParameterException("courseMix", "expected at least one course type");
    }
    for (int i = 0; i < courseMix.size(); i++) {
      if (courseMix.get(i) == null) {
        throw new InvalidParameterException("courseMix[" + i + "]", "expected {name, fractions, weight}");
      }
    }
  }

  /**
   * A course type of the capacity mix.
   *
   * @param name label
   * @param fractions number of fractions
   * @param weight relative share (normalised over the mix)
   */
  public record CourseType(String name, Integer fractions, Double weight) {
    public CourseType {
      name = name == null ? "course" : name;
      fractions = InvalidParameterException.atLeast("fractions", fractions, 1);
      if (fractions > 60) {
        throw new InvalidParameterException("fractions", "expected at most 60, got " + fractions);
      }
      weight = weight == null ? 1.0 : InvalidParameterException.positive("weight", weight);
    }
  }
}
