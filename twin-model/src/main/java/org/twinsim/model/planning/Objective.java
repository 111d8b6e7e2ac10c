package org.twinsim.model.planning;

import org.twinsim.model.param.InvalidParameterException;

/**
 * One quadratic penalty of the spot-weight optimisation, on the dose d_i of the N voxels of a
 * structure (its whole volume, descendants included), normalised by N:
 * <ul>
 * <li>{@link Kind#MIN_DOSE}: {@code weight/N * sum max(0, D - d_i)^2}</li>
 * <li>{@link Kind#MAX_DOSE}: {@code weight/N * sum max(0, d_i - D)^2}</li>
 * <li>{@link Kind#MAX_DVH} (at most v% above D): {@code weight/N * sum (d_i - D)^2} over the voxels with
 *     {@code D < d_i <= D_v}, D_v the current dose at volume v% (Wu and Mohan 2000, Med Phys 27:701)</li>
 * <li>{@link Kind#MIN_DVH} (at least v% at D or above): {@code weight/N * sum (D - d_i)^2} over the voxels
 *     with {@code D_v <= d_i < D}</li>
 * </ul>
 * A robust objective is evaluated in every scenario and combined over them (worst case or
 * expectation, {@link RobustMode}); a nominal one only in the nominal scenario.
 *
 * @param kind penalty type
 * @param structure structure name (in the label map, or a derived voxel set such as {@link ProstateProtocol#RING})
 * @param doseGy dose level D, Gy
 * @param volumePercent v for the DVH kinds, in (0, 100); ignored otherwise
 * @param weight importance, > 0
 * @param robust evaluated over all scenarios
 */
public record Objective(Kind kind, String structure, double doseGy, double volumePercent, double weight, boolean robust) {

  /** Penalty types. */
  public enum Kind { MIN_DOSE, MAX_DOSE, MIN_DVH, MAX_DVH }

  public Objective {
    if (kind == null) {
      throw new InvalidParameterException("kind", "expected one of MIN_DOSE, MAX_DOSE, MIN_DVH, MAX_DVH");
    }
    if (structure == null || structure.isBlank()) {
      throw new InvalidParameterException("structure", "expected a structure name");
    }
    InvalidParameterException.nonNegative("doseGy", doseGy);
    InvalidParameterException.positive("weight", weight);
    if (kind == Kind.MIN_DVH || kind == Kind.MAX_DVH) {
      if (!(volumePercent > 0 && volumePercent < 100)) {
        throw new InvalidParameterException("volumePercent", "expected a percentage in (0, 100) for " + kind + ", got " + volumePercent);
      }
    }
  }

  public static Objective minDose(String structure, double doseGy, double weight) {
    return new Objective(Kind.MIN_DOSE, structure, doseGy, 0, weight, false);
  }

  public static Objective maxDose(String structure, double doseGy, double weight) {
    return new Objective(Kind.MAX_DOSE, structure, doseGy, 0, weight, false);
  }

  public static Objective maxDvh(String structure, double doseGy, double volumePercent, double weight) {
    return new Objective(Kind.MAX_DVH, structure, doseGy, volumePercent, weight, false);
  }

  public static Objective minDvh(String structure, double doseGy, double volumePercent, double weight) {
    return new Objective(Kind.MIN_DVH, structure, doseGy, volumePercent, weight, false);
  }

  /** The same objective evaluated over all scenarios. */
  public Objective asRobust() {
    return new Objective(kind, structure, doseGy, volumePercent, weight, true);
  }

  /** The same objective evaluated in the nominal scenario only. */
  public Objective asNominal() {
    return new Objective(kind, structure, doseGy, volumePercent, weight, false);
  }
}
