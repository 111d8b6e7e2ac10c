package org.twinsim.model.registration;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.twinsim.model.geometry.Grid3;

/**
 * A smooth, additive grey-value error of a CBCT (cupping and shading from scatter and beam
 * hardening; Siewerdsen and Jaffray 2001, Med Phys 28:220), estimated against the rigidly
 * registered planning CT and removed, after Marchant et al. 2008 (Phys Med Biol 53:5719): the
 * difference CBCT - CT over soft tissue varies slowly across the field of view, while the anatomy
 * that changed since planning occupies a minority of the voxels. Without it a demons force, which
 * compares grey values voxel by voxel, explains a 40 HU cupping by moving tissue whose contrast is
 * 10-20 HU (urine against bowel).
 *
 * <p>Model: {@code CBCT(p) = CT(T(p)) + b(p)} over soft tissue, b a polynomial of total degree
 * {@value #DEGREE} in the coordinates normalised to [-1, 1] over the region (10 terms; a radial
 * cupping {@code c (x^2 + y^2)} is one exactly). Fit: least squares over the voxels where both
 * images lie in [{@value #SOFT_TISSUE_MIN_HU}, {@value #SOFT_TISSUE_MAX_HU}] HU (gas, fat-poor
 * bone and the fill are out), iteratively reweighted with Tukey's biweight (c = 4.685 x the
 * residuals' median absolute deviation / 0.6745; Holland and Welsch 1977, Commun Stat A6:813), so
 * that regions of changed anatomy (a bladder that filled, gas that moved) weigh little.
 */
public final class ShadingCorrection {
  /** Total degree of the polynomial. */
  public static final int DEGREE = 2;
  /** Lower end of the soft-tissue range used for the fit, HU (both images). */
  public static final double SOFT_TISSUE_MIN_HU = -200;
  /** Upper end of the soft-tissue range used for the fit, HU (both images). */
  public static final double SOFT_TISSUE_MAX_HU = 200;
  /** Reweighting passes after the first least-squares fit. */
  static final int ROBUST_PASSES = 4;
  /** Tukey's biweight tuning constant (95% efficiency at the normal). */
  static final double TUKEY_C = 4.685;
  private static final int TERMS = 10;

  private final double[] coefficients;
  private final double[] centre;
  private final double[] halfExtent;
  private final int samples;

  private ShadingCorrection(double[] coefficients, double[] centre, double[] halfExtent, int samples) {
    this.coefficients = coefficients;
    this.centre = centre;
    this.halfExtent = halfExtent;
    this.samples = samples;
  }

  /** No correction. */
  public static ShadingCorrection none() {
    return new ShadingCorrection(new double[TERMS], new double[3], new double[] {1, 1, 1}, 0);
  }

  /**
   * Fits the shading of {@code fixed} against {@code reference} (both on {@code g}, indexed alike;
   * neither modified), using entries where {@code use} is non-zero and both lie in the soft-tissue
   * range. Returns {@link #none()} if fewer than 1000 such voxels exist (too little tissue to tell
   * shading from anatomy).
   */
  public static ShadingCorrection fit(float[] fixed, float[] reference, byte[] use, Grid3 g) {
    double[] centre = {0.5 * (g.x(0) + g.x(g.nx() - 1)), 0.5 * (g.y(0) + g.y(g.ny() - 1)),
        0.5 * (g.z(0) + g.z(g.nz() - 1))};
    double[] half = {Math.max(1e-6, 0.5 * (g.x(g.nx() - 1) - g.x(0)) + 0.5 * g.spacingXMm()),
        Math.max(1e-6, 0.5 * (g.y(g.ny() - 1) - g.y(0)) + 0.5 * g.spacingYMm()),
        Math.max(1e-6, 0.5 * (g.z(g.nz() - 1) - g.z(0)) + 0.5 * g.spacingZMm())};
    int n = g.size();
    int[] idx = new int[n];
    int m = 0;
    for (int v = 0; v < n; v++) {
      if (use[v] != 0) {
        float f = fixed[v];
        float r = reference[v];
        if (f >= SOFT_TISSUE_MIN_HU && f <= SOFT_TISSUE_MAX_HU && r >= SOFT_TISSUE_MIN_HU && r <= SOFT_TISSUE_MAX_HU) {
          idx[m++] = v;
        }
      }
    }
    if (m < 1000) {
      return none();
    }
    final int count = m;
    final int[] sel = Arrays.copyOf(idx, m);
    final double[] d = new double[m];
    final float[][] basis = new float[TERMS][m];
    ShadingCorrection shape = new ShadingCorrection(new double[TERMS], centre, half, m);
    double[] t = new double[TERMS];
    for (int s = 0; s < m; s++) {
      int v = sel[s];
      d[s] = fixed[v] - reference[v];
      int i = v % g.nx();
      int j = (v / g.nx()) % g.ny();
      int k = v / (g.nx() * g.ny());
      shape.terms(g.x(i), g.y(j), g.z(k), t);
      for (int q = 0; q < TERMS; q++) {
        basis[q][s] = (float) t[q];
      }
    }
    double[] w = new double[m];
    Arrays.fill(w, 1);
    double[] c = new double[TERMS];
    double[] res = new double[m];
    for (int pass = 0; pass <= ROBUST_PASSES; pass++) {
      double[] c0 = solve(basis, d, w, count);
      if (c0 == null) {
        return none();
      }
      c = c0;
      for (int s = 0; s < m; s++) {
        double b = 0;
        for (int q = 0; q < TERMS; q++) {
          b += c[q] * basis[q][s];
        }
        res[s] = d[s] - b;
      }
      if (pass == ROBUST_PASSES) {
        break;
      }
      double[] abs = new double[m];
      for (int s = 0; s < m; s++) {
        abs[s] = Math.abs(res[s]);
      }
      double mad = median(abs) / 0.6745;
      if (!(mad > 1e-6)) {
        break;
      }
      double cut = TUKEY_C * mad;
      for (int s = 0; s < m; s++) {
        double u = res[s] / cut;
        w[s] = Math.abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0;
      }
    }
    return new ShadingCorrection(c, centre, half, m);
  }

