package org.twinsim.engine.safety;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * One kind of injected anomaly in a scenario's {@code safety.anomalies} list. Exactly one rate is
 * given: {@code perFraction} (each fraction independently, the anomaly lasts that fraction) or
 * {@code perCourse} (once per course with this probability, from a fraction drawn uniformly over
 * the course; it recurs every fraction until a hold corrects it; gross setup errors only).
 *
 * @param kind one of {@link AnomalyKind#KEYS}
 * @param perFraction probability per fraction, in [0, 1]
 * @param perCourse probability per course, in [0, 1]
 * @param sizeMm [min, max] size, mm, drawn uniformly (default [5, 10] for gross setup, [8, 15] for prostate shift)
 */
public record AnomalySpec(String kind, Double perFraction, Double perCourse, List<Double> sizeMm) {
  public AnomalySpec {
    if (kind == null || AnomalyKind.ofKey(kind) == null) {
      throw new InvalidParameterException("kind", "unknown anomaly kind " + (kind == null ? "(none given)" : "'" + kind + "'")
          + "; expected one of " + AnomalyKind.KEYS);
    }
    if ((perFraction == null) == (perCourse == null)) {
      throw new InvalidParameterException("perFraction", "give exactly one of perFraction or perCourse (a probability in [0, 1])");
    }
    if (perFraction != null) {
      InvalidParameterException.inRange("perFraction", perFraction, 0, 1);
    } else {
      InvalidParameterException.inRange("perCourse", perCourse, 0, 1);
      if (AnomalyKind.ofKey(kind) != AnomalyKind.GROSS_SETUP) {
        throw new InvalidParameterException("perCourse", "only gross-setup anomalies recur over a course; use perFraction for " + kind);
      }
    }
    if (sizeMm == null) {
      sizeMm = AnomalyKind.ofKey(kind) == AnomalyKind.GROSS_SETUP ? List.of(5.0, 10.0) : List.of(8.0, 15.0);
    }
    if (sizeMm.size() != 2 || sizeMm.get(0) == null || sizeMm.get(1) == null) {
      throw new InvalidParameterException("sizeMm", "expected [min, max] in mm, got " + sizeMm);
    }
    InvalidParameterException.inRange("sizeMm[0]", sizeMm.get(0), 0, 100);
    InvalidParameterException.inRange("sizeMm[1]", sizeMm.get(1), sizeMm.get(0), 100);
    sizeMm = List.copyOf(sizeMm);
  }

  public AnomalyKind anomalyKind() {
    return AnomalyKind.ofKey(kind);
  }

  public double minMm() {
    return sizeMm.get(0);
  }

  public double maxMm() {
    return sizeMm.get(1);
  }
}
