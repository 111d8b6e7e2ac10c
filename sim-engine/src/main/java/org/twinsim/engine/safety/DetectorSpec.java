package org.twinsim.engine.safety;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Grading thresholds of one deviation detector, on its score (a Mahalanobis distance: the square
 * root of a chi-square statistic under the detector's model): at or above {@code infoScore} an info
 * alert, {@code reviewScore} a same-day physicist review, {@code holdScore} a hold before the beam.
 *
 * @param infoScore score of an info alert (default 3.0)
 * @param reviewScore score of a review alert (default 3.5)
 * @param holdScore score of a hold (default 4.5)
 */
public record DetectorSpec(Double infoScore, Double reviewScore, Double holdScore) {
  public DetectorSpec {
    infoScore = infoScore == null ? 3.0 : InvalidParameterException.positive("infoScore", infoScore);
    reviewScore = reviewScore == null ? Math.max(3.5, infoScore) : InvalidParameterException.positive("reviewScore", reviewScore);
    holdScore = holdScore == null ? Math.max(4.5, reviewScore) : InvalidParameterException.positive("holdScore", holdScore);
    if (reviewScore < infoScore) {
      throw new InvalidParameterException("reviewScore", "expected at least infoScore " + infoScore + ", got " + reviewScore);
    }
    if (holdScore < reviewScore) {
      throw new InvalidParameterException("holdScore", "expected at least reviewScore " + reviewScore + ", got " + holdScore);
    }
  }

  public static DetectorSpec defaults() {
    return new DetectorSpec(null, null, null);
  }

  /** The severity of a score, or null below the info level. */
  public org.twinsim.model.qa.Severity grade(double score) {
    if (score >= holdScore) {
      return org.twinsim.model.qa.Severity.HOLD;
    }
    if (score >= reviewScore) {
      return org.twinsim.model.qa.Severity.REVIEW;
    }
    return score >= infoScore ? org.twinsim.model.qa.Severity.INFO : null;
  }
}
