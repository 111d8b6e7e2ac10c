package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The digital twin: its population prior, forecasts and the plan library it generates.
 *
 * @param priorPatients previous virtual patients the population prior is learned from (default 20;
 *     their registrations are simulated as the true shifts plus the registration noise below)
 * @param forecastLevel central level of the forecast intervals written per fraction (default 0.9)
 * @param registrationNoiseSdMm SD per axis of the registration's prostate measurement the twin
 *     assumes, mm (default 1.0): the twin separates it from the true motion
 * @param library the plan library of the digital twin and the oracle
 */
public record TwinSpec(Integer priorPatients, Double forecastLevel, Double registrationNoiseSdMm, LibrarySpec library) {
  public TwinSpec {
    priorPatients = priorPatients == null ? 20 : InvalidParameterException.atLeast("priorPatients", priorPatients, 3);
    forecastLevel = forecastLevel == null ? 0.9 : InvalidParameterException.inRange("forecastLevel", forecastLevel, 0.5, 0.999);
    registrationNoiseSdMm = registrationNoiseSdMm == null ? 1.0
        : InvalidParameterException.inRange("registrationNoiseSdMm", registrationNoiseSdMm, 0, 10);
    library = library == null ? new LibrarySpec(null, null, null, null, null) : library;
  }

  /**
   * The plan library. By default its setup-robustness settings come from the twin's forecast: plan k
   * covers the {@code quantiles[k]} central interval of the forecast prostate shift (the largest
   * |mean| + z sd over the axes), rounded up to 0.5 mm and kept within [minMarginMm, maxMarginMm];
   * after {@code regenerateAfter} fractions the library is re-optimised on the patient's own
   * posterior. With {@code marginsMm} the settings are fixed instead (the seed study's 1.5/3/5 mm).
   *
   * @param marginsMm fixed setup margins, mm (null: from the forecast)
   * @param quantiles central forecast levels the plans cover (default 0.5, 0.8, 0.95)
   * @param minMarginMm smallest margin, mm (default 1.5, the seed study's twin plans)
   * @param maxMarginMm largest margin, mm (default 8)
   * @param regenerateAfter fractions after which the library is regenerated (default 5; 0: never)
   */
  public record LibrarySpec(List<Double> marginsMm, List<Double> quantiles, Double minMarginMm, Double maxMarginMm,
                            Integer regenerateAfter) {
    public LibrarySpec {
      if (marginsMm != null) {
        marginsMm = List.copyOf(marginsMm);
        if (marginsMm.isEmpty()) {
          throw new InvalidParameterException("marginsMm", "expected at least one margin");
        }
        for (int i = 0; i < marginsMm.size(); i++) {
          InvalidParameterException.inRange("marginsMm[" + i + "]", marginsMm.get(i), 0, 20);
        }
      }
      quantiles = quantiles == null ? List.of(0.5, 0.8, 0.95) : List.copyOf(quantiles);
      if (quantiles.isEmpty()) {
        throw new InvalidParameterException("quantiles", "expected at least one level");
      }
      for (int i = 0; i < quantiles.size(); i++) {
        InvalidParameterException.inRange("quantiles[" + i + "]", quantiles.get(i), 0.05, 0.999);
      }
      minMarginMm = minMarginMm == null ? 1.5 : InvalidParameterException.inRange("minMarginMm", minMarginMm, 0, 20);
      maxMarginMm = maxMarginMm == null ? 8.0 : InvalidParameterException.inRange("maxMarginMm", maxMarginMm, 0, 30);
      if (maxMarginMm < minMarginMm) {
        throw new InvalidParameterException("maxMarginMm", "expected at least minMarginMm " + minMarginMm + ", got " + maxMarginMm);
      }
      regenerateAfter = regenerateAfter == null ? 5 : InvalidParameterException.atLeast("regenerateAfter", regenerateAfter, 0);
    }

    /** Margins of a fixed library, or of the geometric mode when none are given: 1.5, 3, 5 mm. */
    public List<Double> fixedOrDefaultMarginsMm() {
      return marginsMm != null ? marginsMm : List.of(1.5, 3.0, 5.0);
    }
  }
}
