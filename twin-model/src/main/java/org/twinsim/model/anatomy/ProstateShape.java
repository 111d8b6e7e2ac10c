package org.twinsim.model.anatomy;

/**
 * The prostate as a smooth implicit shape: an ellipsoid whose lateral and antero-posterior
 * semi-axes taper from the base (wide) to the apex (narrow) and whose posterior half is flattened
 * where the rectum lies against it. The urethra is a tube of constant radius along a gently bowed
 * line in the mid-sagittal plane, anterior at the base and near the centre at the apex.
 */
final class ProstateShape {
  final double cx;
  final double cy;
  final double cz;
  final double a;
  final double b;
  final double c;
  final double taper;
  final double flat;
  final double urethraRadiusMm;
  final Box box;

  /**
   * @param a lateral semi-axis at mid-gland, mm
   * @param b anterior semi-axis at mid-gland, mm (posterior: {@code b (1 - flat)})
   * @param c superior-inferior semi-axis, mm
   * @param taper relative widening towards the base (and narrowing towards the apex)
   * @param flat relative flattening of the posterior half
   */
  ProstateShape(double cx, double cy, double cz, double a, double b, double c, double taper, double flat,
                double urethraRadiusMm) {
    this.cx = cx;
    this.cy = cy;
    this.cz = cz;
    this.a = a;
    this.b = b;
    this.c = c;
    this.taper = taper;
    this.flat = flat;
    this.urethraRadiusMm = urethraRadiusMm;
    double g = 1 + taper;
    box = new Box(cx - a * g, cy - b * g, cz - c, cx + a * g, cy + b * g, cz + c);
  }

  ProstateShape scaled(double s) {
    return new ProstateShape(cx, cy, cz, a * s, b * s, c * s, taper, flat, urethraRadiusMm);
  }

  ProstateShape moved(double dx, double dy, double dz) {
    return new ProstateShape(cx + dx, cy + dy, cz + dz, a, b, c, taper, flat, urethraRadiusMm);
  }

  /** Signed first-order distance, mm (negative inside). */
  double distance(double x, double y, double z) {
    double lx = x - cx;
    double ly = y - cy;
    double lz = z - cz;
    double zeta = Smooth.clamp(lz / c, -1, 1);
    double g = 1 + taper * zeta;
    double aa = a * g;
    double bb = b * g * (ly > 0 ? 1 - flat : 1);
    double u = lx / aa;
    double v = ly / bb;
    double w = lz / c;
    double rho = Math.sqrt(u * u + v * v + w * w);
    double gu = u / aa;
    double gv = v / bb;
    double gw = w / c;
    double gr = Math.sqrt(gu * gu + gv * gv + gw * gw);
    if (gr < 1e-12) {
      return -Math.min(aa, Math.min(bb, c));
    }
    return (rho - 1) * rho / gr;
  }

  boolean inside(double x, double y, double z) {
    return box.contains(x, y, z) && distance(x, y, z) <= 0;
  }

  /** y of the urethra's centre line at height z (patient coordinates). */
  double urethraY(double z) {
    double zeta = (z - cz) / c;
    return cy + b * (-0.30 + 0.125 * (1 - zeta) - 0.08 * (1 - zeta * zeta));
  }

  /** Distance to the urethra tube (not clipped to the prostate), mm. */
  double urethraDistance(double x, double y, double z) {
    double dx = x - cx;
    double dy = y - urethraY(z);
    return Math.sqrt(dx * dx + dy * dy) - urethraRadiusMm;
  }
}
