package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * How much physics the course replay runs.
 *
 * @param mode "full" (default): virtual patients as images, daily true anatomy and CBCT, rigid and
 *     demons registration, pencil-beam dose, robust plans and the GP twin; "geometric": the motion
 *     model only, registration as a measurement-error model and a geometric placeholder dose model
 *     (seconds instead of minutes; for trying scenarios out)
 * @param optimizerIterations iterations of each plan optimisation (default 100)
 * @param rangeUncertainty relative range uncertainty of the robust plans (default 0.035, REFERENCES.md)
 * @param doseMarginMm dose is computed within this distance of the reported structures (CTV,
 *     bladder, rectum), mm (default 15: covers the intra-fraction drift and the dose gradient the
 *     metrics read)
 * @param cbctDoseFactor imaging dose of the daily CBCT relative to the standard protocol (default 1)
 * @param backend compute backend of registration and dose: "auto" (default: the GPU when one is
 *     present and the gpu module is on the classpath, else the CPU), "cpu", or "gpu" (the GPU,
 *     else the CPU with a warning); the run manifest says which ran
 */
public record PhysicsSpec(String mode, Integer optimizerIterations, Double rangeUncertainty, Double doseMarginMm,
                          Double cbctDoseFactor, String backend) {
  public static final List<String> MODES = List.of("full", "geometric");
  public static final List<String> BACKENDS = List.of("auto", "cpu", "gpu");

  public PhysicsSpec {
    mode = mode == null ? "full" : mode;
    if (!MODES.contains(mode)) {
      throw new InvalidParameterException("mode", "expected one of " + MODES + ", got '" + mode + "'");
    }
    optimizerIterations = optimizerIterations == null ? 100
        : InvalidParameterException.atLeast("optimizerIterations", optimizerIterations, 5);
    rangeUncertainty = rangeUncertainty == null ? 0.035 : InvalidParameterException.inRange("rangeUncertainty", rangeUncertainty, 0, 0.1);
    doseMarginMm = doseMarginMm == null ? 15.0 : InvalidParameterException.inRange("doseMarginMm", doseMarginMm, 5, 300);
    cbctDoseFactor = cbctDoseFactor == null ? 1.0 : InvalidParameterException.inRange("cbctDoseFactor", cbctDoseFactor, 0.05, 4);
    backend = backend == null ? "auto" : backend;
    if (!BACKENDS.contains(backend)) {
      throw new InvalidParameterException("backend", "expected one of " + BACKENDS + ", got '" + backend + "'");
    }
  }

  public boolean isFull() {
    return mode.equals("full");
  }
}
