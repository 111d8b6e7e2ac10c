package org.twinsim.engine.run;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.twinsim.engine.safety.AnomalyKind;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;
import umontreal.ssj.stat.Tally;

/**
 * The safety layer's figures per variant, from its events and alerts rows: per anomaly kind the
 * sensitivity (a hold matched to the event on its first fraction; for recurring events also on any
 * fraction), the review-level sensitivity, the detection delay in fractions; over the normal
 * fractions (no injected event active) the false holds and false reviews-or-holds per 100. Events
 * and fractions of all replications are pooled; proportions carry the Wilson score interval (Wilson
 * 1927, JASA 22:209; recommended by Newcombe 1998, Stat Med 17:857), the mean delay the Student-t
 * interval. Pooling treats events as independent; events of one patient share the patient's twin,
 * so the intervals are somewhat optimistic when a patient has several.
 */
public final class SafetySummary {
  private static final double Z95 = 1.959963984540054;

  private SafetySummary() {
  }

  /** The Wilson score interval of k successes in n trials at 95%, as {low, high}; {NaN, NaN} for n = 0. */
  public static double[] wilson(long k, long n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double p = (double) k / n;
    double z2 = Z95 * Z95;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** The safety_summary rows of every variant. */
  public static Table of(Map<String, VariantTables> tables, List<Variant> variants) {
    Table out = new Table(TwinsimTables.SAFETY_SUMMARY);
    for (Variant v : variants) {
      VariantTables vt = tables.get(v.name());
      add(out, v.name(), v.scenario(), vt.events(), vt.alerts());
    }
    return out;
  }

  static void add(Table out, String variant, Scenario s, Table events, Table alerts) {
    int reps = s.replications();
    Set<String> heldFractions = new HashSet<>();
    Set<String> alertedFractions = new HashSet<>();
    for (Row a : alerts.rows()) {
      String key = a.get("replication") + "/" + a.get("patient_id") + "/" + a.get("fraction");
      String sev = a.getString("severity");
      if (a.get("event_id") == null) {
        if (sev.equals("hold")) {
          heldFractions.add(key);
        }
        if (!sev.equals("info")) {
          alertedFractions.add(key);
        }
      }
    }
    Set<String> abnormal = new HashSet<>();
    for (Row e : events.rows()) {
      for (int f = e.getInt("start_fraction"); f <= e.getInt("end_fraction"); f++) {
        abnormal.add(e.get("replication") + "/" + e.get("patient_id") + "/" + f);
      }
    }
    for (AnomalyKind k : AnomalyKind.values()) {
      long n = 0;
      long same = 0;
      long reviewSame = 0;
      long ever = 0;
      Tally delay = new Tally();
      for (Row e : events.rows()) {
        if (!e.getString("kind").equals(k.key())) {
          continue;
        }
        n++;
        Object det = e.get("detected_fraction");
        Object first = e.get("first_alert_fraction");
        int start = e.getInt("start_fraction");
        if (det != null) {
          ever++;
          delay.add(((Number) det).intValue() - start);
          if (((Number) det).intValue() == start) {
            same++;
          }
        }
        if (first != null && ((Number) first).intValue() == start) {
          reviewSame++;
        }
      }
      if (n == 0) {
        continue;
      }
      proportion(out, variant, k.key(), "sensitivity_same_fraction", same, n, reps);
      proportion(out, variant, k.key(), "sensitivity_review_same_fraction", reviewSame, n, reps);
      proportion(out, variant, k.key(), "sensitivity_course", ever, n, reps);
      double[] ci = new double[] {Double.NaN, Double.NaN};
      if (delay.numberObs() > 1 && delay.variance() > 0) {
        delay.confidenceIntervalStudent(0.95, ci);
        double c = ci[0];
        double h = ci[1];
        ci = new double[] {c - h, c + h};
      }
      out.add(out.newRow().set("variant", variant).set("anomaly_kind", k.key()).set("figure", "detection_delay_fractions")
          .set("n", delay.numberObs()).set("value", delay.numberObs() == 0 ? Double.NaN : delay.average())
          .set("ci95_low", Double.isNaN(ci[0]) ? null : ci[0]).set("ci95_high", Double.isNaN(ci[1]) ? null : ci[1])
          .set("replications", reps));
    }
    long total = (long) reps * s.cohort().patients() * s.fractionation().fractions();
    long normal = total - abnormal.size();
    rate(out, variant, "false_holds_per_100", heldFractions.size(), normal, reps);
    rate(out, variant, "false_reviews_per_100", alertedFractions.size(), normal, reps);
  }

  private static void proportion(Table out, String variant, String kind, String figure, long k, long n, int reps) {
    double[] ci = wilson(k, n);
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", figure).set("n", (int) n)
        .set("value", 100.0 * k / n).set("ci95_low", 100 * ci[0]).set("ci95_high", 100 * ci[1]).set("replications", reps));
  }

  private static void rate(Table out, String variant, String figure, long k, long n, int reps) {
    double[] ci = wilson(k, n);
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", "none").set("figure", figure).set("n", (int) n)
        .set("value", n == 0 ? Double.NaN : 100.0 * k / n).set("ci95_low", n == 0 ? null : 100 * ci[0])
        .set("ci95_high", n == 0 ? null : 100 * ci[1]).set("replications", reps));
  }

  /** The figures as text for the terminal. */
  public static String text(Table summary) {
    StringBuilder b = new StringBuilder("safety layer");
    Map<String, Boolean> variants = new LinkedHashMap<>();
    summary.rows().forEach(r -> variants.put(r.getString("variant"), true));
    b.append(String.format(Locale.ROOT, "%n%-24s %-15s %-34s %7s %8s  %s%n", "variant", "anomaly", "figure", "n", "value",
        "95% CI"));
    for (Row r : summary.rows()) {
      Object lo = r.get("ci95_low");
      Object hi = r.get("ci95_high");
      b.append(String.format(Locale.ROOT, "%-24s %-15s %-34s %7d %8.2f  %s%n", r.getString("variant"),
          r.getString("anomaly_kind"), r.getString("figure"), r.getInt("n"), r.getDouble("value"),
          lo == null ? "-" : String.format(Locale.ROOT, "[%.2f, %.2f]", (Double) lo, (Double) hi)));
    }
    b.append("(sensitivities in % of events: a hold (or a review) on the event's first fraction, or on any for recurring\n"
        + " events; false alerts per 100 normal fractions; Wilson 95% intervals, events pooled over replications)\n");
    return b.toString();
  }
}
