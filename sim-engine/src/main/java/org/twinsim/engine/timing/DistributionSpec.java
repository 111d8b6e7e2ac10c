package org.twinsim.engine.timing;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;
import umontreal.ssj.probdist.ContinuousDistribution;
import umontreal.ssj.probdist.ExponentialDist;
import umontreal.ssj.probdist.GammaDist;
import umontreal.ssj.probdist.LognormalDist;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.probdist.TriangularDist;
import umontreal.ssj.probdist.UniformDist;

/**
 * A duration distribution as a scenario writes it, in seconds, sampled by inversion (one uniform
 * per draw, so that common random numbers stay aligned across strategies) with SSJ's
 * distributions.
 *
 * <ul>
 *   <li>{@code constant}: {@code meanS}</li>
 *   <li>{@code uniform}: {@code minS}, {@code maxS}</li>
 *   <li>{@code triangular}: {@code minS}, {@code modeS}, {@code maxS}</li>
 *   <li>{@code normal}: {@code meanS}, {@code sdS}</li>
 *   <li>{@code lognormal}: {@code meanS}, {@code sdS} (of the duration, not of its logarithm)</li>
 *   <li>{@code gamma}: {@code meanS}, {@code sdS}</li>
 *   <li>{@code exponential}: {@code meanS}</li>
 * </ul>
 *
 * @param dist distribution family
 * @param meanS mean, s
 * @param sdS standard deviation, s
 * @param minS lower bound, s
 * @param modeS mode, s
 * @param maxS upper bound, s
 */
public record DistributionSpec(String dist, Double meanS, Double sdS, Double minS, Double modeS, Double maxS) {
  public static final List<String> FAMILIES =
      List.of("constant", "uniform", "triangular", "normal", "lognormal", "gamma", "exponential");

  public DistributionSpec {
    if (dist == null || !FAMILIES.contains(dist)) {
      throw new InvalidParameterException("dist", "expected one of " + FAMILIES + ", got " + (dist == null ? "nothing" : "'" + dist + "'"));
    }
    switch (dist) {
      case "constant" -> {
        need("meanS", meanS);
        only(dist, sdS, minS, modeS, maxS);
      }
      case "uniform" -> {
        need("minS", minS);
        need("maxS", maxS);
        if (!(maxS > minS)) {
          throw new InvalidParameterException("maxS", "expected maxS > minS, got " + minS + " and " + maxS);
        }
        only(dist, meanS, sdS, modeS);
      }
      case "triangular" -> {
        need("minS", minS);
        need("modeS", modeS);
        need("maxS", maxS);
        if (!(minS <= modeS && modeS <= maxS && maxS > minS)) {
          throw new InvalidParameterException("modeS", "expected minS <= modeS <= maxS with minS < maxS, got "
              + minS + ", " + modeS + ", " + maxS);
        }
        only(dist, meanS, sdS);
      }
      case "normal" -> {
        need("meanS", meanS);
        InvalidParameterException.positive("sdS", sdS);
        only(dist, minS, modeS, maxS);
      }
      case "lognormal", "gamma" -> {
        InvalidParameterException.positive("meanS", meanS);
        InvalidParameterException.positive("sdS", sdS);
        only(dist, minS, modeS, maxS);
      }
      case "exponential" -> {
        InvalidParameterException.positive("meanS", meanS);
        only(dist, sdS, minS, modeS, maxS);
      }
      default -> throw new IllegalStateException(dist);
    }
  }

  private static void need(String field, Double v) {
    if (v == null || !Double.isFinite(v)) {
      throw new InvalidParameterException(field, "expected a number (seconds), got " + v);
    }
  }

  private static void only(String dist, Double... unused) {
    for (Double d : unused) {
      if (d != null) {
        throw new InvalidParameterException("dist", "a " + dist + " distribution takes "
            + switch (dist) {
              case "constant", "exponential" -> "meanS";
              case "uniform" -> "minS and maxS";
              case "triangular" -> "minS, modeS and maxS";
              default -> "meanS and sdS";
            } + " only");
      }
    }
  }

  public static DistributionSpec constant(double s) {
    return new DistributionSpec("constant", s, null, null, null, null);
  }

  public static DistributionSpec lognormal(double meanS, double sdS) {
    return new DistributionSpec("lognormal", meanS, sdS, null, null, null);
  }

  public static DistributionSpec triangular(double minS, double modeS, double maxS) {
    return new DistributionSpec("triangular", null, null, minS, modeS, maxS);
  }

  public static DistributionSpec uniform(double minS, double maxS) {
    return new DistributionSpec("uniform", null, null, minS, null, maxS);
  }

  public static DistributionSpec normal(double meanS, double sdS) {
    return new DistributionSpec("normal", meanS, sdS, null, null, null);
  }

  public static DistributionSpec exponential(double meanS) {
    return new DistributionSpec("exponential", meanS, null, null, null, null);
  }

  /** The SSJ distribution (null for a constant). */
  public ContinuousDistribution distribution() {
    return switch (dist) {
      case "constant" -> null;
      case "uniform" -> new UniformDist(minS, maxS);
      case "triangular" -> new TriangularDist(minS, maxS, modeS);
      case "normal" -> new NormalDist(meanS, sdS);
      case "lognormal" -> {
        double s2 = Math.log(1 + (sdS * sdS) / (meanS * meanS));
        yield new LognormalDist(Math.log(meanS) - 0.5 * s2, Math.sqrt(s2));
      }
      case "gamma" -> new GammaDist(meanS * meanS / (sdS * sdS), meanS / (sdS * sdS));
      case "exponential" -> new ExponentialDist(1.0 / meanS);
      default -> throw new IllegalStateException(dist);
    };
  }

  /** The value at cumulative probability u in (0, 1) (inversion). */
  public double quantile(double u) {
    ContinuousDistribution d = distribution();
    return d == null ? meanS : d.inverseF(u);
  }

  /** Mean of the distribution, s. */
  public double mean() {
    ContinuousDistribution d = distribution();
    return d == null ? meanS : d.getMean();
  }
}
