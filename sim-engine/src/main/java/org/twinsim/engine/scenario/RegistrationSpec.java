package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * How the clinic measures the day's anatomy on the CBCT.
 *
 * @param method "error-model": the measured bony and prostate shifts are the true ones plus
 *     Gaussian measurement error of the SDs below (no images are registered)
 * @param boneErrorSdMm SD per axis of the bony (rigid) match, mm (default 0.3)
 * @param prostateErrorSdMm SD per axis of the soft-tissue prostate match, mm (default 1.0)
 */
public record RegistrationSpec(String method, Double boneErrorSdMm, Double prostateErrorSdMm) {
  public static final List<String> METHODS = List.of("error-model");

  public RegistrationSpec {
    method = method == null ? "error-model" : method;
    if (!METHODS.contains(method)) {
      throw new InvalidParameterException("method", "expected one of " + METHODS + ", got '" + method + "'");
    }
    boneErrorSdMm = boneErrorSdMm == null ? 0.3 : InvalidParameterException.inRange("boneErrorSdMm", boneErrorSdMm, 0, 20);
    prostateErrorSdMm = prostateErrorSdMm == null ? 1.0
        : InvalidParameterException.inRange("prostateErrorSdMm", prostateErrorSdMm, 0, 20);
  }
}
