package org.twinsim.model.qa;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Injected machine faults: linear drifts from a start day and an output step change, so that the
 * machine state on day d is known exactly (the truth the QA twin is scored against). A
 * recalibration on day r restores the nominal state from day r on; drifts restart from there.
 *
 * @param startDay first day (0-based, counted in treatment days) the drifts act
 * @param rangeMmPerWeek range drift, mm per week of 5 treatment days (e.g. 0.2)
 * @param isocentreMmPerWeek isocentre drift, mm per week
 * @param cbctHuPerWeek CBCT HU calibration drift, HU per week
 * @param outputStepPct output step change, % (e.g. 2-4), from {@code outputStepDay} on
 * @param outputStepDay day of the output step (-1: none)
 */
public record MachineDrift(Integer startDay, Double rangeMmPerWeek, Double isocentreMmPerWeek, Double cbctHuPerWeek,
                           Double outputStepPct, Integer outputStepDay) {
  public static final MachineDrift NONE = new MachineDrift(0, 0.0, 0.0, 0.0, 0.0, -1);

  public MachineDrift {
    startDay = startDay == null ? 0 : InvalidParameterException.atLeast("startDay", startDay, 0);
    rangeMmPerWeek = rangeMmPerWeek == null ? 0.0 : InvalidParameterException.inRange("rangeMmPerWeek", rangeMmPerWeek, -5, 5);
    isocentreMmPerWeek = isocentreMmPerWeek == null ? 0.0
        : InvalidParameterException.inRange("isocentreMmPerWeek", isocentreMmPerWeek, -5, 5);
    cbctHuPerWeek = cbctHuPerWeek == null ? 0.0 : InvalidParameterException.inRange("cbctHuPerWeek", cbctHuPerWeek, -100, 100);
    outputStepPct = outputStepPct == null ? 0.0 : InvalidParameterException.inRange("outputStepPct", outputStepPct, -20, 20);
    outputStepDay = outputStepDay == null ? -1 : outputStepDay;
    if (outputStepDay < -1) {
      throw new InvalidParameterException("outputStepDay", "expected a day >= 0 (or -1 for none), got " + outputStepDay);
    }
  }

  /** The true state on {@code day} if the machine was last recalibrated on {@code lastRecalibration} (-1: never). */
  public MachineState at(int day, int lastRecalibration) {
    int from = Math.max(startDay, lastRecalibration < 0 ? 0 : lastRecalibration);
    double weeks = Math.max(0, day - from) / 5.0;
    double step = outputStepDay >= 0 && day >= outputStepDay && lastRecalibration < outputStepDay ? outputStepPct : 0;
    return new MachineState(step, rangeMmPerWeek * weeks, isocentreMmPerWeek * weeks, cbctHuPerWeek * weeks);
  }
}
