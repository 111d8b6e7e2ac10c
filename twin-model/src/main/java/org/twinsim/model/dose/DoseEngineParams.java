package org.twinsim.model.dose;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Settings of the CPU pencil-beam engine. Null fields take their defaults.
 *
 * @param threads worker threads; 0 (default) = all available processors, 1 = single-threaded
 * @param lateralCutoffSigmas radius, in local lateral sigmas, beyond which a spot contributes
 *     nothing (default 3: 98.9% of a 2-D Gaussian)
 */
public record DoseEngineParams(Integer threads, Double lateralCutoffSigmas) {
  public DoseEngineParams {
    threads = threads == null ? 0 : InvalidParameterException.atLeast("threads", threads, 0);
    lateralCutoffSigmas = lateralCutoffSigmas == null ? 3.0
        : InvalidParameterException.inRange("lateralCutoffSigmas", lateralCutoffSigmas, 1.0, 10.0);
  }

  public static DoseEngineParams defaults() {
    return new DoseEngineParams(null, null);
  }

  public DoseEngineParams withThreads(int t) {
    return new DoseEngineParams(t, lateralCutoffSigmas);
  }
}
