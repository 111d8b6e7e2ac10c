package org.twinsim.gpu.compare;

import java.util.Locale;

/**
 * The outcome of a gamma-index comparison.
 *
 * @param criteria what was applied
 * @param referenceMaxGy the reference's maximum dose (the normalisation), Gy
 * @param evaluated reference points at or above the low-dose threshold
 * @param passed those with gamma <= 1
 * @param meanGamma mean gamma over the evaluated points (values above the search cap count as the cap)
 * @param maxGamma largest gamma (at most the cap)
 */
public record GammaResult(GammaCriteria criteria, double referenceMaxGy, long evaluated, long passed, double meanGamma,
                          double maxGamma) {
  /** Passed / evaluated (1 when nothing was evaluated). */
  public double passRate() {
    return evaluated == 0 ? 1.0 : (double) passed / evaluated;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "gamma %s: %.2f%% of %d points pass (mean %.3f, max %.3f; reference max %.4g Gy)",
        criteria.label(), 100 * passRate(), evaluated, meanGamma, maxGamma, referenceMaxGy);
  }
}
