package org.twinsim.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;
import umontreal.ssj.stat.Tally;

/**
 * Capacity figures per variant and strategy: each replication contributes its mean over treatment
 * days (independent replications), summarised as the mean and a 95% Student-t confidence interval
 * (SSJ {@link Tally#confidenceIntervalStudent}).
 */
public final class SweepSummary {
  /** Metric name -> (clinic_days column, scale). */
  static final Map<String, Object[]> DAY_METRICS = new LinkedHashMap<>();

  static {
    DAY_METRICS.put("fractions_per_day", new Object[] {"patients_treated", 1.0});
    DAY_METRICS.put("room_utilisation", new Object[] {"room_utilisation", 1.0});
    DAY_METRICS.put("overtime_min_per_day", new Object[] {"overtime_s", 1 / 60.0});
    DAY_METRICS.put("gpu_wait_min", new Object[] {"mean_wait_gpu_s", 1 / 60.0});
    DAY_METRICS.put("max_gpu_wait_min", new Object[] {"max_wait_gpu_s", 1 / 60.0});
    DAY_METRICS.put("physicist_wait_min", new Object[] {"mean_wait_physicist_s", 1 / 60.0});
    DAY_METRICS.put("room_wait_min", new Object[] {"mean_wait_room_s", 1 / 60.0});
    DAY_METRICS.put("gpu_utilisation", new Object[] {"gpu_utilisation", 1.0});
    DAY_METRICS.put("delayed_sessions_per_day", new Object[] {"patients_delayed", 1.0});
    DAY_METRICS.put("patients_in_clinic", new Object[] {"mean_patients_in_clinic", 1.0});
  }

  private SweepSummary() {
  }

  /** The sweep_summary rows of every variant. */
  public static Table of(Map<String, VariantTables> variants) {
    Table out = new Table(TwinsimTables.SWEEP_SUMMARY);
    for (Map.Entry<String, VariantTables> v : variants.entrySet()) {
      for (Map.Entry<String, Map<String, Tally>> st : perStrategy(v.getValue()).entrySet()) {
        for (Map.Entry<String, Tally> m : st.getValue().entrySet()) {
          Tally t = m.getValue();
          double[] ci = new double[2];
          if (t.numberObs() > 1) {
            t.confidenceIntervalStudent(0.95, ci);
          } else {
            ci[0] = t.numberObs() == 1 ? t.average() : Double.NaN;
            ci[1] = Double.NaN;
          }
          out.add(out.newRow().set("variant", v.getKey()).set("strategy", st.getKey()).set("metric", m.getKey())
              .set("replications", t.numberObs()).set("mean", t.average())
              .set("ci95_low", ci[0] - ci[1]).set("ci95_high", ci[0] + ci[1]));
        }
      }
    }
    return out;
  }

  /** strategy -> metric -> tally over replications of the per-replication means. */
  static Map<String, Map<String, Tally>> perStrategy(VariantTables vt) {
    // (strategy, replication) -> metric -> day tally
    Map<String, Map<String, Tally>> perRep = new TreeMap<>();
    for (Row r : vt.clinicDays().rows()) {
      String key = r.getString("strategy") + "\u0000" + r.get("replication");
      Map<String, Tally> m = perRep.computeIfAbsent(key, k -> new LinkedHashMap<>());
      for (Map.Entry<String, Object[]> e : DAY_METRICS.entrySet()) {
        m.computeIfAbsent(e.getKey(), k -> new Tally()).add(r.getDouble((String) e.getValue()[0]) * (Double) e.getValue()[1]);
      }
    }
    for (Row r : vt.courses().rows()) {
      Object w = r.get("start_wait_days");
      if (w == null) {
        continue;
      }
      String key = r.getString("strategy") + "\u0000" + r.get("replication");
      perRep.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent("start_wait_days", k -> new Tally())
          .add(((Number) w).doubleValue());
    }
    Map<String, Map<String, Tally>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Tally>> e : perRep.entrySet()) {
      String strategy = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      Map<String, Tally> m = out.computeIfAbsent(strategy, k -> new LinkedHashMap<>());
      e.getValue().forEach((metric, dayTally) -> m.computeIfAbsent(metric, k -> new Tally(metric)).add(dayTally.average()));
    }
    return out;
  }
}
