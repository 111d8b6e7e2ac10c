package org.twinsim.reports.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The waits of a run's {@code steps} table, aggregated while the parts are streamed (a year of a
 * 4-room clinic is millions of step rows: they are never held as rows). Kept per variant, strategy
 * and shared resource ({@code gpu}, {@code physicist}, {@code therapists}; steps without a resource
 * are counted but hold no wait): every wait as a primitive {@code double} (seconds, in part order),
 * and per replication its sum and count.
 */
public final class StepWaits {
  /** Columns read from each steps part. */
  public static final List<String> COLUMNS = List.of("replication", "strategy", "resource", "wait_s");

  /** Waits of one (variant, strategy, resource). */
  static final class Series {
    private double[] waits = new double[256];
    private int n;
    private final TreeMap<Integer, double[]> perReplication = new TreeMap<>();

    void add(int replication, double waitS) {
      if (n == waits.length) {
        waits = Arrays.copyOf(waits, n * 2);
      }
      waits[n++] = waitS;
      double[] a = perReplication.computeIfAbsent(replication, k -> new double[2]);
      a[0] += waitS;
      a[1] += 1;
    }

    void addAll(Series o) {
      if (n + o.n > waits.length) {
        waits = Arrays.copyOf(waits, Math.max(n + o.n, 2 * waits.length));
      }
      System.arraycopy(o.waits, 0, waits, n, o.n);
      n += o.n;
      o.perReplication.forEach((rep, a) -> {
        double[] b = perReplication.computeIfAbsent(rep, k -> new double[2]);
        b[0] += a[0];
        b[1] += a[1];
      });
    }
  }

  // variant -> strategy -> resource -> series
  private final Map<String, Map<String, Map<String, Series>>> series = new LinkedHashMap<>();
  private long rows;
  private long withoutResource;

  StepWaits() {
  }

  /** An empty aggregate (a run without a steps table). */
  public static StepWaits empty() {
    return new StepWaits();
  }

  /** Adds one step row of a variant; a null resource counts the row only. */
  void add(String variant, int replication, String strategy, String resource, double waitS) {
    rows++;
    if (resource == null || strategy == null) {
      withoutResource++;
      return;
    }
    series.computeIfAbsent(variant, k -> new LinkedHashMap<>()).computeIfAbsent(strategy, k -> new LinkedHashMap<>())
        .computeIfAbsent(resource, k -> new Series()).add(replication, waitS);
  }

  /** Appends another aggregate (of later parts) to this one. */
  void addAll(StepWaits o) {
    rows += o.rows;
    withoutResource += o.withoutResource;
    o.series.forEach((v, byStrategy) -> byStrategy.forEach((s, byResource) -> byResource.forEach((res, ser) ->
        series.computeIfAbsent(v, k -> new LinkedHashMap<>()).computeIfAbsent(s, k -> new LinkedHashMap<>())
            .computeIfAbsent(res, k -> new Series()).addAll(ser))));
  }

  /** Step rows read, with or without a resource. */
  public long rows() {
    return rows;
  }

  /** Whether any step held a shared resource. */
  public boolean isEmpty() {
    return series.isEmpty();
  }

  /** Resources requested in a variant, in first-seen order. */
  public List<String> resources(String variant) {
    Set<String> out = new LinkedHashSet<>();
    for (Map<String, Series> byResource : series.getOrDefault(variant, Map.of()).values()) {
      out.addAll(byResource.keySet());
    }
    return List.copyOf(out);
  }

  /** Resources requested in any variant, in first-seen order. */
  public List<String> resources() {
    Set<String> out = new LinkedHashSet<>();
    for (String v : series.keySet()) {
      out.addAll(resources(v));
    }
    return List.copyOf(out);
  }

  /** Requests of a strategy for a resource in a variant (0 if none). */
  public int requests(String variant, String strategy, String resource) {
    Series s = get(variant, strategy, resource);
    return s == null ? 0 : s.n;
  }

  /** Every wait, s, of a strategy for a resource in a variant (a copy; empty if none). */
  public double[] waitsS(String variant, String strategy, String resource) {
    Series s = get(variant, strategy, resource);
    return s == null ? new double[0] : Arrays.copyOf(s.waits, s.n);
  }

  /**
   * Mean wait per request, s, of each replication (in replication order) of a strategy for a
   * resource in a variant; empty if it has none.
   */
  public Map<Integer, Double> meanPerReplicationS(String variant, String strategy, String resource) {
    Series s = get(variant, strategy, resource);
    if (s == null) {
      return Map.of();
    }
    Map<Integer, Double> out = new TreeMap<>();
    s.perReplication.forEach((rep, a) -> out.put(rep, a[0] / a[1]));
    return Collections.unmodifiableMap(out);
  }

  /** Strategies with at least one request in a variant. */
  public List<String> strategies(String variant) {
    return new ArrayList<>(series.getOrDefault(variant, Map.of()).keySet());
  }

  private Series get(String variant, String strategy, String resource) {
    return series.getOrDefault(variant, Map.of()).getOrDefault(strategy, Map.of()).get(resource);
  }
}
