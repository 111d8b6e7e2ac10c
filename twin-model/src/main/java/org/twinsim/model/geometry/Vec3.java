package org.twinsim.model.geometry;

/**
 * A 3-vector in DICOM patient axes (x: right to left, y: anterior to posterior, z: inferior to
 * superior), in the unit its user names (mm for shifts).
 */
public record Vec3(double x, double y, double z) {
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  public double norm() {
    return Math.sqrt(x * x + y * y + z * z);
  }

  /** Component by patient axis index 0 (x), 1 (y), 2 (z). */
  public double get(int axis) {
    return switch (axis) {
      case 0 -> x;
      case 1 -> y;
      case 2 -> z;
      default -> throw new IndexOutOfBoundsException("axis " + axis);
    };
  }

  public static Vec3 of(double[] xyz) {
    return new Vec3(xyz[0], xyz[1], xyz[2]);
  }
}
