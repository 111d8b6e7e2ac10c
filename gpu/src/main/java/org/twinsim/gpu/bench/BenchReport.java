package org.twinsim.gpu.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal summary of a benchmark: times, bandwidth, fraction of peak, GPU/CPU speed-ups. */
public final class BenchReport {
  private BenchReport() {
  }

  /** Lines for the terminal. */
  public static List<String> lines(BenchHarness.Outcome o) {
    List<String> l = new ArrayList<>();
    l.add("machine: " + o.fingerprint().describe());
    if (o.device().present()) {
      double peak = o.device().peakBandwidthBytesPerS();
      l.add(Double.isNaN(peak) ? "GPU peak DRAM bandwidth: unknown (the driver reports no memory clock or bus width)"
          : String.format(Locale.ROOT, "GPU peak DRAM bandwidth: %.0f GB/s (2 x %d MHz x %d bit / 8)", peak / 1e9,
              o.device().memoryClockKHz() / 1000, o.device().busWidthBits()));
    }
    l.add(String.format(Locale.ROOT, "%-22s %-4s %-5s %11s %23s %23s %9s %7s", "kernel", "dev", "grid", "median ms",
        "IQR ms", "range ms", "GB/s", "% peak"));
    for (BenchResult r : o.results()) {
      TimingStats t = r.timing();
      double bw = r.bandwidthBytesPerS();
      double pf = r.peakFraction();
      l.add(String.format(Locale.ROOT, "%-22s %-4s %-5s %11.3f %11.3f-%-11.3f %11.3f-%-11.3f %9s %7s", r.kernel(),
          r.backend(), r.grid(), 1e3 * t.medianS(), 1e3 * t.p25S(), 1e3 * t.p75S(), 1e3 * t.minS(), 1e3 * t.maxS(),
          Double.isNaN(bw) ? "-" : String.format(Locale.ROOT, "%.1f", bw / 1e9),
          Double.isNaN(pf) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * pf)));
    }
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> gpu = new LinkedHashMap<>();
    for (BenchResult r : o.results()) {
      (r.backend().equals("cpu") ? cpu : gpu).put(r.kernel() + " " + r.grid(), r.timing().medianS());
    }
    List<String> speedups = new ArrayList<>();
    for (Map.Entry<String, Double> e : gpu.entrySet()) {
      Double c = cpu.get(e.getKey());
      if (c != null) {
        speedups.add(String.format(Locale.ROOT, "%s %.1fx", e.getKey(), c / e.getValue()));
      }
    }
    if (!speedups.isEmpty()) {
      l.add("speed-up GPU/CPU (median CPU time / median GPU time): " + String.join(", ", speedups));
    }
    for (String d : o.details()) {
      l.add(d);
    }
    for (String n : o.notes()) {
      l.add("note: " + n);
    }
    return l;
  }
}
