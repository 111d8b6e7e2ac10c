package org.twinsim.reports.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.reports.stats.Describe;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/**
 * Percentile bands of cumulative DVHs: each curve (one per replication, patient and fraction) is
 * interpolated linearly onto a common dose grid, and at each dose the median and the 5th and 95th
 * percentiles of the volumes are taken (Hyndman-Fan definition 7). Rows come from the proposed
 * {@code dvh} table ({@link org.twinsim.reports.table.TwinsimTables#DVH}).
 */
public final class DvhBands {
  /** Dose steps per band (the grid has two more points: the ends). */
  public static final int GRID = 200;
  public static final double LOWER = 0.05;
  public static final double UPPER = 0.95;

  /**
   * The band of one strategy for one structure.
   *
   * @param strategy strategy
   * @param curves number of DVH curves summarised
   * @param dosePct dose grid, % of prescription
   * @param median median volume, %
   * @param lower 5th percentile of the volume, %
   * @param upper 95th percentile of the volume, %
   */
  public record Band(String strategy, int curves, double[] dosePct, double[] median, double[] lower, double[] upper) {
  }

  private DvhBands() {
  }

  /**
   * Bands per structure and strategy, over the curves selected by {@code courseCurves}: fraction 0
   * (DVH of the dose accumulated over the course) if true, fractions 1, 2, ... if false.
   * Structure and strategy order: first appearance.
   */
  public static Map<String, List<Band>> of(Table dvh, boolean courseCurves) {
    // structure -> strategy -> curve key -> points
    Map<String, Map<String, Map<String, List<double[]>>>> curves = new LinkedHashMap<>();
    for (Row r : dvh.rows()) {
      int f = r.getInt("fraction");
      if ((f == 0) != courseCurves) {
        continue;
      }
      double d = r.getDouble("dose_pct");
      double v = r.getDouble("volume_pct");
      if (!Double.isFinite(d) || !Double.isFinite(v)) {
        continue;
      }
      String key = r.get("replication") + "/" + r.get("patient_id") + "/" + f;
      curves.computeIfAbsent(r.getString("structure"), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.getString("strategy"), k -> new LinkedHashMap<>())
          .computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {d, v});
    }
    Map<String, List<Band>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Map<String, List<double[]>>>> s : curves.entrySet()) {
      double maxDose = 0;
      for (Map<String, List<double[]>> byCurve : s.getValue().values()) {
        for (List<double[]> pts : byCurve.values()) {
          for (double[] p : pts) {
            maxDose = Math.max(maxDose, p[0]);
          }
        }
      }
      double[] grid = grid(maxDose);
      List<Band> bands = new ArrayList<>();
      for (Map.Entry<String, Map<String, List<double[]>>> st : s.getValue().entrySet()) {
        List<double[]> interpolated = new ArrayList<>();
        for (List<double[]> pts : st.getValue().values()) {
          interpolated.add(interpolate(pts, grid));
        }
        int n = interpolated.size();
        double[] med = new double[grid.length];
        double[] lo = new double[grid.length];
        double[] hi = new double[grid.length];
        double[] col = new double[n];
        for (int i = 0; i < grid.length; i++) {
          for (int c = 0; c < n; c++) {
            col[c] = interpolated.get(c)[i];
          }
          med[i] = Describe.quantile(col, 0.5);
          lo[i] = Describe.quantile(col, LOWER);
          hi[i] = Describe.quantile(col, UPPER);
        }
        bands.add(new Band(st.getKey(), n, grid, med, lo, hi));
      }
      out.put(s.getKey(), bands);
    }
    return out;
  }

  /**
   * The dose grid: both ends and the midpoints of {@link #GRID} equal steps between them. (Not
   * equally spaced at the ends on purpose: XChart puts the ticks of an axis whose values are all
   * equally spaced at data values, e.g. 9.1, 18.2, ...; with this grid it chooses round ticks.)
   */
  static double[] grid(double maxDose) {
    double[] g = new double[GRID + 2];
    double h = maxDose / GRID;
    for (int i = 0; i < GRID; i++) {
      g[i + 1] = (i + 0.5) * h;
    }
    g[GRID + 1] = maxDose;
    return g;
  }

  /** Linear interpolation of one curve's (dose, volume) points onto the grid; flat beyond its ends. */
  static double[] interpolate(List<double[]> pts, double[] grid) {
    double[][] p = pts.toArray(new double[0][]);
    Arrays.sort(p, (a, b) -> Double.compare(a[0], b[0]));
    double[] out = new double[grid.length];
    int j = 0;
    for (int i = 0; i < grid.length; i++) {
      double g = grid[i];
      if (g <= p[0][0]) {
        out[i] = p[0][1];
        continue;
      }
      if (g >= p[p.length - 1][0]) {
        out[i] = p[p.length - 1][1];
        continue;
      }
      while (j + 1 < p.length && p[j + 1][0] < g) {
        j++;
      }
      double[] a = p[j];
      double[] b = p[j + 1];
      double t = b[0] > a[0] ? (g - a[0]) / (b[0] - a[0]) : 0;
      out[i] = a[1] + t * (b[1] - a[1]);
    }
    return out;
  }
}
