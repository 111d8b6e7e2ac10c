package org.twinsim.reports.html;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.twinsim.reports.run.RunFolder;
import org.twinsim.reports.run.RunTable;
import org.twinsim.reports.stats.MeanCi;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/**
 * Clinic figures of every variant of a sweep, per strategy, as means over independent replications
 * with 95 % Student-t intervals: one value per replication (its mean over treatment days, or over
 * courses for the start wait), so days within a replication, which are correlated, count once.
 *
 * <p>Where the numbers come from: the run's {@code sweep_summary} table when it has one (the engine
 * writes it with every sweep: columns variant, strategy, metric, replications, mean, ci95_low,
 * ci95_high), else computed here from {@code clinic_days} and {@code courses} with the same
 * definitions ({@link Quantity}); {@link #source()} says which. A strategy whose workflow never
 * requests a resource (in the {@code steps} table) has no wait for it: such points are left out.
 *
 * <p>Which parameter each variant varies comes from the sweep's {@code variants} table (columns
 * variant, parameter, value); a run of several variants without it is treated as one categorical
 * parameter named {@code variant}.
 */
public final class SweepSummary {
  /** Confidence level of the intervals. */
  public static final double LEVEL = 0.95;
  /** {@link #source()} when the figures are the engine's own. */
  public static final String FROM_TABLE = "sweep_summary";
  /** {@link #source()} when the figures are computed by the report. */
  public static final String COMPUTED = "clinic_days";

  /** A figure of the sweep: its sweep_summary metric, and how it is computed from the run's tables. */
  public enum Quantity {
    THROUGHPUT("fractions_per_day", "Throughput", "sessions treated per day", 1, "patients_treated", 1, null),
    ROOM_UTILISATION("room_utilisation", "Room utilisation", "% of opening hours", 100, "room_utilisation", 100, null),
    OVERTIME("overtime_min_per_day", "Overtime", "min per day, all rooms", 1, "overtime_s", 1.0 / 60, null),
    GPU_WAIT("gpu_wait_min", "GPU wait", "min per request", 1, "mean_wait_gpu_s", 1.0 / 60, "gpu"),
    PHYSICIST_WAIT("physicist_wait_min", "Physicist wait", "min per request", 1, "mean_wait_physicist_s", 1.0 / 60,
        "physicist"),
    START_WAIT("start_wait_days", "Start wait", "days from ready to first fraction", 1, null, 1, null);

    private final String metric;
    private final String label;
    private final String unit;
    private final double tableScale;
    private final String dayColumn;
    private final double dayScale;
    private final String resource;

    Quantity(String metric, String label, String unit, double tableScale, String dayColumn, double dayScale,
             String resource) {
      this.metric = metric;
      this.label = label;
      this.unit = unit;
      this.tableScale = tableScale;
      this.dayColumn = dayColumn;
      this.dayScale = dayScale;
      this.resource = resource;
    }

    /** Its name in the sweep_summary table's metric column. */
    public String metric() {
      return metric;
    }

    public String label() {
      return label;
    }

    public String unit() {
      return unit;
    }

    /** The shared resource a wait is for (null for the other figures). */
    public String resource() {
      return resource;
    }

    /**
     * How a replication's value is defined (the engine's definition, SweepSummary of sim-engine):
     * shown on the page.
     */
    public String definition() {
      return switch (this) {
        case START_WAIT -> "mean over the replication's courses of courses.start_wait_days";
        case GPU_WAIT, PHYSICIST_WAIT -> "mean over the replication's treatment days of clinic_days." + dayColumn
            + " (the day's mean wait per request)";
        default -> "mean over the replication's treatment days of clinic_days." + dayColumn;
      };
    }
  }

  /**
   * One value of the sweep.
   *
   * @param variant variant name
   * @param strategy strategy
   * @param quantity what
   * @param ci mean over replications and its interval, in the quantity's unit
   */
  public record Point(String variant, String strategy, Quantity quantity, MeanCi ci) {
  }

  private final List<String> variants;
  private final List<String> parameters;
  private final Map<String, Map<String, String>> values;
  private final List<Point> points;
  private final String source;
  private final Set<String> notApplicable;

