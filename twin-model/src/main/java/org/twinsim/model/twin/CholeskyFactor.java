package org.twinsim.model.twin;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * Lower Cholesky factor L of a covariance matrix (K = L L^T), as a flat row-major n x n array, with
 * the jitter policy of {@link GpParameters} and the triangular solves of GPML Algorithm 2.1.
 */
final class CholeskyFactor {
  /** Pivots below this fraction of the largest diagonal element count as not positive. */
  private static final double RELATIVE_PIVOT = 1e-14;
  final int n;
  final double[] l;
  final double jitter;

  private CholeskyFactor(int n, double[] l, double jitter) {
    this.n = n;
    this.l = l;
    this.jitter = jitter;
  }

  /**
   * Factor K + alpha I, adding jitter (relative to the mean diagonal, x10 per try) while it fails.
   *
   * @param k n*n covariance, row-major; not modified
   * @param what description of the kernel for the error message
   * @throws IllConditionedCovarianceException if even the largest jitter does not help
   */
  static CholeskyFactor of(double[] k, int n, GpParameters p, String what) {
    if (n == 0) {
      return new CholeskyFactor(0, new double[0], 0);
    }
    double meanDiag = 0;
    double maxDiag = 0;
    for (int i = 0; i < n; i++) {
      double d = k[i * n + i];
      if (!Double.isFinite(d)) {
        throw new IllConditionedCovarianceException("covariance of " + what + " has a non-finite diagonal element "
            + d + " at " + i);
      }
      meanDiag += d / n;
      maxDiag = Math.max(maxDiag, d);
    }
    double jitter = 0;
    double relative = p.initialJitter();
    while (true) {
      double[] l = tryFactor(k, n, p.alpha() + jitter, maxDiag);
      if (l != null) {
        return new CholeskyFactor(n, l, jitter);
      }
      if (relative > p.maxJitter() || !(meanDiag > 0)) {
        throw new IllConditionedCovarianceException(String.format(java.util.Locale.ROOT,
            "covariance matrix of %d points (kernel %s, mean diagonal %.3g) is not positive definite even"
                + " with jitter %.3g (%.1g of the mean diagonal) added to alpha %.3g; expected distinct inputs,"
                + " a white-noise term, or length scales comparable to the data's span",
            n, what, meanDiag, jitter, jitter / meanDiag, p.alpha()));
      }
      jitter = relative * meanDiag;
      relative *= 10;
    }
  }

  private static double[] tryFactor(double[] k, int n, double addDiag, double maxDiag) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(k, i * n, a[i], 0, n);
      a[i][i] += addDiag;
    }
    try {
      CholeskyDecomposition c = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12,
          RELATIVE_PIVOT * (maxDiag + addDiag));
      double[][] ld = c.getL().getData();
      double[] l = new double[n * n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(ld[i], 0, l, i * n, i + 1);
      }
      return l;
    } catch (NonPositiveDefiniteMatrixException e) {
      return null;
    }
  }

  /** Solves L z = b (forward substitution). Not modified: b. Overwritten: out (may be b). */
  void solveLower(double[] b, double[] out) {
    for (int i = 0; i < n; i++) {
      double s = b[i];
      int row = i * n;
      for (int j = 0; j < i; j++) {
        s -= l[row + j] * out[j];
      }
      out[i] = s / l[row + i];
    }
  }

  /** Solves L^T x = z (back substitution). Not modified: z. Overwritten: out (may be z). */
  void solveUpper(double[] z, double[] out) {
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int j = i + 1; j < n; j++) {
        s -= l[j * n + i] * out[j];
      }
      out[i] = s / l[i * n + i];
    }
  }

  /** Solves (L L^T) x = b. Overwritten: out (may be b). */
  void solve(double[] b, double[] out) {
    solveLower(b, out);
    solveUpper(out, out);
  }

  /** log det(L L^T) = 2 sum log L_ii. */
  double logDeterminant() {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(l[i * n + i]);
    }
    return 2 * s;
  }

  /** (L L^T)^-1 into out (n*n, row-major, overwritten), via L^-1. */
  void inverse(double[] out) {
    // W = L^-1, lower triangular, column by column
    double[] w = new double[n * n];
    for (int c = 0; c < n; c++) {
      w[c * n + c] = 1.0 / l[c * n + c];
      for (int i = c + 1; i < n; i++) {
        double s = 0;
        int row = i * n;
        for (int j = c; j < i; j++) {
          s -= l[row + j] * w[j * n + c];
        }
        w[row + c] = s / l[row + i];
      }
    }
    // K^-1 = W^T W: (i, j) = sum_{k >= max(i, j)} W_ki W_kj
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int r = i; r < n; r++) {
          s += w[r * n + i] * w[r * n + j];
        }
        out[i * n + j] = s;
        out[j * n + i] = s;
      }
    }
  }
}
