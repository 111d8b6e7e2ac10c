package org.twinsim.model.planning;

import org.twinsim.model.param.InvalidParameterException;

/**
 * The uncertainty a plan is made robust against: isotropic setup error and relative range error.
 * (0, 0) is a nominal, non-robust plan. The seed study used 5 mm / 3.5% for clinical plans and
 * 1.5 mm / 3.5% for twin plans (REFERENCES.md).
 *
 * @param setupMm setup error magnitude along each axis, both directions, mm
 * @param rangeFraction relative range error, e.g. 0.035
 */
public record UncertaintySetting(double setupMm, double rangeFraction) {
  public UncertaintySetting {
    InvalidParameterException.inRange("setupMm", setupMm, 0, 30);
    InvalidParameterException.inRange("rangeFraction", rangeFraction, 0, 0.2);
  }

  /** No uncertainty: a nominal plan. */
  public static final UncertaintySetting NOMINAL = new UncertaintySetting(0, 0);

  public boolean isNominal() {
    return setupMm == 0 && rangeFraction == 0;
  }

  /** A label such as "setup 3.0 mm, range 3.5%". */
  public String label() {
    return String.format(java.util.Locale.ROOT, "setup %.1f mm, range %.1f%%", setupMm, 100 * rangeFraction);
  }
}
