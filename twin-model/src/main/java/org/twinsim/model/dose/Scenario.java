package org.twinsim.model.dose;

import org.twinsim.model.geometry.Vec3;

/**
 * An uncertainty scenario for dose calculation: a rigid shift of the beams relative to the patient
 * and a relative range error.
 *
 * <p>{@code shiftMm} translates every beam (source, isocentre, spots) by this vector in patient
 * coordinates; a patient displaced by +e in the room therefore corresponds to {@code shiftMm = -e}.
 * {@code rangeError} scales every water-equivalent path length by {@code 1 + rangeError} (a
 * systematic error of the stopping-power calibration: +0.035 means the protons stop 3.5% shallower).
 *
 * @param shiftMm beam translation relative to the patient, mm
 * @param rangeError relative error of the stopping power, in (-0.5, 0.5)
 */
public record Scenario(Vec3 shiftMm, double rangeError) {
  /** No shift, no range error. */
  public static final Scenario NOMINAL = new Scenario(Vec3.ZERO, 0);

  public Scenario {
    if (shiftMm == null || !Double.isFinite(shiftMm.x()) || !Double.isFinite(shiftMm.y()) || !Double.isFinite(shiftMm.z())) {
      throw new IllegalArgumentException("scenario shift must be a finite vector, got " + shiftMm);
    }
    if (!(rangeError > -0.5 && rangeError < 0.5)) {
      throw new IllegalArgumentException("scenario range error must lie in (-0.5, 0.5), got " + rangeError);
    }
    shiftMm = new Vec3(shiftMm.x() + 0.0, shiftMm.y() + 0.0, shiftMm.z() + 0.0); // no negative zeros
    rangeError = rangeError + 0.0;
  }

  public boolean isNominal() {
    return shiftMm.norm() == 0 && rangeError == 0;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "shift (%+.1f, %+.1f, %+.1f) mm, range %+.1f%%",
        shiftMm.x(), shiftMm.y(), shiftMm.z(), 100 * rangeError);
  }
}