  private SweepSummary(List<String> variants, List<String> parameters, Map<String, Map<String, String>> values,
                       List<Point> points, String source, Set<String> notApplicable) {
    this.variants = variants;
    this.parameters = parameters;
    this.values = values;
    this.points = points;
    this.source = source;
    this.notApplicable = notApplicable;
  }

  /** Whether the run is a sweep: several variants, or a variants or sweep_summary table with rows. */
  public static boolean isSweep(RunFolder run) {
    return run.variants().size() > 1 || run.table("variants").map(t -> t.size() > 0).orElse(false)
        || run.table(FROM_TABLE).map(t -> t.size() > 0).orElse(false);
  }

  /**
   * The summary: from the run's sweep_summary table if it has rows, else computed from clinic_days
   * (which it then requires) and courses.
   */
  public static SweepSummary of(RunFolder run) {
    RunTable table = run.table(FROM_TABLE)
        .filter(t -> t.size() > 0 && t.has("variant") && t.has("strategy") && t.has("metric") && t.has("mean")
            && t.has("ci95_low") && t.has("ci95_high") && t.has("replications"))
        .orElse(null);
    return table != null ? fromTable(run, table) : computed(run);
  }

  /** The summary computed from clinic_days and courses, ignoring any sweep_summary table. */
  public static SweepSummary computed(RunFolder run) {
    RunTable days = run.table("clinic_days").orElseThrow(() -> new IllegalStateException("no clinic_days table"));
    RunTable courses = run.table("courses").filter(t -> t.has("start_wait_days")).orElse(null);
    List<Point> points = new ArrayList<>();
    Set<String> na = new HashSet<>();
    for (String v : run.variants()) {
      // strategy -> replication -> quantity -> {sum, n}
      Map<String, TreeMap<Integer, Map<Quantity, double[]>>> acc = new LinkedHashMap<>();
      for (Row r : days.variant(v).rows()) {
        Map<Quantity, double[]> q = acc.computeIfAbsent(r.getString("strategy"), k -> new TreeMap<>())
            .computeIfAbsent(r.getInt("replication"), k -> new LinkedHashMap<>());
        for (Quantity x : Quantity.values()) {
          if (x.dayColumn != null && days.has(x.dayColumn)) {
            double[] a = q.computeIfAbsent(x, k -> new double[2]);
            a[0] += r.getDouble(x.dayColumn) * x.dayScale;
            a[1] += 1;
          }
        }
      }
      if (courses != null) {
        for (Row r : courses.variant(v).rows()) {
          if (r.get("start_wait_days") == null) {
            continue;
          }
          double[] a = acc.computeIfAbsent(r.getString("strategy"), k -> new TreeMap<>())
              .computeIfAbsent(r.getInt("replication"), k -> new LinkedHashMap<>())
              .computeIfAbsent(Quantity.START_WAIT, k -> new double[2]);
          a[0] += r.getDouble("start_wait_days");
          a[1] += 1;
        }
      }
      for (Map.Entry<String, TreeMap<Integer, Map<Quantity, double[]>>> e : acc.entrySet()) {
        String s = e.getKey();
        for (Quantity x : Quantity.values()) {
          if (!applies(run, v, s, x)) {
            na.add(key(v, s, x));
            continue;
          }
          List<Double> perRep = new ArrayList<>();
          for (Map<Quantity, double[]> q : e.getValue().values()) {
            double[] a = q.get(x);
            if (a != null && a[1] > 0) {
              perRep.add(a[0] / a[1]);
            }
          }
          if (!perRep.isEmpty()) {
            points.add(new Point(v, s, x, MeanCi.of(perRep.stream().mapToDouble(Double::doubleValue).toArray(), LEVEL)));
          }
        }
      }
    }
    return new SweepSummary(List.copyOf(run.variants()), parameters(run), values(run), points, COMPUTED, na);
  }

