package org.twinsim.model.anatomy;

/** An axis-aligned box in patient coordinates (mm), used to skip shapes far from a point. */
record Box(double x0, double y0, double z0, double x1, double y1, double z1) {
  boolean contains(double x, double y, double z) {
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && z >= z0 && z <= z1;
  }

  Box grow(double m) {
    return new Box(x0 - m, y0 - m, z0 - m, x1 + m, y1 + m, z1 + m);
  }

  Box union(Box o) {
    return new Box(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.min(z0, o.z0),
        Math.max(x1, o.x1), Math.max(y1, o.y1), Math.max(z1, o.z1));
  }

  /** Largest distance from a point to a corner of the box. */
  double maxDistanceFrom(double x, double y, double z) {
    double dx = Math.max(Math.abs(x - x0), Math.abs(x - x1));
    double dy = Math.max(Math.abs(y - y0), Math.abs(y - y1));
    double dz = Math.max(Math.abs(z - z0), Math.abs(z - z1));
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
