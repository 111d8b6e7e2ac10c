package org.twinsim.model.registration;

import java.util.Arrays;
import java.util.Locale;

/**
 * A monotone piecewise-linear intensity mapping that makes one image's histogram match
 * another's, by matching quantiles (Nyul and Udupa 1999, Magn Reson Med 42:1072; the method of
 * ITK's HistogramMatchingImageFilter). Used to bring a CBCT's grey values (offset, gain, scatter)
 * onto the planning CT's HU scale before a mean-squares metric compares them.
 *
 * <p>Fitting: both sample sets are binned into {@value #BINS} bins between their own minimum and
 * maximum; quantiles are read from the cumulative histograms with linear interpolation inside a
 * bin. The match points are the quantiles {@code 0.005}, {@code j / (P + 1)} for
 * {@code j = 1..P} and {@code 0.995}. Source points that do not increase by more than 1e-3 over
 * their predecessor are dropped. Between match points the mapping is linear; beyond the end points
 * it continues with the slope of the end segment.
 *
 * <p>Noise widens a histogram: matching a noisy CBCT directly to a clean CT would squeeze
 * soft-tissue contrast. Callers should fit on noise-suppressed (equally smoothed) copies of both
 * images and apply the mapping to the raw image, as {@link DemonsRegistration} does.
 */
public final class HistogramMatching {
  /** Histogram bins used to locate quantiles. */
  public static final int BINS = 2048;
  private final double[] src;
  private final double[] ref;

  private HistogramMatching(double[] src, double[] ref) {
    this.src = src;
    this.ref = ref;
  }

  /** The identity mapping. */
  public static HistogramMatching identity() {
    return new HistogramMatching(new double[] {0, 1}, new double[] {0, 1});
  }

  /**
   * Fits the mapping from {@code source} values to {@code reference} values using the entries
   * where {@code use} is non-zero (both arrays indexed alike; neither modified).
   *
   * @param matchPoints number of interior quantiles P (>= 1)
   * @throws RegistrationException if fewer than 100 samples are usable or either sample is constant
   */
  public static HistogramMatching fit(float[] source, float[] reference, byte[] use, int matchPoints) {
    if (matchPoints < 1) {
      throw new IllegalArgumentException("histogram matching: matchPoints must be >= 1, got " + matchPoints);
    }
    double[] qs = new double[matchPoints + 2];
    qs[0] = 0.005;
    qs[matchPoints + 1] = 0.995;
    for (int j = 1; j <= matchPoints; j++) {
      qs[j] = (double) j / (matchPoints + 1);
    }
    double[] s = quantiles(source, use, qs, "CBCT (fixed) image");
    double[] r = quantiles(reference, use, qs, "planning CT (moving) image");
    double[] ks = new double[qs.length];
    double[] kr = new double[qs.length];
    int m = 0;
    for (int i = 0; i < qs.length; i++) {
      if (m == 0 || s[i] > ks[m - 1] + 1e-3) {
        ks[m] = s[i];
        kr[m] = Math.max(r[i], m == 0 ? r[i] : kr[m - 1]);
        m++;
      }
    }
    if (m < 2) {
      throw new RegistrationException("histogram matching: the fixed image has a single grey value over the overlap");
    }
    return new HistogramMatching(Arrays.copyOf(ks, m), Arrays.copyOf(kr, m));
  }

  private static double[] quantiles(float[] a, byte[] use, double[] qs, String what) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    long n = 0;
    for (int i = 0; i < a.length; i++) {
      if (use[i] != 0) {
        float v = a[i];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        n++;
      }
    }
    if (n < 100) {
      throw new RegistrationException("histogram matching: only " + n + " voxels of overlap, expected at least 100");
    }
    if (!(hi - lo > 1e-3f)) {
      throw new RegistrationException("histogram matching: the " + what + " is constant (" + lo + ") over the overlap");
    }
    long[] h = new long[BINS];
    double scale = BINS / ((double) hi - lo);
    for (int i = 0; i < a.length; i++) {
      if (use[i] != 0) {
        int b = (int) ((a[i] - lo) * scale);
        h[b >= BINS ? BINS - 1 : b]++;
      }
    }
    double[] out = new double[qs.length];
    double width = ((double) hi - lo) / BINS;
    for (int q = 0; q < qs.length; q++) {
      double target = qs[q] * n;
      long cum = 0;
      int b = 0;
      while (b < BINS - 1 && cum + h[b] < target) {
        cum += h[b];
        b++;
      }
      double frac = h[b] == 0 ? 0 : (target - cum) / h[b];
      out[q] = lo + (b + Math.max(0, Math.min(1, frac))) * width;
    }
    return out;
  }

  /** The mapped value of {@code v}. */
  public float map(float v) {
    int m = src.length;
    int s;
    if (v <= src[0]) {
      s = 0;
    } else if (v >= src[m - 1]) {
      s = m - 2;
    } else {
      s = Arrays.binarySearch(src, v);
      s = s >= 0 ? Math.min(s, m - 2) : -s - 2;
    }
    double slope = (ref[s + 1] - ref[s]) / (src[s + 1] - src[s]);
    return (float) (ref[s] + slope * (v - src[s]));
  }

  /** Maps every value of {@code data} in place (modified), parallel. */
  public void applyInPlace(float[] data) {
    java.util.stream.IntStream.range(0, (data.length + 65535) / 65536).parallel().forEach(c -> {
      int end = Math.min(data.length, (c + 1) * 65536);
      for (int i = c * 65536; i < end; i++) {
        data[i] = map(data[i]);
      }
    });
  }

  /** Source (fixed) grey values of the match points, ascending (a copy). */
  public double[] sourcePoints() {
    return src.clone();
  }

  /** Reference (moving) grey values of the match points (a copy). */
  public double[] referencePoints() {
    return ref.clone();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("HistogramMatching[");
    for (int i = 0; i < src.length; i++) {
      b.append(String.format(Locale.ROOT, "%s%.0f->%.0f", i == 0 ? "" : ", ", src[i], ref[i]));
    }
    return b.append(']').toString();
  }
}
