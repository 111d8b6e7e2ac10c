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
      add(out, v.name(), v.scenario(), vt.events(), vt.alerts(), vt.fractions());
      if (v.scenario().safety().machine() != null) {
        machine(out, v.name(), v.scenario(), vt.qaDays());
        machineDose(out, v.name(), v.scenario(), vt.fractions());
      }
      if (!v.scenario().safety().imaging().isDailyCbct()) {
        imaging(out, v.name(), v.scenario(), vt.fractions(), vt.courses());
      }
    }
    return out;
  }

  static void add(Table out, String variant, Scenario s, Table events, Table alerts, Table fractions) {
    int reps = s.replications();
    Set<String> anyHold = new HashSet<>();
    Set<String> heldFractions = new HashSet<>();
    Set<String> alertedFractions = new HashSet<>();
    for (Row a : alerts.rows()) {
      String key = a.get("replication") + "/" + a.get("patient_id") + "/" + a.get("fraction");
      String sev = a.getString("severity");
      if (sev.equals("hold")) {
        anyHold.add(key);
      }
      if (a.get("event_id") == null) {
        if (sev.equals("hold")) {
          heldFractions.add(key);
        }
        if (!sev.equals("info")) {
          alertedFractions.add(key);
        }
      }
    }
    Map<String, String> abnormal = new java.util.HashMap<>();
    for (Row e : events.rows()) {
      for (int f = e.getInt("start_fraction"); f <= e.getInt("end_fraction"); f++) {
        abnormal.putIfAbsent(e.get("replication") + "/" + e.get("patient_id") + "/" + f, label(e));
      }
    }
    List<String> labels = new java.util.ArrayList<>();
    for (AnomalyKind k : AnomalyKind.values()) {
      labels.add(k.key());
      if (k == AnomalyKind.GROSS_SETUP) {
        labels.add(RECURRING);
      }
    }
    for (String label : labels) {
      long n = 0;
      long same = 0;
      long reviewSame = 0;
      long ever = 0;
      Tally delay = new Tally();
      for (Row e : events.rows()) {
        if (!label(e).equals(label)) {
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
      proportion(out, variant, label, "sensitivity_same_fraction", same, n, reps);
      proportion(out, variant, label, "sensitivity_review_same_fraction", reviewSame, n, reps);
      proportion(out, variant, label, "sensitivity_course", ever, n, reps);
      mean(out, variant, label, "detection_delay_fractions", null, delay, reps);
    }
    // per (anomaly label or "none", strategy): CTV D98 on held and missed fractions
    Map<String, Tally[]> dose = new java.util.TreeMap<>();
    for (Row r : fractions.rows()) {
      String key = r.get("replication") + "/" + r.get("patient_id") + "/" + r.get("fraction");
      double d98 = r.getDouble("ctv_d98_pct");
      if (Double.isNaN(d98)) {
        continue;
      }
      String kind = abnormal.getOrDefault(key, "none");
      Tally[] t = dose.computeIfAbsent(kind + "|" + r.getString("strategy"), k -> new Tally[] {new Tally(), new Tally()});
      t[kind.equals("none") || anyHold.contains(key) ? 0 : 1].add(d98);
    }
    for (Map.Entry<String, Tally[]> e : dose.entrySet()) {
      String kind = e.getKey().substring(0, e.getKey().indexOf('|'));
      String strategy = e.getKey().substring(e.getKey().indexOf('|') + 1);
      String[] names = kind.equals("none") ? new String[] {"mean_ctv_d98_pct_normal"}
          : new String[] {"mean_ctv_d98_pct_held", "mean_ctv_d98_pct_missed"};
      for (int i = 0; i < names.length; i++) {
        mean(out, variant, kind, names[i], strategy, e.getValue()[i], reps);
      }
    }
    long total = (long) reps * s.cohort().patients() * s.fractionation().fractions();
    long normal = total - abnormal.size();
    rate(out, variant, "false_holds_per_100", heldFractions.size(), normal, reps);
    rate(out, variant, "false_reviews_per_100", alertedFractions.size(), normal, reps);
  }

  /**
   * Machine-QA figures over the (replication, room) pairs: whether the drift was flagged (an alert
   * of review or hold) on or after its onset and before the day the uncorrected gradual drift (an output step cannot be flagged before it happens) would exceed a
   * TG-224 daily tolerance (pairs whose drift would not exceed it within the run are not counted),
   * the delay from onset to the first alert, alerts per 100 room-days before the onset (false), the
   * fractions treated with the machine beyond tolerance per 100, and the largest range error treated with.
   */
  static void machine(Table out, String variant, Scenario s, Table qaDays) {
    int reps = s.replications();
    // "flagged before tolerance" is about the gradual drifts: a step is only seen after it happened
    org.twinsim.model.qa.MachineDrift injected = s.safety().machine().drift();
    org.twinsim.model.qa.MachineDrift drift = injected.gradual();
    boolean gradualOn = drift.rangeMmPerWeek() != 0 || drift.isocentreMmPerWeek() != 0 || drift.cbctHuPerWeek() != 0;
    int onset = gradualOn ? drift.startDay() : Integer.MAX_VALUE;
    if (injected.outputStepDay() >= 0 && injected.outputStepPct() != 0) {
      onset = Math.min(onset, injected.outputStepDay());
    }
    onset = onset == Integer.MAX_VALUE ? drift.startDay() : onset;
    Map<String, List<Row>> byRoom = new LinkedHashMap<>();
    for (Row r : qaDays.rows()) {
      byRoom.computeIfAbsent(r.get("replication") + "/" + r.get("room"), k -> new java.util.ArrayList<>()).add(r);
    }
    long trials = 0;
    long flagged = 0;
    Tally delay = new Tally();
    long preDays = 0;
    long preAlerts = 0;
    long fractions = 0;
    long outOfTol = 0;
    double maxRange = 0;
    long recal = 0;
    for (List<Row> days : byRoom.values()) {
      days.sort(java.util.Comparator.comparingInt(r -> r.getInt("treatment_day")));
      int exceed = -1;
      for (Row r : days) {
        if (drift.at(r.getInt("treatment_day"), -1).outOfTolerance()) {
          exceed = r.getInt("treatment_day");
          break;
        }
      }
      int firstAlert = -1;
      for (Row r : days) {
        int d = r.getInt("treatment_day");
        String sev = (String) r.get("severity");
        boolean alert = sev != null && !sev.equals("info");
        if (d < onset) {
          preDays++;
          preAlerts += alert ? 1 : 0;
        } else if (alert && firstAlert < 0) {
          firstAlert = d;
        }
        int n = r.getInt("fractions_treated");
        fractions += n;
        if (Boolean.TRUE.equals(r.get("delivered_out_of_tolerance"))) {
          outOfTol += n;
        }
        if (n > 0) {
          maxRange = Math.max(maxRange, Math.abs(r.getDouble("delivered_range_mm")));
        }
        recal += Boolean.TRUE.equals(r.get("recalibrated")) ? 1 : 0;
      }
      if (firstAlert >= 0) {
        delay.add(firstAlert - onset);
      }
      if (exceed >= 0) {
        trials++;
        flagged += firstAlert >= 0 && firstAlert < exceed ? 1 : 0;
      }
    }
    String kind = "machine-drift";
    if (trials > 0) {
      proportion(out, variant, kind, "drift_flagged_before_tolerance", flagged, trials, reps);
    }
    mean(out, variant, kind, "machine_detection_delay_days", null, delay, reps);
    rate(out, variant, kind, "machine_false_alerts_per_100_room_days", preAlerts, preDays, reps);
    rate(out, variant, kind, "fractions_out_of_tolerance_per_100", outOfTol, fractions, reps);
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", "max_delivered_range_error_mm")
        .set("n", byRoom.size()).set("value", maxRange).set("replications", reps));
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", "recalibrations")
        .set("n", byRoom.size()).set("value", (double) recal).set("replications", reps));
  }

  /**
   * The dose delivered with a deviated machine (output, range, isocentre; before the QA twin
   * caught it and the room was recalibrated): the fractions treated with any deviation per 100
   * fractions, and per strategy the mean and the worst error of CTV D98 and bladder-neck Dmax on
   * them (% points, delivered minus the same delivery with a nominal machine), with Student-t intervals.
   */
  static void machineDose(Table out, String variant, Scenario s, Table fractions) {
    int reps = s.replications();
    String first = s.strategies().get(0).name();
    long n = 0;
    long off = 0;
    Map<String, Tally[]> err = new java.util.TreeMap<>();
    for (Row r : fractions.rows()) {
      boolean deviated = nonZero(r, "machine_output_pct") || nonZero(r, "machine_range_mm")
          || nonZero(r, "machine_isocentre_mm");
      if (r.getString("strategy").equals(first)) {
        n++;
        off += deviated ? 1 : 0;
      }
      if (!deviated) {
        continue;
      }
      Tally[] t = err.computeIfAbsent(r.getString("strategy"), k -> new Tally[] {new Tally(), new Tally()});
      double d98 = r.getDouble("machine_ctv_d98_error_pct");
      double neck = r.getDouble("machine_bladder_neck_dmax_error_pct");
      if (!Double.isNaN(d98)) {
        t[0].add(d98);
      }
      if (!Double.isNaN(neck)) {
        t[1].add(neck);
      }
    }
    String kind = "machine-drift";
    rate(out, variant, kind, "fractions_with_machine_error_per_100", off, n, reps);
    for (Map.Entry<String, Tally[]> e : err.entrySet()) {
      Tally d98 = e.getValue()[0];
      Tally neck = e.getValue()[1];
      mean(out, variant, kind, "ctv_d98_error_pct_machine", e.getKey(), d98, reps);
      out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", "worst_ctv_d98_error_pct_machine")
          .set("strategy", e.getKey()).set("n", d98.numberObs()).set("value", d98.numberObs() == 0 ? Double.NaN : d98.min())
          .set("replications", reps));
      mean(out, variant, kind, "bladder_neck_dmax_error_pct_machine", e.getKey(), neck, reps);
    }
  }

  private static boolean nonZero(Row r, String column) {
    double v = r.getDouble(column);
    return !Double.isNaN(v) && v != 0;
  }

  /**
   * Twin-guided imaging against its paired daily-CBCT reference (the same courses imaged with the
   * standard CBCT every fraction): the share of fractions per protocol, the course imaging dose
   * relative to the reference, and the paired cost per course in target position error (the image
   * guidance's registration error at the target) and, per strategy, in mean CTV D98 and bladder-neck
   * Dmax: the mean paired difference (policy minus reference) with its Student-t interval, and the
   * two-sided Wilcoxon signed-rank p-value (Wilcoxon 1945; exact for up to 30 courses, else the
   * normal approximation; commons-math3).
   */
  static void imaging(Table out, String variant, Scenario s, Table fractions, Table courses) {
    int reps = s.replications();
    String kind = "imaging";
    String first = s.strategies().get(0).name();
    long n = 0;
    long low = 0;
    long kv = 0;
    for (Row r : fractions.rows()) {
      if (!r.getString("strategy").equals(first)) {
        continue;
      }
      n++;
      String p = r.getString("imaging_protocol");
      low += "low-dose-cbct".equals(p) ? 1 : 0;
      kv += "kv-pair".equals(p) ? 1 : 0;
    }
    proportion(out, variant, kind, "fractions_low_dose_cbct_pct", low, n, reps);
    proportion(out, variant, kind, "fractions_kv_pair_pct", kv, n, reps);
    Map<String, List<double[]>> pairs = new LinkedHashMap<>();
    for (Row r : courses.rows()) {
      if (r.get("reference_imaging_dose_mgy") == null) {
        continue;
      }
      String st = r.getString("strategy");
      List<double[]> l = pairs.computeIfAbsent(st, k -> new java.util.ArrayList<>());
      l.add(new double[] {r.getDouble("imaging_dose_mgy"), r.getDouble("reference_imaging_dose_mgy"),
          r.getDouble("mean_target_error_mm"), r.getDouble("reference_mean_target_error_mm"),
          r.getDouble("mean_ctv_d98_pct"), r.getDouble("reference_mean_ctv_d98_pct"),
          r.getDouble("mean_bladder_neck_dmax_pct"), r.getDouble("reference_mean_bladder_neck_dmax_pct")});
    }
    if (pairs.isEmpty()) {
      return;
    }
    List<double[]> shared = pairs.values().iterator().next();
    Tally ratio = new Tally();
    for (double[] c : shared) {
      ratio.add(100 * c[0] / c[1]);
    }
    mean(out, variant, kind, "imaging_dose_relative_pct", null, ratio, reps);
    Tally tre = new Tally();
    for (double[] c : shared) {
      tre.add(c[2]);
    }
    mean(out, variant, kind, "target_error_mm", null, tre, reps);
    paired(out, variant, kind, "target_error_change_mm", null, shared, 2, reps);
    for (Map.Entry<String, List<double[]>> e : pairs.entrySet()) {
      paired(out, variant, kind, "ctv_d98_change_pct", e.getKey(), e.getValue(), 4, reps);
      paired(out, variant, kind, "bladder_neck_dmax_change_pct", e.getKey(), e.getValue(), 6, reps);
    }
  }

  /** Mean of {@code c[i] - c[i + 1]} over the pairs with its t interval, and its Wilcoxon signed-rank p-value. */
  private static void paired(Table out, String variant, String kind, String figure, String strategy, List<double[]> pairs,
                             int i, int reps) {
    double[] x = new double[pairs.size()];
    double[] y = new double[pairs.size()];
    Tally d = new Tally();
    boolean differ = false;
    for (int k = 0; k < x.length; k++) {
      x[k] = pairs.get(k)[i];
      y[k] = pairs.get(k)[i + 1];
      d.add(x[k] - y[k]);
      differ |= x[k] != y[k];
    }
    mean(out, variant, kind, figure, strategy, d, reps);
    double p = 1.0;
    if (differ && x.length > 0) {
      p = new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest()
          .wilcoxonSignedRankTest(x, y, x.length <= 30);
    }
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", figure + "_wilcoxon_p")
        .set("strategy", strategy).set("n", x.length).set("value", p).set("replications", reps));
  }

  /** A mean with its Student-t 95% interval (none for fewer than two values or no spread); strategy may be null. */
  private static void mean(Table out, String variant, String kind, String figure, String strategy, Tally t, int reps) {
    double[] ci = {Double.NaN, Double.NaN};
    if (t.numberObs() > 1 && t.variance() > 0) {
      t.confidenceIntervalStudent(0.95, ci);
      ci = new double[] {ci[0] - ci[1], ci[0] + ci[1]};
    }
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", figure).set("strategy", strategy)
        .set("n", t.numberObs()).set("value", t.numberObs() == 0 ? Double.NaN : t.average())
        .set("ci95_low", Double.isNaN(ci[0]) ? null : ci[0]).set("ci95_high", Double.isNaN(ci[1]) ? null : ci[1])
        .set("replications", reps));
  }

  private static final String RECURRING = "gross-setup-recurring";

  private static String label(Row e) {
    return Boolean.TRUE.equals(e.get("recurring")) ? RECURRING : e.getString("kind");
  }

  private static void proportion(Table out, String variant, String kind, String figure, long k, long n, int reps) {
    double[] ci = wilson(k, n);
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", figure).set("n", (int) n)
        .set("value", 100.0 * k / n).set("ci95_low", 100 * ci[0]).set("ci95_high", 100 * ci[1]).set("replications", reps));
  }

  private static void rate(Table out, String variant, String figure, long k, long n, int reps) {
    rate(out, variant, "none", figure, k, n, reps);
  }

  private static void rate(Table out, String variant, String kind, String figure, long k, long n, int reps) {
    double[] ci = wilson(k, n);
    out.add(out.newRow().set("variant", variant).set("anomaly_kind", kind).set("figure", figure).set("n", (int) n)
        .set("value", n == 0 ? Double.NaN : 100.0 * k / n).set("ci95_low", n == 0 ? null : 100 * ci[0])
        .set("ci95_high", n == 0 ? null : 100 * ci[1]).set("replications", reps));
  }

  private static String figureLabel(Row r) {
    return r.get("strategy") == null ? r.getString("figure") : r.getString("figure") + " " + r.getString("strategy");
  }

  /** The figures as text for the terminal. */
  public static String text(Table summary) {
    StringBuilder b = new StringBuilder("safety layer");
    Map<String, Boolean> variants = new LinkedHashMap<>();
    summary.rows().forEach(r -> variants.put(r.getString("variant"), true));
    int width = 34;
    int vWidth = 20;
    for (Row r : summary.rows()) {
      width = Math.max(width, figureLabel(r).length());
      vWidth = Math.max(vWidth, r.getString("variant").length());
    }
    String figFormat = "%-" + vWidth + "s %-22s %-" + width + "s";
    b.append(String.format(Locale.ROOT, "%n" + figFormat + " %7s %8s  %s%n", "variant", "anomaly", "figure", "n",
        "value", "95% CI"));
    for (Row r : summary.rows()) {
      Object lo = r.get("ci95_low");
      Object hi = r.get("ci95_high");
      String fig = figureLabel(r);
      String value = r.getString("figure").endsWith("_p") ? String.format(Locale.ROOT, "%8.2g", r.getDouble("value"))
          : String.format(Locale.ROOT, "%8.2f", r.getDouble("value"));
      b.append(String.format(Locale.ROOT, figFormat + " %7d %s  %s%n", r.getString("variant"),
          r.getString("anomaly_kind"), fig, r.getInt("n"), value,
          lo == null ? "-" : String.format(Locale.ROOT, "[%.2f, %.2f]", (Double) lo, (Double) hi)));
    }
    b.append("(sensitivities in % of events: a hold (or a review) on the event's first fraction, or on any for recurring\n"
        + " events; false alerts per 100 normal fractions; Wilson 95% intervals, events pooled over replications;\n"
        + " CTV D98 in % of prescription on fractions with an anomaly held / missed, and on normal fractions, Student t;\n"
        + " imaging: changes are the imaging policy minus the same courses imaged with daily standard CBCT, per course,\n"
        + " with the Wilcoxon signed-rank p-value)\n");
    return b.toString();
  }
}
