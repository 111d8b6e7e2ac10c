package org.twinsim.model.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The twin's same-day deviation check of one fraction: what the clinic measured is compared with
 * what the twin predicted before the image, as standardised scores.
 *
 * <ul>
 *   <li>{@code setup}: the measured bony setup shift against the patient's setup prediction (the
 *   running mean of the earlier fractions' measurements, shrunk to the population, with the
 *   population random SD): a wrong bone match or a mispositioned patient;</li>
 *   <li>{@code prostate}: the measured prostate shift relative to bone against the twin's predictive
 *   distribution of that measurement;</li>
 *   <li>{@code dose}: the CTV D98 of the chosen plan on the anatomy the clinic sees, against the
 *   coverage goal.</li>
 * </ul>
 * The position score is the Mahalanobis distance of the six standardised components (chi with 6
 * degrees of freedom under the model); the thresholds grade it into {@link Severity} levels.
 * Statistical process control on a patient's own measurements, in the spirit of the machine-QA
 * charts (Montgomery, Introduction to Statistical Quality Control, ch. 6).
 *
 * @param reviewScore Mahalanobis distance from which a fraction is flagged for review (default 3.5)
 * @param holdScore Mahalanobis distance from which treatment is held (default 4.5)
 * @param reviewCtvD98Pct clinic-view CTV D98 below which the dose is flagged for review, % (default 93)
 * @param holdCtvD98Pct clinic-view CTV D98 below which treatment is held, % (default 85)
 */
public record DeviationDetector(Double reviewScore, Double holdScore, Double reviewCtvD98Pct, Double holdCtvD98Pct) {
  public DeviationDetector {
    reviewScore = reviewScore == null ? 3.5 : InvalidParameterException.positive("reviewScore", reviewScore);
    holdScore = holdScore == null ? 4.5 : InvalidParameterException.positive("holdScore", holdScore);
    if (holdScore < reviewScore) {
      throw new InvalidParameterException("holdScore", "expected at least reviewScore " + reviewScore + ", got " + holdScore);
    }
    reviewCtvD98Pct = reviewCtvD98Pct == null ? 93.0 : InvalidParameterException.inRange("reviewCtvD98Pct", reviewCtvD98Pct, 0, 110);
    holdCtvD98Pct = holdCtvD98Pct == null ? 85.0 : InvalidParameterException.inRange("holdCtvD98Pct", holdCtvD98Pct, 0, 110);
    if (holdCtvD98Pct > reviewCtvD98Pct) {
      throw new InvalidParameterException("holdCtvD98Pct", "expected at most reviewCtvD98Pct " + reviewCtvD98Pct + ", got " + holdCtvD98Pct);
    }
  }

  public static DeviationDetector defaults() {
    return new DeviationDetector(null, null, null, null);
  }

  /** One finding of the check. */
  public record Finding(String detector, Severity severity, double score, String reason) {
  }

  /**
   * Checks one fraction.
   *
   * @param setupMeasuredMm measured bony setup shift
   * @param setupPredictedMm predicted setup shift
   * @param setupSdMm predictive SD of the setup shift per axis (> 0)
   * @param prostateMeasuredMm measured prostate shift relative to bone, or null (not imaged)
   * @param prostatePredictedMm the twin's predictive mean of that measurement
   * @param prostateSdMm the twin's predictive SD per axis (> 0)
   * @param clinicCtvD98Pct CTV D98 of the chosen plan on the clinic's view, or NaN
   */
  public List<Finding> check(Vec3 setupMeasuredMm, Vec3 setupPredictedMm, Vec3 setupSdMm, Vec3 prostateMeasuredMm,
                             Vec3 prostatePredictedMm, Vec3 prostateSdMm, double clinicCtvD98Pct) {
    List<Finding> out = new ArrayList<>();
    double s2 = 0;
    for (int a = 0; a < 3; a++) {
      double z = (setupMeasuredMm.get(a) - setupPredictedMm.get(a)) / setupSdMm.get(a);
      s2 += z * z;
      if (prostateMeasuredMm != null) {
        double zp = (prostateMeasuredMm.get(a) - prostatePredictedMm.get(a)) / prostateSdMm.get(a);
        s2 += zp * zp;
      }
    }
    double score = Math.sqrt(s2);
    Severity sev = score >= holdScore ? Severity.HOLD : score >= reviewScore ? Severity.REVIEW : Severity.INFO;
    if (sev != Severity.INFO) {
      out.add(new Finding("position", sev, score, String.format(Locale.ROOT,
          "measured setup %s and prostate %s mm are %.1f SD from the twin's prediction", fmt(setupMeasuredMm),
          prostateMeasuredMm == null ? "(not imaged)" : fmt(prostateMeasuredMm), score)));
    }
    if (!Double.isNaN(clinicCtvD98Pct) && clinicCtvD98Pct < reviewCtvD98Pct) {
      Severity d = clinicCtvD98Pct < holdCtvD98Pct ? Severity.HOLD : Severity.REVIEW;
      out.add(new Finding("dose", d, clinicCtvD98Pct, String.format(Locale.ROOT,
          "CTV D98 %.1f%% of the chosen plan on today's anatomy is below %.0f%%", clinicCtvD98Pct,
          d == Severity.HOLD ? holdCtvD98Pct : reviewCtvD98Pct)));
    }
    return out;
  }

  private static String fmt(Vec3 v) {
    return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", v.x(), v.y(), v.z());
  }
}
