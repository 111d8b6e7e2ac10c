package org.twinsim.model.twin;

import java.util.Locale;
import org.twinsim.model.param.InvalidParameterException;

/** Shared checks and helpers of the kernels: log-space conversion, bounds, input dimensions. */
final class KernelSupport {
  /** Default bounds of a hyperparameter in natural units, as scikit-learn's (1e-5, 1e5). */
  static final double DEFAULT_LOWER = 1e-5;
  static final double DEFAULT_UPPER = 1e5;

  private KernelSupport() {
  }

  /** log(value) after checking that value is positive and within [lower, upper]. */
  static double logOf(String field, double value, double lower, double upper) {
    InvalidParameterException.positive(field, value);
    InvalidParameterException.positive(field + "Lower", lower);
    InvalidParameterException.positive(field + "Upper", upper);
    if (!(lower <= upper)) {
      throw new InvalidParameterException(field + "Lower",
          "expected lower bound <= upper bound " + upper + ", got " + lower);
    }
    if (value < lower || value > upper) {
      throw new InvalidParameterException(field,
          "expected a value within its bounds [" + lower + ", " + upper + "], got " + value);
    }
    return Math.log(value);
  }

  static void checkTheta(double[] theta, int expected, String kernel) {
    if (theta == null || theta.length != expected) {
      throw new IllegalArgumentException(kernel + ": expected " + expected + " log hyperparameters, got "
          + (theta == null ? "null" : theta.length));
    }
    for (int i = 0; i < theta.length; i++) {
      if (!Double.isFinite(theta[i])) {
        throw new IllegalArgumentException(kernel + ": log hyperparameter " + i + " must be finite, got "
            + theta[i]);
      }
    }
  }

  /** The common dimension of a's and b's points, or an exception naming the mismatch. */
  static int dimension(double[][] a, double[][] b) {
    int d = dimension(a);
    if (b != a && b.length > 0) {
      int db = dimension(b);
      if (a.length > 0 && db != d) {
        throw new IllegalArgumentException("input points of dimension " + d + " and " + db + " mixed");
      }
      d = a.length > 0 ? d : db;
    }
    return d;
  }

  static int dimension(double[][] x) {
    if (x.length == 0) {
      return 0;
    }
    int d = x[0].length;
    for (int i = 1; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("input point " + i + " has dimension " + x[i].length
            + ", expected " + d + " like point 0");
      }
    }
    return d;
  }

  static void checkLength(double[] out, int n, String what) {
    if (out.length < n) {
      throw new IllegalArgumentException(what + ": output array of length " + out.length + ", expected >= " + n);
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
