package org.twinsim.model.anatomy;

/** Smooth ramps and small numeric helpers shared by the implicit shapes and the deformation. */
final class Smooth {
  private Smooth() {
  }

  /**
   * Quintic "smootherstep" 6t^5 - 15t^4 + 10t^3 clamped to [0, 1] (Perlin 2002, ACM TOG 21:681):
   * C2-continuous, so weights built from it give fields with continuous Jacobians.
   */
  static double step(double t) {
    if (t <= 0) {
      return 0;
    }
    if (t >= 1) {
      return 1;
    }
    return t * t * t * (t * (6 * t - 15) + 10);
  }

  /** 1 for {@code d <= inner}, 0 for {@code d >= inner + width}, smooth in between. */
  static double plateau(double d, double inner, double width) {
    return 1 - step((d - inner) / width);
  }

  static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
