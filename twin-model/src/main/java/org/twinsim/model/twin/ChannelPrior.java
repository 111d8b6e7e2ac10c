package org.twinsim.model.twin;

/**
 * The population prior of one scalar series the twin forecasts (a shift axis, or the bladder
 * volume on a log scale): the kernel at the hyperparameters learned from the training cohort, the
 * constant prior mean, and the variance of the measuring error inside the kernel's white noise.
 *
 * @param name "x", "y", "z" (mm) or "bladder" (ln mL)
 * @param kernel the learned kernel (bias + trend + white)
 * @param mean the learned constant prior mean, model units
 * @param logScale whether the model works on ln of the measured value (bladder volume)
 * @param measurementNoiseVariance variance of the measuring error, model units squared
 * @param logMarginalLikelihood summed log marginal likelihood over the training cohort at the optimum
 *     (NaN for a prior set from published values)
 */
public record ChannelPrior(String name, Kernel kernel, double mean, boolean logScale,
                           double measurementNoiseVariance, double logMarginalLikelihood) {
  public ChannelPrior {
    if (kernel == null) {
      throw new IllegalArgumentException("channel prior " + name + ": kernel is required");
    }
    if (!Double.isFinite(mean)) {
      throw new IllegalArgumentException("channel prior " + name + ": mean must be finite, got " + mean);
    }
    if (!(measurementNoiseVariance >= 0) || Double.isInfinite(measurementNoiseVariance)) {
      throw new IllegalArgumentException("channel prior " + name
          + ": measurementNoiseVariance must be finite and >= 0, got " + measurementNoiseVariance);
    }
  }

  /** Prior variance of one measurement, model units squared: bias + trend + white. */
  public double totalVariance() {
    double[] d = new double[1];
    kernel.diagonal(new double[][] {{0.0}}, true, d);
    return d[0];
  }

  /** Prior variance of the latent (systematic + trend) part, model units squared. */
  public double latentVariance() {
    double[] d = new double[1];
    kernel.diagonal(new double[][] {{0.0}}, false, d);
    return d[0];
  }

  /** White-noise variance: per-fraction random motion plus measuring error, model units squared. */
  public double whiteVariance() {
    return totalVariance() - latentVariance();
  }
}
