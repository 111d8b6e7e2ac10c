package org.twinsim.model.qa;

/**
 * What a control chart says about one new value.
 *
 * @param alarm whether the chart signals an out-of-control state
 * @param statistic the charted statistic after the update (value, CUSUM sum...)
 * @param rule the rule that fired, or "" when none did
 */
public record ChartSignal(boolean alarm, double statistic, String rule) {
  public static ChartSignal quiet(double statistic) {
    return new ChartSignal(false, statistic, "");
  }
}
