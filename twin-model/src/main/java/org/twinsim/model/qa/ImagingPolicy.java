package org.twinsim.model.qa;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * Which image a fraction takes. "daily-cbct" (the default) always takes the standard CBCT.
 * "twin-guided" lets the twin's forecast decide how much information the day needs: when the
 * twin's 95% predictive interval of the prostate shift relative to bone (its largest half-width over
 * the three axes, with the patient's own daily variance learned so far) is below
 * {@code kvPairBelowMm}, the session takes a planar kV pair (bone only: the prostate position is the
 * twin's forecast); below {@code lowDoseBelowMm} a low-dose CBCT; else the standard CBCT. The first
 * {@code learningFractions} fractions always take the standard CBCT, and so does the fraction after
 * an alert of grade review or hold (the twin's forecast was just contradicted).
 *
 * <p>The thresholds are the user's choice, not published values: on the default anatomy (prostate
 * random SD up to 2.7 mm, registration error 1 mm) the 95% half-width is about 5.6 mm for a patient
 * of average calm, so the defaults (6.0 and 4.5 mm) send a typical patient to low-dose CBCT and
 * only a calm one to kV pairs. Sweep them to trace imaging dose against coverage.
 *
 * @param policy "daily-cbct" or "twin-guided"
 * @param lowDoseBelowMm 95% forecast half-width under which a low-dose CBCT suffices, mm (default 6.0)
 * @param kvPairBelowMm 95% forecast half-width under which a kV pair suffices, mm (default 4.5)
 * @param learningFractions fractions imaged with the standard CBCT before the twin decides (default 5)
 */
public record ImagingPolicy(String policy, Double lowDoseBelowMm, Double kvPairBelowMm, Integer learningFractions) {
  public static final List<String> NAMES = List.of("daily-cbct", "twin-guided");

  public ImagingPolicy {
    policy = policy == null ? "daily-cbct" : policy;
    if (!NAMES.contains(policy)) {
      throw new InvalidParameterException("policy", "unknown imaging policy '" + policy + "'; expected one of " + NAMES);
    }
    lowDoseBelowMm = lowDoseBelowMm == null ? 6.0 : InvalidParameterException.inRange("lowDoseBelowMm", lowDoseBelowMm, 0, 50);
    kvPairBelowMm = kvPairBelowMm == null ? Math.min(4.5, lowDoseBelowMm)
        : InvalidParameterException.inRange("kvPairBelowMm", kvPairBelowMm, 0, 50);
    if (kvPairBelowMm > lowDoseBelowMm) {
      throw new InvalidParameterException("kvPairBelowMm", "expected at most lowDoseBelowMm " + lowDoseBelowMm + ", got " + kvPairBelowMm);
    }
    learningFractions = learningFractions == null ? 5 : InvalidParameterException.atLeast("learningFractions", learningFractions, 0);
  }

  public static ImagingPolicy dailyCbct() {
    return new ImagingPolicy(null, null, null, null);
  }

  /** Whether every fraction takes the standard CBCT. */
  public boolean isDailyCbct() {
    return policy.equals("daily-cbct");
  }

  /**
   * The protocol for a fraction.
   *
   * @param fraction 0-based fraction index
   * @param forecastHalfWidthMm the twin's 95% forecast half-width for this fraction (largest over axes), mm
   * @param afterAlert whether the previous fraction raised an alert of grade review or hold
   */
  public ImagingProtocol protocol(int fraction, double forecastHalfWidthMm, boolean afterAlert) {
    if (isDailyCbct() || fraction < learningFractions || afterAlert || !(forecastHalfWidthMm >= 0)) {
      return ImagingProtocol.FULL_CBCT;
    }
    if (forecastHalfWidthMm < kvPairBelowMm) {
      return ImagingProtocol.KV_PAIR;
    }
    if (forecastHalfWidthMm < lowDoseBelowMm) {
      return ImagingProtocol.LOW_DOSE_CBCT;
    }
    return ImagingProtocol.FULL_CBCT;
  }
}