  private static SweepSummary fromTable(RunFolder run, RunTable t) {
    Map<String, Quantity> byMetric = new LinkedHashMap<>();
    for (Quantity q : Quantity.values()) {
      byMetric.put(q.metric, q);
    }
    List<Point> points = new ArrayList<>();
    Set<String> na = new HashSet<>();
    for (Row r : t.rows()) {
      Quantity q = byMetric.get(r.getString("metric"));
      if (q == null) {
        continue;
      }
      String v = r.getString("variant");
      String s = r.getString("strategy");
      if (!applies(run, v, s, q)) {
        na.add(key(v, s, q));
        continue;
      }
      double mean = r.getDouble("mean") * q.tableScale;
      double half = (r.getDouble("ci95_high") - r.getDouble("ci95_low")) / 2 * q.tableScale;
      points.add(new Point(v, s, q, new MeanCi(r.getInt("replications"), mean, Double.isFinite(half) ? half : Double.NaN,
          LEVEL)));
    }
    List<String> variants = new ArrayList<>(run.variants());
    for (Point p : points) {
      if (!variants.contains(p.variant())) {
        variants.add(p.variant());
      }
    }
    return new SweepSummary(List.copyOf(variants), parameters(run), values(run), points, FROM_TABLE, na);
  }

  /** Whether a wait applies to a strategy: its steps request the resource (unknown without steps: yes). */
  private static boolean applies(RunFolder run, String variant, String strategy, Quantity q) {
    return q.resource == null || !run.hasSteps() || run.stepWaits().requests(variant, strategy, q.resource) > 0;
  }

  private static String key(String v, String s, Quantity q) {
    return v + "\u0000" + s + "\u0000" + q;
  }

  private static List<String> parameters(RunFolder run) {
    Set<String> params = new LinkedHashSet<>();
    for (Map<String, String> m : values(run).values()) {
      params.addAll(m.keySet());
    }
    return params.isEmpty() ? List.of("variant") : List.copyOf(params);
  }

  private static Map<String, Map<String, String>> values(RunFolder run) {
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    RunTable vt = run.table("variants").orElse(null);
    if (vt != null && vt.has("parameter") && vt.has("value")) {
      for (String part : vt.variants()) {
        for (Row r : vt.variant(part).rows()) {
          String v = vt.has("variant") && r.getString("variant") != null ? r.getString("variant") : part;
          String p = r.getString("parameter");
          if (p != null) {
            values.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(p, r.getString("value"));
          }
        }
      }
    }
    if (values.isEmpty()) {
      for (String v : run.variants()) {
        values.put(v, new LinkedHashMap<>(Map.of("variant", v)));
      }
    }
    return values;
  }

  /** Variants in run order. */
  public List<String> variants() {
    return variants;
  }

  /** Parameters set by the variants (e.g. {@code clinic.gpuServers}), or {@code variant}. */
  public List<String> parameters() {
    return parameters;
  }

  /** Parameters with at least two values among the variants: the ones plotted. */
  public List<String> varied() {
    List<String> out = new ArrayList<>();
    for (String p : parameters) {
      Set<String> vals = new HashSet<>();
      for (String v : variants) {
        vals.add(value(v, p));
      }
      if (vals.size() > 1) {
        out.add(p);
      }
    }
    return out;
  }

  /** The value of a parameter in a variant ("" when the variants table does not say). */
  public String value(String variant, String parameter) {
    return values.getOrDefault(variant, Map.of()).getOrDefault(parameter, "");
  }

  public List<Point> points() {
    return points;
  }

  /** Where the figures come from: {@link #FROM_TABLE} or {@link #COMPUTED}. */
  public String source() {
    return source;
  }

  /** Whether a wait was left out because the strategy never requests the resource in that variant. */
  public boolean notApplicable(String variant, String strategy, Quantity q) {
    return notApplicable.contains(key(variant, strategy, q));
  }

  /** The point of a variant, strategy and quantity, or null. */
  public Point point(String variant, String strategy, Quantity q) {
    for (Point p : points) {
      if (p.variant().equals(variant) && p.strategy().equals(strategy) && p.quantity() == q) {
        return p;
      }
    }
    return null;
  }
}
