package org.twinsim.engine.safety;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;
import org.twinsim.model.qa.MachineDrift;
import org.twinsim.model.qa.QaNoise;

/**
 * The machine side of the safety layer ({@code safety.machine}): daily QA of every treatment room
 * before the first patient, with the injected drift acting on every room's true state, measured
 * with noise and watched by the machine-QA twin ({@link org.twinsim.model.qa.MachineQaTwin}:
 * Shewhart individuals chart and tabular CUSUM on a baseline, TG-224 daily tolerances).
 *
 * @param drift the injected drift, in treatment days of the clinic (default none)
 * @param noise measurement noise of daily QA (defaults: {@link QaNoise})
 * @param baselineDays days of QA that set each chart's centre and sigma (default 20, >= 5)
 * @param recalibrateOn "review" (default: a chart signal or a confirmed breach sends the room to
 *     recalibration that morning) or "hold" (only a confirmed breach of tolerance does)
 * @param recalibrationHours the room's time out for recalibration, from its opening (default 2)
 */
public record MachineSpec(MachineDrift drift, QaNoise noise, Integer baselineDays, String recalibrateOn,
                          Double recalibrationHours) {
  public static final List<String> RECALIBRATE_ON = List.of("review", "hold");

  public MachineSpec {
    drift = drift == null ? MachineDrift.NONE : drift;
    noise = noise == null ? QaNoise.DEFAULT : noise;
    baselineDays = baselineDays == null ? 20 : InvalidParameterException.atLeast("baselineDays", baselineDays, 5);
    recalibrateOn = recalibrateOn == null ? "review" : recalibrateOn;
    if (!RECALIBRATE_ON.contains(recalibrateOn)) {
      throw new InvalidParameterException("recalibrateOn", "expected one of " + RECALIBRATE_ON + ", got '" + recalibrateOn + "'");
    }
    recalibrationHours = recalibrationHours == null ? 2.0
        : InvalidParameterException.inRange("recalibrationHours", recalibrationHours, 0, 24);
  }
}
