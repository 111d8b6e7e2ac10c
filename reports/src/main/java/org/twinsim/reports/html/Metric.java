package org.twinsim.reports.html;

import java.util.List;

/**
 * A column of the report's tables shown as a quantity: its label, the unit it is shown in, and the
 * factor from the column's unit (e.g. seconds to minutes).
 *
 * @param column column name in the table
 * @param label what it is, for titles and table headers
 * @param shortLabel a shorter name for axis titles
 * @param unit unit shown (after scaling)
 * @param scale factor applied to the column's values
 */
public record Metric(String column, String label, String shortLabel, String unit, double scale) {
  public static final Metric CTV_D98 = new Metric("ctv_d98_pct", "CTV D98", "CTV D98", "% of prescription", 1);
  public static final Metric BLADDER_NECK_DMAX = new Metric("bladder_neck_dmax_pct", "Bladder-neck Dmax (D0.03cc)",
      "Bladder-neck Dmax", "% of prescription", 1);
  public static final Metric TIME_IN_ROOM = new Metric("time_in_room_s", "Time in room", "Time in room", "min", 1.0 / 60);
  public static final Metric WAIT_ROOM = new Metric("wait_room_s", "Wait for the room", "Room wait", "min", 1.0 / 60);
  public static final Metric WAIT_GPU = new Metric("wait_gpu_s", "GPU wait per session", "GPU wait", "min", 1.0 / 60);
  public static final Metric WAIT_PHYSICIST = new Metric("wait_physicist_s", "Physicist wait per session", "Physicist wait", "min", 1.0 / 60);

  /** Dose metrics of the per-strategy distributions and the paired comparisons. */
  public static final List<Metric> DOSE = List.of(CTV_D98, BLADDER_NECK_DMAX);
  /** Columns of the headline table. */
  public static final List<Metric> HEADLINE = List.of(CTV_D98, BLADDER_NECK_DMAX, TIME_IN_ROOM, WAIT_ROOM, WAIT_GPU,
      WAIT_PHYSICIST);

  /** Axis title: short label and unit. */
  public String axisTitle() {
    return shortLabel + " (" + unit + ")";
  }

  /** The values scaled to the shown unit (NaN stays NaN); a new array. */
  public double[] scaled(double[] raw) {
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = raw[i] * scale;
    }
    return out;
  }
}
