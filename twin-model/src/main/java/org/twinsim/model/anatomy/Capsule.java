package org.twinsim.model.anatomy;

/**
 * A tapered capsule (a segment swept by a sphere whose radius varies linearly from {@code r0} to
 * {@code r1}): bone shafts, pubic rami, the femoral neck. {@link #distance} is the distance to the
 * segment minus the local radius (exact for equal radii).
 */
final class Capsule {
  private final double x0;
  private final double y0;
  private final double z0;
  private final double ex;
  private final double ey;
  private final double ez;
  private final double len2;
  private final double r0;
  private final double r1;
  final Box box;

  Capsule(double x0, double y0, double z0, double x1, double y1, double z1, double r0, double r1) {
    this.x0 = x0;
    this.y0 = y0;
    this.z0 = z0;
    ex = x1 - x0;
    ey = y1 - y0;
    ez = z1 - z0;
    len2 = ex * ex + ey * ey + ez * ez;
    this.r0 = r0;
    this.r1 = r1;
    double r = Math.max(r0, r1);
    box = new Box(Math.min(x0, x1) - r, Math.min(y0, y1) - r, Math.min(z0, z1) - r,
        Math.max(x0, x1) + r, Math.max(y0, y1) + r, Math.max(z0, z1) + r);
  }

  double distance(double x, double y, double z) {
    double px = x - x0;
    double py = y - y0;
    double pz = z - z0;
    double t = len2 == 0 ? 0 : Smooth.clamp((px * ex + py * ey + pz * ez) / len2, 0, 1);
    double qx = px - t * ex;
    double qy = py - t * ey;
    double qz = pz - t * ez;
    return Math.sqrt(qx * qx + qy * qy + qz * qz) - (r0 + t * (r1 - r0));
  }
}
