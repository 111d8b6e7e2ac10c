package org.twinsim.model.twin;

import umontreal.ssj.probdist.NormalDist;

/**
 * The forecast distribution of one scalar: Gaussian N(location, scale^2) (a shift, mm) or, when
 * {@code logNormal}, log-normal with ln of the value ~ N(location, scale^2) (the bladder volume, mL).
 *
 * @param location mean of the Gaussian (of ln value if log-normal)
 * @param scale SD of the Gaussian (of ln value if log-normal), >= 0
 * @param logNormal whether the value is log-normal
 * @param level probability of the central interval {@link #lower()}..{@link #upper()}
 */
public record AxisForecast(double location, double scale, boolean logNormal, double level) {
  public AxisForecast {
    if (!Double.isFinite(location) || !(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("forecast: expected finite location and scale >= 0, got " + location
          + ", " + scale);
    }
    checkLevel(level);
  }

  static void checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("forecast level: expected a probability in (0, 1), e.g. 0.9, got " + level);
    }
  }

  /** Mean of the value. */
  public double mean() {
    return logNormal ? Math.exp(location + 0.5 * scale * scale) : location;
  }

  /** Standard deviation of the value. */
  public double sd() {
    return logNormal ? mean() * Math.sqrt(Math.expm1(scale * scale)) : scale;
  }

  /** Quantile p of the value, 0 < p < 1. */
  public double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("quantile: expected a probability in (0, 1), got " + p);
    }
    double q = location + scale * NormalDist.inverseF01(p);
    return logNormal ? Math.exp(q) : q;
  }

  /** Lower end of the central interval of probability {@link #level()}: quantile (1 - level) / 2. */
  public double lower() {
    return quantile(0.5 * (1 - level));
  }

  /** Upper end of the central interval: quantile (1 + level) / 2. */
  public double upper() {
    return quantile(0.5 * (1 + level));
  }

  /** Whether {@code value} lies within [lower, upper]. */
  public boolean covers(double value) {
    return value >= lower() && value <= upper();
  }
}
