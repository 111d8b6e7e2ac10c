package org.twinsim.engine.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twinsim.reports.stats.SignedRankTest;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import umontreal.ssj.stat.Tally;

/**
 * The terminal summary of a run: per strategy, the mean and SD over all fractions of the headline
 * metrics (SSJ tallies), and the paired difference of the digital twin against each other
 * strategy with the Wilcoxon signed-rank test (pairs: same replication, patient and fraction).
 */
public final class RunSummary {
  private static final String[][] METRICS = {
      {"ctv_d98_pct", "CTV D98 %"},
      {"bladder_neck_dmax_pct", "BN Dmax %"},
      {"residual_3d_mm", "resid mm"},
      {"time_in_room_s", "room min"},
      {"wait_room_s", "wait min"}};

  private RunSummary() {
  }

  /** Per strategy, per metric: a tally over all fractions (times in minutes). */
  public static Map<String, Map<String, Tally>> tallies(Table fractions) {
    Map<String, Map<String, Tally>> m = new LinkedHashMap<>();
    for (Row r : fractions.rows()) {
      Map<String, Tally> t = m.computeIfAbsent(r.getString("strategy"), k -> new LinkedHashMap<>());
      for (String[] metric : METRICS) {
        double v = r.getDouble(metric[0]);
        if (metric[0].endsWith("_s")) {
          v /= 60;
        }
        if (!Double.isNaN(v)) {
          t.computeIfAbsent(metric[0], k -> new Tally(k)).add(v);
        }
      }
    }
    return m;
  }

  /** Paired values (a, b) of a metric for two strategies over the same fractions. */
  public static double[][] paired(Table fractions, String metric, String a, String b) {
    Map<String, Double> av = new HashMap<>();
    for (Row r : fractions.rows()) {
      if (r.getString("strategy").equals(a)) {
        av.put(key(r), r.getDouble(metric));
      }
    }
    List<double[]> pairs = new ArrayList<>();
    for (Row r : fractions.rows()) {
      if (r.getString("strategy").equals(b)) {
        Double x = av.get(key(r));
        double y = r.getDouble(metric);
        if (x != null && !Double.isNaN(x) && !Double.isNaN(y)) {
          pairs.add(new double[] {x, y});
        }
      }
    }
    double[][] out = new double[2][pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      out[0][i] = pairs.get(i)[0];
      out[1][i] = pairs.get(i)[1];
    }
    return out;
  }

  private static String key(Row r) {
    return r.get("replication") + "/" + r.get("patient_id") + "/" + r.get("fraction");
  }

  /** The summary as text: outcomes (courses mode), the clinic, and the sweep table when there is one. */
  public static String text(RunResult result) {
    StringBuilder b = new StringBuilder();
    if (result.scenario().replaysCourses() && result.variants().size() == 1) {
      b.append(outcomes(result)).append('\n');
    }
    if (result.sweepSummary() != null) {
      b.append(sweep(result.sweepSummary()));
    } else {
      b.append(clinic(result.clinicDays()));
    }
    if (result.safetySummary() != null) {
      b.append('\n').append(SafetySummary.text(result.safetySummary()));
    }
    return b.toString();
  }

  private static final String[][] CLINIC = {
      {"fractions_per_day", "fx/day"}, {"room_utilisation", "room util"}, {"overtime_min_per_day", "overtime min"},
      {"room_wait_min", "room wait min"}, {"gpu_wait_min", "GPU wait min"}, {"physicist_wait_min", "phys wait min"}};

  /** Per strategy, means over treatment days of the clinic figures. */
  static String clinic(Table clinicDays) {
    VariantTables vt = new VariantTables(new Table(org.twinsim.reports.table.TwinsimTables.FRACTIONS),
        new Table(org.twinsim.reports.table.TwinsimTables.COURSES), clinicDays);
    Map<String, Map<String, Tally>> per = SweepSummary.perStrategy(vt);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s", "clinic"));
    for (String[] c : CLINIC) {
      b.append(String.format(Locale.ROOT, " %13s", c[1]));
    }
    b.append('\n');
    for (Map.Entry<String, Map<String, Tally>> e : per.entrySet()) {
      b.append(String.format(Locale.ROOT, "%-14s", e.getKey()));
      for (String[] c : CLINIC) {
        Tally t = e.getValue().get(c[0]);
        b.append(String.format(Locale.ROOT, " %13.2f", t == null ? Double.NaN : t.average()));
      }
      b.append('\n');
    }
    b.append("(means over treatment days; waits are per request)\n");
    return b.toString();
  }

