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
 * @param outputStepPct output step change, % (e.g. 2-4): it happens on {@code outputStepDay} after
 *     that morning's QA (a fault between two daily checks), so that day's fractions are treated with
 *     it and the next morning's QA is the first to see it
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

  /**
   * The true state the fractions of {@code day} are treated with, if the machine was last
   * recalibrated on {@code lastRecalibration} (-1: never; a recalibration happens in the morning,
   * before the day's step if any).
   */
  public MachineState at(int day, int lastRecalibration) {
    boolean step = outputStepDay >= 0 && day >= outputStepDay && lastRecalibration <= outputStepDay;
    return state(day, lastRecalibration, step);
  }

  /** The true state at the morning QA of {@code day}, before any recalibration that morning. */
  public MachineState atQa(int day, int lastRecalibration) {
    boolean step = outputStepDay >= 0 && day > outputStepDay && lastRecalibration <= outputStepDay;
    return state(day, lastRecalibration, step);
  }

  /** The same drifts without the output step (the gradual part, which QA can flag before tolerance). */
  public MachineDrift gradual() {
    return new MachineDrift(startDay, rangeMmPerWeek, isocentreMmPerWeek, cbctHuPerWeek, 0.0, -1);
  }

  private MachineState state(int day, int lastRecalibration, boolean step) {
    int from = Math.max(startDay, lastRecalibration < 0 ? 0 : lastRecalibration);
    double weeks = Math.max(0, day - from) / 5.0;
    return new MachineState(step ? outputStepPct : 0, rangeMmPerWeek * weeks, isocentreMmPerWeek * weeks,
        cbctHuPerWeek * weeks);
  }
}
