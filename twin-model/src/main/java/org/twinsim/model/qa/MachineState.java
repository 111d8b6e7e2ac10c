package org.twinsim.model.qa;

/**
 * The TRUE deviation of a treatment room's machine from its commissioned state on one day.
 *
 * @param outputPct dose output deviation, % (delivered dose scales by 1 + outputPct/100)
 * @param rangeMm proton range deviation in water, mm (positive: beams reach deeper)
 * @param isocentreMm imaging vs beam isocentre offset, mm (along the beam's lateral axis)
 * @param cbctHu CBCT HU calibration bias, HU
 */
public record MachineState(double outputPct, double rangeMm, double isocentreMm, double cbctHu) {
  public static final MachineState NOMINAL = new MachineState(0, 0, 0, 0);

  public double get(MachineQuantity q) {
    return switch (q) {
      case OUTPUT_PCT -> outputPct;
      case RANGE_MM -> rangeMm;
      case ISOCENTRE_MM -> isocentreMm;
      case CBCT_HU -> cbctHu;
    };
  }

  /** Whether any quantity is beyond its daily tolerance. */
  public boolean outOfTolerance() {
    for (MachineQuantity q : MachineQuantity.values()) {
      if (Math.abs(get(q)) > q.toleranceDaily()) {
        return true;
      }
    }
    return false;
  }
}