  /** Weighted least squares of the basis onto d; null if singular. */
  private static double[] solve(float[][] basis, double[] d, double[] w, int m) {
    double[] a = new double[TERMS * TERMS];
    double[] rhs = new double[TERMS];
    for (int q = 0; q < TERMS; q++) {
      float[] bq = basis[q];
      for (int r = 0; r <= q; r++) {
        float[] br = basis[r];
        double s = 0;
        for (int t = 0; t < m; t++) {
          s += w[t] * bq[t] * br[t];
        }
        a[q * TERMS + r] = s;
        a[r * TERMS + q] = s;
      }
      double s = 0;
      for (int t = 0; t < m; t++) {
        s += w[t] * bq[t] * d[t];
      }
      rhs[q] = s;
    }
    RealMatrix am = MatrixUtils.createRealMatrix(TERMS, TERMS);
    for (int q = 0; q < TERMS; q++) {
      for (int r = 0; r < TERMS; r++) {
        am.setEntry(q, r, a[q * TERMS + r]);
      }
    }
    try {
      return new CholeskyDecomposition(am, 1e-12, 1e-12).getSolver().solve(MatrixUtils.createRealVector(rhs)).toArray();
    } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
      return null;
    }
  }

  private static double median(double[] a) {
    double[] b = a.clone();
    Arrays.sort(b);
    int n = b.length;
    return n % 2 == 1 ? b[n / 2] : 0.5 * (b[n / 2 - 1] + b[n / 2]);
  }

  /** The polynomial's terms at a point (mm), written into {@code out} (length 10; modified). */
  private void terms(double xMm, double yMm, double zMm, double[] out) {
    double x = (xMm - centre[0]) / halfExtent[0];
    double y = (yMm - centre[1]) / halfExtent[1];
    double z = (zMm - centre[2]) / halfExtent[2];
    out[0] = 1;
    out[1] = x;
    out[2] = y;
    out[3] = z;
    out[4] = x * x;
    out[5] = y * y;
    out[6] = z * z;
    out[7] = x * y;
    out[8] = x * z;
    out[9] = y * z;
  }

  /** The estimated shading at a point, HU. */
  public double shadingHu(double xMm, double yMm, double zMm) {
    double[] t = new double[TERMS];
    terms(xMm, yMm, zMm, t);
    double b = 0;
    for (int q = 0; q < TERMS; q++) {
      b += coefficients[q] * t[q];
    }
    return b;
  }

  /** Subtracts the shading from every voxel of {@code data} (on {@code g}; modified), parallel over slices. */
  public void applyInPlace(float[] data, Grid3 g) {
    if (samples == 0) {
      return;
    }
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double[] t = new double[TERMS];
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          terms(g.x(i), y, z, t);
          double b = 0;
          for (int q = 0; q < TERMS; q++) {
            b += coefficients[q] * t[q];
          }
          data[row + i] -= (float) b;
        }
      }
    });
  }

  /** Soft-tissue voxels the fit used (0 for {@link #none()}). */
  public int samples() {
    return samples;
  }

  @Override
  public String toString() {
    return samples == 0 ? "ShadingCorrection[none]" : String.format(Locale.ROOT,
        "ShadingCorrection[%d voxels, constant %.1f HU, x2 %.1f, y2 %.1f, z2 %.1f HU]", samples, coefficients[0],
        coefficients[4], coefficients[5], coefficients[6]);
  }
}
