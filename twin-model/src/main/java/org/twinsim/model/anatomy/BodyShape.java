package org.twinsim.model.anatomy;

/**
 * The outer body contour of a supine pelvis: in every axial plane a super-ellipse (exponent 2
 * anteriorly, flatter posteriorly where the patient lies on the couch) whose semi-axes vary slowly
 * with z (narrower at the waist, a flatter anterior surface at the level of the pubis).
 */
final class BodyShape {
  final double cy;
  final double halfWidthMm;
  final double anteriorMm;
  final double posteriorMm;
  final double fatMm;

  BodyShape(double cy, double halfWidthMm, double anteriorMm, double posteriorMm, double fatMm) {
    this.cy = cy;
    this.halfWidthMm = halfWidthMm;
    this.anteriorMm = anteriorMm;
    this.posteriorMm = posteriorMm;
    this.fatMm = fatMm;
  }

  double halfWidth(double z) {
    return halfWidthMm * (1 - 0.10 * Smooth.step((z - 40) / 110));
  }

  double anterior(double z) {
    return anteriorMm * (0.72 + 0.28 * Smooth.step((z + 10) / 100));
  }

  /** A cheap sufficient test for being inside (an inscribed box of the smallest cross-section). */
  boolean surelyInside(double x, double y, double z) {
    double dy = y - cy;
    return Math.abs(x) < 0.62 * halfWidthMm && dy > -0.5 * anteriorMm && dy < 0.62 * posteriorMm;
  }

  /** Whether a point is inside the body (the sign of {@link #distance}, without roots). */
  boolean inside(double x, double y, double z) {
    double a = halfWidth(z);
    double dy = y - cy;
    double u = x / a;
    if (dy <= 0) {
      double v = dy / anterior(z);
      return u * u + v * v <= 1;
    }
    double au = Math.abs(u);
    double v = dy / posteriorMm;
    return au * au * au + v * v * v <= 1;
  }

  /** Signed first-order distance to the skin, mm (negative inside). */
  double distance(double x, double y, double z) {
    double a = halfWidth(z);
    double dy = y - cy;
    if (dy <= 0) {
      double b = anterior(z);
      double u = x / a;
      double v = dy / b;
      double rho = Math.sqrt(u * u + v * v);
      double g = Math.sqrt(u * u / (a * a) + v * v / (b * b));
      return g < 1e-12 ? -Math.min(a, b) : (rho - 1) * rho / g;
    }
    double b = posteriorMm;
    double u = Math.abs(x) / a;
    double v = dy / b;
    double s = u * u * u + v * v * v;
    double rho = Math.cbrt(s);
    if (rho < 1e-9) {
      return -Math.min(a, b);
    }
    // exponent 3: grad rho = rho^-2 (u^2/a, v^2/b)
    double f = 1 / (rho * rho);
    double gx = f * u * u / a;
    double gy = f * v * v / b;
    double g = Math.sqrt(gx * gx + gy * gy);
    return g < 1e-12 ? -Math.min(a, b) : (rho - 1) / g;
  }
}
