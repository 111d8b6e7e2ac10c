package org.twinsim.reports.html;

import java.util.ArrayList;
import java.util.HashMap;
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
 * with 95 % Student-t intervals ({@link MeanCi}): one value per replication, so days within a
 * replication (which are correlated) count once. Quantities: daily throughput and room utilisation
 * from {@code clinic_days}, mean wait per GPU request from {@code steps} (GPU steps only; from the
 * daily means of {@code clinic_days} when the run has no steps table).
 *
 * <p>Which parameter each variant varies comes from the sweep's {@code variants} table (columns
 * variant, parameter, value); a run of several variants without it is treated as one categorical
 * parameter named {@code variant}.
 */
public final class SweepSummary {
  /** Confidence level of the intervals. */
  public static final double LEVEL = 0.95;

  /** A quantity of the sweep. */
  public enum Quantity {
    THROUGHPUT("Throughput", "patients treated per day"),
    ROOM_UTILISATION("Room utilisation", "% of opening hours"),
    GPU_WAIT("Wait per GPU request", "min");

    private final String label;
    private final String unit;

    Quantity(String label, String unit) {
      this.label = label;
      this.unit = unit;
    }

    public String label() {
      return label;
    }

    public String unit() {
      return unit;
    }
  }

  /**
   * One value of the sweep.
   *
   * @param variant variant name
   * @param strategy strategy
   * @param quantity what
   * @param ci mean over replications and its interval
   */
  public record Point(String variant, String strategy, Quantity quantity, MeanCi ci) {
  }

  private final List<String> variants;
  private final List<String> parameters;
  private final Map<String, Map<String, String>> values;
  private final List<Point> points;
  private final boolean gpuFromSteps;

  private SweepSummary(List<String> variants, List<String> parameters, Map<String, Map<String, String>> values,
                       List<Point> points, boolean gpuFromSteps) {
    this.variants = variants;
    this.parameters = parameters;
    this.values = values;
    this.points = points;
    this.gpuFromSteps = gpuFromSteps;
  }

  /** Whether the run is a sweep: several variants, or a variants table. */
  public static boolean isSweep(RunFolder run) {
    return run.variants().size() > 1 || run.table("variants").map(t -> t.size() > 0).orElse(false);
  }

  /** The summary; requires a clinic_days table. */
  public static SweepSummary of(RunFolder run) {
    List<String> variants = run.variants();
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    Set<String> params = new LinkedHashSet<>();
    RunTable vt = run.table("variants").orElse(null);
    if (vt != null && vt.has("parameter") && vt.has("value")) {
      for (String part : vt.variants()) {
        for (Row r : vt.variant(part).rows()) {
          String v = vt.has("variant") && r.getString("variant") != null ? r.getString("variant") : part;
          String p = r.getString("parameter");
          if (p == null) {
            continue;
          }
          params.add(p);
          values.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(p, r.getString("value"));
        }
      }
    }
    if (params.isEmpty()) {
      params.add("variant");
      for (String v : variants) {
        values.put(v, new LinkedHashMap<>(Map.of("variant", v)));
      }
    }
    RunTable days = run.table("clinic_days").orElseThrow(() -> new IllegalStateException("no clinic_days table"));
    RunTable steps = run.table("steps").filter(t -> t.has("resource") && t.has("wait_s") && t.has("strategy"))
        .orElse(null);
    List<Point> points = new ArrayList<>();
    for (String v : variants) {
      Table d = days.variant(v);
      // strategy -> replication -> sums
      Map<String, TreeMap<Integer, double[]>> acc = new LinkedHashMap<>();
      for (Row r : d.rows()) {
        double[] a = acc.computeIfAbsent(r.getString("strategy"), k -> new TreeMap<>())
            .computeIfAbsent(r.getInt("replication"), k -> new double[6]);
        a[0] += 1;
        a[1] += r.getDouble("patients_treated");
        a[2] += r.getDouble("room_busy_s");
        a[3] += r.getDouble("room_open_s");
        double g = r.getDouble("mean_wait_gpu_s");
        if (Double.isFinite(g)) {
          a[4] += g;
          a[5] += 1;
        }
      }
      Map<String, Map<Integer, double[]>> gpu = new HashMap<>();
      if (steps != null) {
        for (Row r : steps.variant(v).rows()) {
          if ("gpu".equals(r.getString("resource"))) {
            double[] a = gpu.computeIfAbsent(r.getString("strategy"), k -> new TreeMap<>())
                .computeIfAbsent(r.getInt("replication"), k -> new double[2]);
            a[0] += r.getDouble("wait_s");
            a[1] += 1;
          }
        }
      }
      for (Map.Entry<String, TreeMap<Integer, double[]>> e : acc.entrySet()) {
        String s = e.getKey();
        int n = e.getValue().size();
        double[] thr = new double[n];
        double[] util = new double[n];
        double[] wait = new double[n];
        int i = 0;
        for (Map.Entry<Integer, double[]> rep : e.getValue().entrySet()) {
          double[] a = rep.getValue();
          thr[i] = a[1] / a[0];
          util[i] = a[3] > 0 ? 100 * a[2] / a[3] : Double.NaN;
          if (steps != null) {
            double[] g = gpu.getOrDefault(s, Map.of()).get(rep.getKey());
            wait[i] = g == null || g[1] == 0 ? Double.NaN : g[0] / g[1] / 60;
          } else {
            wait[i] = a[5] == 0 ? Double.NaN : a[4] / a[5] / 60;
          }
          i++;
        }
        points.add(new Point(v, s, Quantity.THROUGHPUT, MeanCi.of(thr, LEVEL)));
        points.add(new Point(v, s, Quantity.ROOM_UTILISATION, MeanCi.of(util, LEVEL)));
        points.add(new Point(v, s, Quantity.GPU_WAIT, MeanCi.of(wait, LEVEL)));
      }
    }
    return new SweepSummary(List.copyOf(variants), List.copyOf(params), values, points, steps != null);
  }

  /** Variants in run order. */
  public List<String> variants() {
    return variants;
  }

  /** Parameters varied (e.g. {@code clinic.gpuServers}), or {@code variant}. */
  public List<String> parameters() {
    return parameters;
  }

  /** The value of a parameter in a variant ("" when the variants table does not say). */
  public String value(String variant, String parameter) {
    return values.getOrDefault(variant, Map.of()).getOrDefault(parameter, "");
  }

  public List<Point> points() {
    return points;
  }

  /** Whether GPU waits are per request from the steps table (else daily means of clinic_days). */
  public boolean gpuFromSteps() {
    return gpuFromSteps;
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
