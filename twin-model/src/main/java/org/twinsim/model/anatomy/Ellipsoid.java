package org.twinsim.model.anatomy;

/**
 * An oriented ellipsoid as an implicit shape. {@link #distance} is the first-order signed distance
 * {@code (rho - 1) / |grad rho|} with {@code rho} the normalised ellipsoidal radius: exact for a
 * sphere, accurate near the surface of any ellipsoid, negative inside.
 */
final class Ellipsoid {
  final double cx;
  final double cy;
  final double cz;
  final double a;
  final double b;
  final double c;
  // rows: the local axes in patient coordinates (local = R (p - centre))
  private final double r00;
  private final double r01;
  private final double r02;
  private final double r10;
  private final double r11;
  private final double r12;
  private final double r20;
  private final double r21;
  private final double r22;
  final Box box;

  /** Axis-aligned ellipsoid. */
  Ellipsoid(double cx, double cy, double cz, double a, double b, double c) {
    this(cx, cy, cz, a, b, c, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
  }

  /**
   * Ellipsoid whose local axes are the rows of {@code rot} (row-major 3x3, orthonormal):
   * semi-axis {@code a} along row 0, {@code b} along row 1, {@code c} along row 2.
   */
  Ellipsoid(double cx, double cy, double cz, double a, double b, double c, double[] rot) {
    if (!(a > 0 && b > 0 && c > 0)) {
      throw new IllegalArgumentException("ellipsoid semi-axes must be positive: " + a + ", " + b + ", " + c);
    }
    this.cx = cx;
    this.cy = cy;
    this.cz = cz;
    this.a = a;
    this.b = b;
    this.c = c;
    r00 = rot[0];
    r01 = rot[1];
    r02 = rot[2];
    r10 = rot[3];
    r11 = rot[4];
    r12 = rot[5];
    r20 = rot[6];
    r21 = rot[7];
    r22 = rot[8];
    // half extents of the bounding box: sqrt(sum_k (R_kx * semi_k)^2)
    double hx = Math.sqrt(sq(r00 * a) + sq(r10 * b) + sq(r20 * c));
    double hy = Math.sqrt(sq(r01 * a) + sq(r11 * b) + sq(r21 * c));
    double hz = Math.sqrt(sq(r02 * a) + sq(r12 * b) + sq(r22 * c));
    box = new Box(cx - hx, cy - hy, cz - hz, cx + hx, cy + hy, cz + hz);
  }

  /** Rotation whose rows are the local axes, local z axis along {@code (dx,dy,dz)}, local x in the x-z... any orthonormal completion. */
  static double[] frameAlong(double dx, double dy, double dz) {
    double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
    double zx = dx / n;
    double zy = dy / n;
    double zz = dz / n;
    // pick a helper axis not parallel to z
    double hx = Math.abs(zx) < 0.9 ? 1 : 0;
    double hy = Math.abs(zx) < 0.9 ? 0 : 1;
    double hz = 0;
    // x = normalize(h - (h.z) z)
    double dot = hx * zx + hy * zy + hz * zz;
    double xx = hx - dot * zx;
    double xy = hy - dot * zy;
    double xz = hz - dot * zz;
    double xn = Math.sqrt(xx * xx + xy * xy + xz * xz);
    xx /= xn;
    xy /= xn;
    xz /= xn;
    // y = z cross x
    double yx = zy * xz - zz * xy;
    double yy = zz * xx - zx * xz;
    double yz = zx * xy - zy * xx;
    return new double[] {xx, xy, xz, yx, yy, yz, zx, zy, zz};
  }

  /** Rotation about the patient x axis by {@code deg} (local axes = rows). */
  static double[] aboutX(double deg) {
    double t = Math.toRadians(deg);
    double co = Math.cos(t);
    double si = Math.sin(t);
    return new double[] {1, 0, 0, 0, co, si, 0, -si, co};
  }

  /** Rotation about the patient y axis by {@code deg}. */
  static double[] aboutY(double deg) {
    double t = Math.toRadians(deg);
    double co = Math.cos(t);
    double si = Math.sin(t);
    return new double[] {co, 0, -si, 0, 1, 0, si, 0, co};
  }

  /** Normalised ellipsoidal radius: 1 on the surface. */
  double rho(double x, double y, double z) {
    double dx = x - cx;
    double dy = y - cy;
    double dz = z - cz;
    double u = (r00 * dx + r01 * dy + r02 * dz) / a;
    double v = (r10 * dx + r11 * dy + r12 * dz) / b;
    double w = (r20 * dx + r21 * dy + r22 * dz) / c;
    return Math.sqrt(u * u + v * v + w * w);
  }

  /** Signed first-order distance to the surface, mm (negative inside). */
  double distance(double x, double y, double z) {
    double dx = x - cx;
    double dy = y - cy;
    double dz = z - cz;
    double u = (r00 * dx + r01 * dy + r02 * dz) / a;
    double v = (r10 * dx + r11 * dy + r12 * dz) / b;
    double w = (r20 * dx + r21 * dy + r22 * dz) / c;
    double rho = Math.sqrt(u * u + v * v + w * w);
    double gu = u / a;
    double gv = v / b;
    double gw = w / c;
    double g = Math.sqrt(gu * gu + gv * gv + gw * gw);
    if (g < 1e-12) {
      return -Math.min(a, Math.min(b, c));
    }
    return (rho - 1) * rho / g;
  }

  boolean inside(double x, double y, double z) {
    return box.contains(x, y, z) && rho(x, y, z) <= 1;
  }

  /** Volume, mm^3. */
  double volumeMm3() {
    return 4.0 / 3.0 * Math.PI * a * b * c;
  }

  private static double sq(double v) {
    return v * v;
  }
}
