package org.twinsim.model.dose;

/**
 * The cumulative dose-volume histogram of one structure, from a fine differential histogram on
 * primitive arrays.
 *
 * <p>Conventions (ICRU Report 83, section 3.4): D_x is the minimum dose received by the hottest
 * x (percent or cc) of the structure's volume; V_d the volume receiving at least dose d. Within a
 * histogram bin, doses are taken as uniformly spread, so quantiles are exact to within one bin
 * width (the width is stated by {@link #binWidthGy()}). The mean, minimum and maximum are exact.
 */
public final class DoseVolumeHistogram {
  private final String structure;
  private final double binWidthGy;
  private final long[] counts;
  private final long voxels;
  private final double voxelVolumeCc;
  private final double meanGy;
  private final double minGy;
  private final double maxGy;

  DoseVolumeHistogram(String structure, double binWidthGy, long[] counts, long voxels, double voxelVolumeCc,
                      double meanGy, double minGy, double maxGy) {
    this.structure = structure;
    this.binWidthGy = binWidthGy;
    this.counts = counts;
    this.voxels = voxels;
    this.voxelVolumeCc = voxelVolumeCc;
    this.meanGy = meanGy;
    this.minGy = minGy;
    this.maxGy = maxGy;
  }

  /**
   * A DVH from a differential histogram computed elsewhere (e.g. on a GPU): {@code counts[k]} voxels
   * with dose in {@code [k w, (k+1) w)}, w = {@code binWidthGy}; mean, minimum and maximum exact.
   */
  public static DoseVolumeHistogram fromCounts(String structure, double binWidthGy, long[] counts, double voxelVolumeCc,
                                               double meanGy, double minGy, double maxGy) {
    long n = 0;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("negative histogram count for " + structure);
      }
      n += c;
    }
    if (n == 0) {
      throw new IllegalArgumentException("structure " + structure + " is empty: its DVH and dose metrics are undefined");
    }
    if (!(binWidthGy > 0) || (long) Math.floor(maxGy / binWidthGy) >= counts.length) {
      throw new IllegalArgumentException("histogram of " + structure + ": " + counts.length + " bins of " + binWidthGy
          + " Gy do not reach the maximum " + maxGy + " Gy");
    }
    return new DoseVolumeHistogram(structure, binWidthGy, counts.clone(), n, voxelVolumeCc, meanGy, minGy, maxGy);
  }

  /**
   * The DVH of the voxels where {@code mask} holds.
   *
   * @param binWidthGy histogram bin width, Gy (> 0)
   * @throws IllegalArgumentException if the mask is empty (a DVH of nothing is undefined)
   */
  public static DoseVolumeHistogram of(String structure, float[] doseGy, boolean[] mask, double voxelVolumeCc,
                                       double binWidthGy) {
    if (doseGy.length != mask.length) {
      throw new IllegalArgumentException("dose has " + doseGy.length + " voxels, mask of " + structure + " has " + mask.length);
    }
    if (!(binWidthGy > 0)) {
      throw new IllegalArgumentException("DVH bin width must be positive, got " + binWidthGy);
    }
    double max = 0;
    for (int i = 0; i < doseGy.length; i++) {
      if (mask[i] && doseGy[i] > max) {
        max = doseGy[i];
      }
    }
    int bins = (int) Math.min(Integer.MAX_VALUE - 8, (long) Math.floor(max / binWidthGy) + 2);
    long[] counts = new long[bins];
    long n = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < doseGy.length; i++) {
      if (mask[i]) {
        double d = Math.max(0, doseGy[i]);
        counts[(int) (d / binWidthGy)]++;
        sum += d;
        min = Math.min(min, d);
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("structure " + structure + " is empty on this grid: its DVH and dose metrics are undefined");
    }
    return new DoseVolumeHistogram(structure, binWidthGy, counts, n, voxelVolumeCc, sum / n, min, max);
  }

  public String structure() {
    return structure;
  }

  public double binWidthGy() {
    return binWidthGy;
  }

  public long voxelCount() {
    return voxels;
  }

  public double volumeCc() {
    return voxels * voxelVolumeCc;
  }

  public double meanGy() {
    return meanGy;
  }

  public double minGy() {
    return minGy;
  }

  /** The hottest voxel's dose, Gy. */
  public double maxGy() {
    return maxGy;
  }

  /** D_x: the dose received by at least {@code percent}% of the volume, Gy. */
  public double doseAtVolumePercent(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("volume percent must lie in [0, 100], got " + percent);
    }
    return doseAtVoxelCount(percent / 100.0 * voxels);
  }

  /** D_cc: the dose received by at least {@code cc} cm^3 of the structure (the whole structure if larger), Gy. */
  public double doseAtVolumeCc(double cc) {
    if (!(cc >= 0)) {
      throw new IllegalArgumentException("volume must be >= 0 cc, got " + cc);
    }
    return doseAtVoxelCount(Math.min(voxels, cc / voxelVolumeCc));
  }

  private double doseAtVoxelCount(double target) {
    if (target <= 0) {
      return maxGy;
    }
    if (target >= voxels) {
      return minGy;
    }
    long above = 0; // voxels in bins above k
    for (int k = counts.length - 1; k >= 0; k--) {
      long c = counts[k];
      if (above + c >= target && c > 0) {
        double hi = Math.min((k + 1) * binWidthGy, maxGy);
        double lo = Math.max(k * binWidthGy, minGy);
        double frac = (target - above) / c;
        return hi - frac * (hi - lo);
      }
      above += c;
    }
    return minGy;
  }

  /** V_d: percentage of the volume receiving at least {@code doseGy}. */
  public double volumePercentAtDose(double doseGy) {
    return 100.0 * voxelsAtDose(doseGy) / voxels;
  }

  /** V_d in cm^3. */
  public double volumeCcAtDose(double doseGy) {
    return voxelsAtDose(doseGy) * voxelVolumeCc;
  }

  private double voxelsAtDose(double d) {
    if (d <= minGy) {
      return voxels;
    }
    if (d > maxGy) {
      return 0;
    }
    int k = (int) (d / binWidthGy);
    double above = 0;
    for (int b = counts.length - 1; b > k; b--) {
      above += counts[b];
    }
    if (k >= counts.length) {
      return above;
    }
    double hi = Math.min((k + 1) * binWidthGy, maxGy);
    double lo = Math.max(k * binWidthGy, minGy);
    double frac = hi > lo ? (hi - d) / (hi - lo) : 1.0;
    return above + counts[k] * Math.min(1, Math.max(0, frac));
  }

  /** Cumulative volume (%) at the dose points {@code i * binWidthGy}, i = 0..bins (a new array). */
  public double[] cumulativePercent() {
    double[] c = new double[counts.length + 1];
    long above = 0;
    for (int k = counts.length - 1; k >= 0; k--) {
      above += counts[k];
      c[k] = 100.0 * above / voxels;
    }
    return c;
  }
}
