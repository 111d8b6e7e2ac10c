package org.twinsim.model.twin;

/**
 * Training data of one Gaussian process: n input points and their n observed outputs.
 *
 * @param x n points of equal dimension (defensively copied)
 * @param y n finite outputs (defensively copied)
 */
public record Dataset(double[][] x, double[] y) {
  public Dataset {
    if (x == null || y == null) {
      throw new IllegalArgumentException("dataset: x and y are required");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException("dataset: " + x.length + " input points but " + y.length
          + " outputs; expected one output per point");
    }
    double[][] xc = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new IllegalArgumentException("dataset: input point " + i + " is null");
      }
      xc[i] = x[i].clone();
      for (double v : xc[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("dataset: input point " + i + " has a non-finite coordinate " + v);
        }
      }
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("dataset: output " + i + " is not finite: " + y[i]);
      }
    }
    KernelSupport.dimension(xc);
    x = xc;
    y = y.clone();
  }

  /** Scalar inputs t_i (one-dimensional points). */
  public static Dataset of1d(double[] t, double[] y) {
    double[][] x = new double[t.length][];
    for (int i = 0; i < t.length; i++) {
      x[i] = new double[] {t[i]};
    }
    return new Dataset(x, y);
  }

  public int size() {
    return y.length;
  }

  @Override
  public double[][] x() {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  /** The stored inputs without copying; callers must not modify them. */
  double[][] xShared() {
    return x;
  }

  /** The stored outputs without copying; callers must not modify them. */
  double[] yShared() {
    return y;
  }
}