  /** The sweep table: per variant and strategy, mean [95% CI] over replications. */
  static String sweep(Table summary) {
    StringBuilder b = new StringBuilder();
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (Row r : summary.rows()) {
      String key = String.format(Locale.ROOT, "%-28s %-14s", r.getString("variant"), r.getString("strategy"));
      double lo = r.getDouble("ci95_low");
      double hi = r.getDouble("ci95_high");
      String cell = Double.isNaN(hi) ? String.format(Locale.ROOT, "%8.2f", r.getDouble("mean"))
          : String.format(Locale.ROOT, "%6.2f [%5.2f,%5.2f]", r.getDouble("mean"), lo, hi);
      rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.getString("metric"), cell);
    }
    b.append(String.format(Locale.ROOT, "%-28s %-14s", "variant", "strategy"));
    for (String[] c : CLINIC) {
      b.append(String.format(Locale.ROOT, " %20s", c[1]));
    }
    b.append('\n');
    rows.forEach((k, m) -> {
      b.append(k);
      for (String[] c : CLINIC) {
        b.append(String.format(Locale.ROOT, " %20s", m.getOrDefault(c[0], "-")));
      }
      b.append('\n');
    });
    b.append("(mean [95% CI] over replications of each replication's mean over treatment days)\n");
    return b.toString();
  }

  /** Outcome figures per strategy and the paired comparisons of the digital twin. */
  static String outcomes(RunResult result) {
    Table fr = result.fractions();
    StringBuilder b = new StringBuilder();
    String doseModel = fr.size() == 0 ? "" : fr.rows().get(0).getString("dose_model");
    b.append(String.format(Locale.ROOT, "%-14s %6s", "strategy", "n"));
    for (String[] m : METRICS) {
      b.append(String.format(Locale.ROOT, " %16s", m[1]));
    }
    b.append('\n');
    Map<String, Map<String, Tally>> t = tallies(fr);
    for (Map.Entry<String, Map<String, Tally>> e : t.entrySet()) {
      Tally any = e.getValue().get("time_in_room_s");
      b.append(String.format(Locale.ROOT, "%-14s %6d", e.getKey(), any == null ? 0 : any.numberObs()));
      for (String[] m : METRICS) {
        Tally x = e.getValue().get(m[0]);
        b.append(x == null || x.numberObs() == 0 ? String.format(Locale.ROOT, " %16s", "-")
            : String.format(Locale.ROOT, " %8.2f +/-%5.2f", x.average(), x.numberObs() > 1 ? x.standardDeviation() : 0));
      }
      b.append('\n');
    }
    b.append("(mean +/- SD over all fractions; dose metrics from ").append(doseModel).append(")\n");
    if (t.containsKey("digital-twin")) {
      for (String other : t.keySet()) {
        if (other.equals("digital-twin")) {
          continue;
        }
        for (String metric : new String[] {"ctv_d98_pct", "bladder_neck_dmax_pct"}) {
          double[][] p = paired(fr, metric, "digital-twin", other);
          if (p[0].length < 2) {
            continue;
          }
          Tally d = new Tally();
          for (int i = 0; i < p[0].length; i++) {
            d.add(p[0][i] - p[1][i]);
          }
          double[] diff = new double[p[0].length];
          for (int i = 0; i < diff.length; i++) {
            diff[i] = p[0][i] - p[1][i];
          }
          SignedRankTest test = SignedRankTest.of(diff);
          double[][] nz = new double[][] {new double[test.n()]};
          double pv = test.n() == 0 ? 1.0 : test.pValue();
          b.append(String.format(Locale.ROOT,
              "digital-twin - %-13s %-22s %+7.2f +/- %5.2f  (n=%d, %d differ; Wilcoxon signed-rank p=%.3g)%n",
              other, metric, d.average(), d.standardDeviation(), p[0].length, nz[0].length, pv));
        }
      }
    }
    return b.toString();
  }

}
