package org.twinsim.model.qa;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * Which image a fraction takes. "daily-cbct" always takes the standard CBCT. "twin-guided" lets
 * the twin's forecast decide: when the forecast interval of the prostate shift (its largest
 * half-width over the axes, at the forecast level) is below {@code kvPairBelowMm} the session takes a
 * planar kV pair (bone only; the prostate position is the twin's forecast), below
 * {@code lowDoseBelowMm} a low-dose CBCT, else the standard CBCT; the first
 * {@code learningFractions} fractions always take the standard CBCT.
 *
 * @param name "daily-cbct" or "twin-guided"
 * @param lowDoseBelowMm forecast half-width under which a low-dose CBCT suffices, mm (default 4)
 * @param kvPairBelowMm forecast half-width under which a kV pair suffices, mm (default 2)
 * @param learningFractions fractions imaged with the standard CBCT before the twin decides (default 5)
 */
public record ImagingPolicy(String name, Double lowDoseBelowMm, Double kvPairBelowMm, Integer learningFractions) {
  public static final List<String> NAMES = List.of("daily-cbct", "twin-guided");

  public ImagingPolicy {
    name = name == null ? "daily-cbct" : name;
    if (!NAMES.contains(name)) {
      throw new InvalidParameterException("name", "expected one of " + NAMES + ", got '" + name + "'");
    }
    lowDoseBelowMm = lowDoseBelowMm == null ? 4.0 : InvalidParameterException.inRange("lowDoseBelowMm", lowDoseBelowMm, 0, 50);
    kvPairBelowMm = kvPairBelowMm == null ? 2.0 : InvalidParameterException.inRange("kvPairBelowMm", kvPairBelowMm, 0, 50);
    if (kvPairBelowMm > lowDoseBelowMm) {
      throw new InvalidParameterException("kvPairBelowMm", "expected at most lowDoseBelowMm " + lowDoseBelowMm + ", got " + kvPairBelowMm);
    }
    learningFractions = learningFractions == null ? 5 : InvalidParameterException.atLeast("learningFractions", learningFractions, 0);
  }

  public static ImagingPolicy dailyCbct() {
    return new ImagingPolicy(null, null, null, null);
  }

  /**
   * The protocol for a fraction.
   *
   * @param fraction 0-based fraction index
   * @param forecastHalfWidthMm the twin's forecast interval half-width for this fraction (largest over axes), mm
   */
  public ImagingProtocol protocol(int fraction, double forecastHalfWidthMm) {
    if (name.equals("daily-cbct") || fraction < learningFractions || !(forecastHalfWidthMm >= 0)) {
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
