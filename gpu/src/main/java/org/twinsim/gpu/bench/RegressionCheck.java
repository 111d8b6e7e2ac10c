package org.twinsim.gpu.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a benchmark's medians with a baseline run's, kernel by kernel (matched on kernel,
 * backend and grid): a kernel regressed when its median grew by more than the threshold.
 */
public final class RegressionCheck {
  /** Default threshold, percent. */
  public static final double DEFAULT_THRESHOLD_PCT = 10.0;

  private RegressionCheck() {
  }

  /**
   * One timed kernel of a run, as the comparison needs it.
   *
   * @param kernel kernel name
   * @param backend cpu or gpu
   * @param grid 2mm or 4mm
   * @param medianS median time, s
   * @param cpuModel CPU of the run
   * @param gpuName GPU of the run ("" without)
   */
  public record Entry(String kernel, String backend, String grid, double medianS, String cpuModel, String gpuName) {
    public String key() {
      return kernel + "/" + backend + "/" + grid;
    }

    /** The entry of a result of this run. */
    public static Entry of(BenchResult r, HardwareFingerprint f) {
      return new Entry(r.kernel(), r.backend(), r.grid(), r.timing().medianS(), f.cpuModel(), f.gpuName());
    }
  }

  /**
   * One kernel in both runs.
   *
   * @param key kernel/backend/grid
   * @param baselineMedianS median of the baseline, s
   * @param currentMedianS median now, s
   */
  public record Comparison(String key, double baselineMedianS, double currentMedianS) {
    /** Change of the median, percent (positive: slower). */
    public double changePct() {
      return 100.0 * (currentMedianS / baselineMedianS - 1.0);
    }
  }

  /**
   * The outcome.
   *
   * @param thresholdPct the threshold used, percent
   * @param compared every kernel in both runs
   * @param regressions those slower by more than the threshold
   * @param onlyInBaseline kernels the baseline has and this run lacks
   * @param onlyInCurrent kernels new in this run
   * @param warnings hardware differences between the runs
   */
  public record Report(double thresholdPct, List<Comparison> compared, List<Comparison> regressions,
                       List<String> onlyInBaseline, List<String> onlyInCurrent, List<String> warnings) {
    public boolean regressed() {
      return !regressions.isEmpty();
    }

    /** Lines for the terminal. */
    public List<String> lines() {
      List<String> l = new ArrayList<>();
      l.add(String.format(Locale.ROOT, "baseline comparison (threshold +%.1f%% on the median):", thresholdPct));
      for (String w : warnings) {
        l.add("  warning: " + w);
      }
      for (Comparison c : compared) {
        boolean bad = regressions.contains(c);
        l.add(String.format(Locale.ROOT, "  %-30s %10.3f ms -> %10.3f ms  %+7.1f%%%s", c.key(), 1e3 * c.baselineMedianS(),
            1e3 * c.currentMedianS(), c.changePct(), bad ? "  REGRESSION" : ""));
      }
      for (String k : onlyInBaseline) {
        l.add("  " + k + ": in the baseline, not in this run");
      }
      for (String k : onlyInCurrent) {
        l.add("  " + k + ": new (not in the baseline)");
      }
      l.add(regressions.isEmpty() ? "  no kernel regressed"
          : "  REGRESSED: " + String.join(", ", regressions.stream().map(Comparison::key).toList()));
      return l;
    }
  }

  /** Compares {@code current} with {@code baseline}; thresholdPct must be > 0. */
  public static Report compare(List<Entry> current, List<Entry> baseline, double thresholdPct) {
    if (!(thresholdPct > 0) || Double.isInfinite(thresholdPct)) {
      throw new IllegalArgumentException("threshold: expected a positive percentage, got " + thresholdPct);
    }
    Map<String, Entry> base = new LinkedHashMap<>();
    for (Entry e : baseline) {
      base.put(e.key(), e);
    }
    Map<String, Entry> now = new LinkedHashMap<>();
    for (Entry e : current) {
      now.put(e.key(), e);
    }
    List<Comparison> compared = new ArrayList<>();
    List<Comparison> regressions = new ArrayList<>();
    List<String> onlyNow = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Entry e : now.values()) {
      Entry b = base.get(e.key());
      if (b == null) {
        onlyNow.add(e.key());
        continue;
      }
      Comparison c = new Comparison(e.key(), b.medianS(), e.medianS());
      compared.add(c);
      if (c.changePct() > thresholdPct) {
        regressions.add(c);
      }
      String w = null;
      if (!e.cpuModel().equals(b.cpuModel()) && e.backend().equals("cpu")) {
        w = "CPU differs from the baseline's (" + b.cpuModel() + " then, " + e.cpuModel() + " now)";
      } else if (!e.gpuName().equals(b.gpuName()) && e.backend().equals("gpu")) {
        w = "GPU differs from the baseline's (" + b.gpuName() + " then, " + e.gpuName() + " now)";
      }
      if (w != null && !warnings.contains(w)) {
        warnings.add(w);
      }
    }
    List<String> onlyBase = new ArrayList<>();
    for (String k : base.keySet()) {
      if (!now.containsKey(k)) {
        onlyBase.add(k);
      }
    }
    return new Report(thresholdPct, compared, regressions, onlyBase, onlyNow, warnings);
  }
}
