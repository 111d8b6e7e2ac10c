package org.twinsim.gpu.compare;

import org.twinsim.model.param.InvalidParameterException;

/**
 * The acceptance criteria of a gamma-index comparison (Low et al. 1998, Med Phys 25:656) and how
 * finely it searches. Null fields take their defaults.
 *
 * @param doseDifferencePercent dose-difference criterion, percent of the reference's maximum dose
 *     (global normalisation). Default 1 (the GPU issue's 1%/1 mm).
 * @param distanceToAgreementMm distance-to-agreement criterion, mm. Default 1.
 * @param lowDoseThresholdPercent reference points below this percentage of the reference's maximum
 *     dose are not evaluated (common practice excludes the low-dose bath; AAPM TG-218, Miften et al.
 *     2018, Med Phys 45:e53, recommends 10%). Default 10.
 * @param searchStepFraction the evaluated distribution is interpolated (trilinear) on a cubic
 *     lattice of offsets of this fraction of the distance criterion (Low and Dempsey 2003, Med Phys
 *     30:2455: a resolution of a third of the DTA or finer keeps the discretisation error small).
 *     Default 0.1 (0.1 mm for 1 mm).
 * @param maxGamma the search radius in units of the distance criterion; gamma values above it are
 *     reported as this value (they fail anyway). Default 2.
 */
public record GammaCriteria(Double doseDifferencePercent, Double distanceToAgreementMm, Double lowDoseThresholdPercent,
                            Double searchStepFraction, Double maxGamma) {
  public GammaCriteria {
    doseDifferencePercent = doseDifferencePercent == null ? 1.0
        : InvalidParameterException.inRange("doseDifferencePercent", doseDifferencePercent, 0.01, 100);
    distanceToAgreementMm = distanceToAgreementMm == null ? 1.0
        : InvalidParameterException.inRange("distanceToAgreementMm", distanceToAgreementMm, 0.01, 100);
    lowDoseThresholdPercent = lowDoseThresholdPercent == null ? 10.0
        : InvalidParameterException.inRange("lowDoseThresholdPercent", lowDoseThresholdPercent, 0, 100);
    searchStepFraction = searchStepFraction == null ? 0.1
        : InvalidParameterException.inRange("searchStepFraction", searchStepFraction, 0.01, 1);
    maxGamma = maxGamma == null ? 2.0 : InvalidParameterException.inRange("maxGamma", maxGamma, 1, 10);
  }

  /** 1%/1 mm, 10% threshold, 0.1 DTA steps, gamma searched up to 2. */
  public static GammaCriteria defaults() {
    return new GammaCriteria(null, null, null, null, null);
  }

  /** Other dose and distance criteria, the rest as is. */
  public GammaCriteria with(double percent, double mm) {
    return new GammaCriteria(percent, mm, lowDoseThresholdPercent, searchStepFraction, maxGamma);
  }

  /** "1%/1 mm, threshold 10%". */
  public String label() {
    return String.format(java.util.Locale.ROOT, "%.3g%%/%.3g mm, threshold %.3g%%", doseDifferencePercent,
        distanceToAgreementMm, lowDoseThresholdPercent);
  }
}
