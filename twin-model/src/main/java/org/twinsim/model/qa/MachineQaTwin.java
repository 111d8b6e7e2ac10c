package org.twinsim.model.qa;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The twin of one treatment machine: it learns each QA quantity's in-control behaviour from a
 * baseline of daily measurements, then watches every new day with a Shewhart individuals chart
 * (sudden changes) and a tabular CUSUM (slow drifts), and checks the measurement against the AAPM
 * TG-224 daily tolerance. Alerts are graded: a chart signal asks for a physicist's review the same
 * day (drift caught before it reaches tolerance); a measurement beyond tolerance holds treatment.
 * After a recalibration the charts restart from the same baseline.
 */
public final class MachineQaTwin {
  private final int baselineDays;
  private final double cusumK;
  private final double cusumH;
  private final Map<MachineQuantity, double[]> baseline = new EnumMap<>(MachineQuantity.class);
  private final Map<MachineQuantity, ControlChart[]> charts = new EnumMap<>(MachineQuantity.class);
  private int seen;

  /**
   * @param baselineDays days of measurements that set each chart's centre and sigma (>= 5)
   * @param cusumK CUSUM reference value, sigma units
   * @param cusumH CUSUM decision interval, sigma units
   */
  public MachineQaTwin(int baselineDays, double cusumK, double cusumH) {
    if (baselineDays < 5) {
      throw new IllegalArgumentException("machine QA baseline needs at least 5 days, got " + baselineDays);
    }
    this.baselineDays = baselineDays;
    this.cusumK = cusumK;
    this.cusumH = cusumH;
    for (MachineQuantity q : MachineQuantity.values()) {
      baseline.put(q, new double[baselineDays]);
    }
  }

  /** Defaults: 20-day baseline, CUSUM k = 0.5, h = 5 (Montgomery's recommended design). */
  public static MachineQaTwin defaults() {
    return new MachineQaTwin(20, 0.5, 5.0);
  }

  /** Whether the baseline is complete and the charts are watching. */
  public boolean monitoring() {
    return seen >= baselineDays;
  }

  /** As {@link #observe(int, Map, ToDoubleFunction)} without repeat measurements (a breach holds at once). */
  public List<QaAlert> observe(int day, Map<MachineQuantity, Double> measured) {
    return observe(day, measured, null);
  }

  /**
   * Takes day {@code day}'s measured deviations (one per quantity) and returns the alerts they
   * raise. A measurement beyond the TG-224 tolerance is repeated (as a clinic would): if the
   * repeat ({@code repeat}, may be null) confirms it, treatment is held; otherwise the breach is
   * logged as information. Charts stay silent during the baseline.
   */
  public List<QaAlert> observe(int day, Map<MachineQuantity, Double> measured, ToDoubleFunction<MachineQuantity> repeat) {
    List<QaAlert> alerts = new ArrayList<>();
    for (MachineQuantity q : MachineQuantity.values()) {
      Double x = measured.get(q);
      if (x == null) {
        continue;
      }
      if (Math.abs(x) > q.toleranceDaily()) {
        double again = repeat == null ? x : repeat.applyAsDouble(q);
        boolean confirmed = Math.abs(again) > q.toleranceDaily();
        alerts.add(new QaAlert(day, q, "tolerance", confirmed ? Severity.HOLD : Severity.INFO, x, String.format(Locale.ROOT,
            "%s deviation %.2f %s beyond the %.1f %s daily tolerance (TG-224); repeat %.2f %s %s", q.key(), x, q.unit(),
            q.toleranceDaily(), q.unit(), again, q.unit(), confirmed ? "confirms it" : "is within tolerance")));
      }
      if (seen < baselineDays) {
        baseline.get(q)[seen] = x;
        continue;
      }
      ControlChart[] c = charts.computeIfAbsent(q, this::chartsFor);
      for (ControlChart chart : c) {
        ChartSignal s = chart.update(x);
        if (s.alarm()) {
          alerts.add(new QaAlert(day, q, chart.name(), Severity.REVIEW, x, String.format(Locale.ROOT,
              "%s %s: %s (measured %.2f %s)", q.key(), chart.name(), s.rule(), x, q.unit())));
        }
      }
    }
    seen++;
    return alerts;
  }

  /** Restarts the charts after a recalibration (the baseline is kept). */
  public void recalibrated() {
    charts.values().forEach(cs -> {
      for (ControlChart c : cs) {
        c.reset();
      }
    });
  }

  private ControlChart[] chartsFor(MachineQuantity q) {
    IndividualsChart i = IndividualsChart.fromBaseline(baseline.get(q));
    return new ControlChart[] {i, new TabularCusum(i.centre(), i.sigma(), cusumK, cusumH)};
  }
}
