package org.twinsim.model.registration;

import java.util.Locale;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;

/**
 * A rigid transform from fixed-image (CBCT) points to moving-image (planning CT) points:
 * {@code T(p) = R (p - c) + c + t}, with R the rotation of the rotation vector {@code rotationRad}
 * (axis times angle, Rodrigues' formula) about the centre c, then the translation t.
 *
 * <p>Read as a couch correction, T is the move that brings the patient's anatomy as seen in the
 * CBCT back onto the plan: rotate about the isocentre c by R, then translate by t. For a
 * translation-only transform the anatomy of the day is displaced by {@code -t} relative to the
 * planning CT (the setup error), and {@code t} is the couch shift that corrects it.
 *
 * @param translationMm t, patient axes, mm
 * @param rotationRad rotation vector (axis * angle), patient axes, radians; for small angles its
 *     components are the rotations about x (pitch), y (roll) and z (yaw)
 * @param centreMm rotation centre c (the isocentre), patient axes, mm
 */
public record RigidTransform(Vec3 translationMm, Vec3 rotationRad, Vec3 centreMm) {
  /** The identity (no shift, no rotation, centre at the origin). */
  public static final RigidTransform IDENTITY = new RigidTransform(Vec3.ZERO, Vec3.ZERO, Vec3.ZERO);

  public RigidTransform {
    if (translationMm == null || rotationRad == null || centreMm == null) {
      throw new IllegalArgumentException("rigid transform: translation, rotation and centre must not be null");
    }
    for (Vec3 v : new Vec3[] {translationMm, rotationRad, centreMm}) {
      if (!Double.isFinite(v.x()) || !Double.isFinite(v.y()) || !Double.isFinite(v.z())) {
        throw new IllegalArgumentException("rigid transform must be finite, got t=" + translationMm
            + " r=" + rotationRad + " c=" + centreMm);
      }
    }
  }

  /** A pure translation {@code T(p) = p + t}. */
  public static RigidTransform translation(Vec3 translationMm) {
    return new RigidTransform(translationMm, Vec3.ZERO, Vec3.ZERO);
  }

  /** Whether the rotation is exactly zero. */
  public boolean isTranslationOnly() {
    return rotationRad.x() == 0 && rotationRad.y() == 0 && rotationRad.z() == 0;
  }

  /** The rotation matrix R, row-major {r00, r01, r02, r10, ..., r22} (Rodrigues' formula). */
  public double[] matrix() {
    return rotationMatrix(rotationRad.x(), rotationRad.y(), rotationRad.z());
  }

  /** Rotation matrix of a rotation vector (axis * angle, radians), row-major. */
  static double[] rotationMatrix(double wx, double wy, double wz) {
    double th = Math.sqrt(wx * wx + wy * wy + wz * wz);
    if (th < 1e-12) {
      return new double[] {1, -wz, wy, wz, 1, -wx, -wy, wx, 1};
    }
    double kx = wx / th;
    double ky = wy / th;
    double kz = wz / th;
    double c = Math.cos(th);
    double s = Math.sin(th);
    double v = 1 - c;
    return new double[] {
        c + kx * kx * v, kx * ky * v - kz * s, kx * kz * v + ky * s,
        ky * kx * v + kz * s, c + ky * ky * v, ky * kz * v - kx * s,
        kz * kx * v - ky * s, kz * ky * v + kx * s, c + kz * kz * v};
  }

  /** Rotation vector (axis * angle) of a rotation matrix, row-major. */
  static Vec3 rotationVector(double[] r) {
    double cos = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
    double th = Math.acos(cos);
    double ax = r[7] - r[5];
    double ay = r[2] - r[6];
    double az = r[3] - r[1];
    if (th < 1e-9) {
      return new Vec3(ax / 2, ay / 2, az / 2);
    }
    double f = th / (2 * Math.sin(th));
    return new Vec3(ax * f, ay * f, az * f);
  }

  /** {@code T(p)} written into {@code out} (length 3; modified). */
  public void apply(double xMm, double yMm, double zMm, double[] out) {
    double[] r = matrix();
    double px = xMm - centreMm.x();
    double py = yMm - centreMm.y();
    double pz = zMm - centreMm.z();
    out[0] = r[0] * px + r[1] * py + r[2] * pz + centreMm.x() + translationMm.x();
    out[1] = r[3] * px + r[4] * py + r[5] * pz + centreMm.y() + translationMm.y();
    out[2] = r[6] * px + r[7] * py + r[8] * pz + centreMm.z() + translationMm.z();
  }

  /** {@code T(p)}. */
  public Vec3 apply(Vec3 p) {
    double[] o = new double[3];
    apply(p.x(), p.y(), p.z(), o);
    return Vec3.of(o);
  }

  /**
   * The affine form {@code T(p) = A p + b} as {a00..a22, b0, b1, b2} (12 values), the form the
   * demons inner loops evaluate incrementally along a row.
   */
  public double[] affine() {
    double[] r = matrix();
    double[] a = new double[12];
    System.arraycopy(r, 0, a, 0, 9);
    double cx = centreMm.x();
    double cy = centreMm.y();
    double cz = centreMm.z();
    a[9] = cx + translationMm.x() - (r[0] * cx + r[1] * cy + r[2] * cz);
    a[10] = cy + translationMm.y() - (r[3] * cx + r[4] * cy + r[5] * cz);
    a[11] = cz + translationMm.z() - (r[6] * cx + r[7] * cy + r[8] * cz);
    return a;
  }

  /** The inverse transform, about the same centre. */
  public RigidTransform inverse() {
    // T^-1(q) = R^T (q - c - t) + c = R^T (q - c) + c - R^T t
    double[] r = matrix();
    double tx = translationMm.x();
    double ty = translationMm.y();
    double tz = translationMm.z();
    Vec3 it = new Vec3(-(r[0] * tx + r[3] * ty + r[6] * tz), -(r[1] * tx + r[4] * ty + r[7] * tz),
        -(r[2] * tx + r[5] * ty + r[8] * tz));
    return new RigidTransform(it, rotationRad.times(-1), centreMm);
  }

  /**
   * The same mapping expressed about another centre (the rotation is unchanged; the translation
   * absorbs the change of centre).
   */
  public RigidTransform aboutCentre(Vec3 newCentreMm) {
    double[] a = affine();
    double cx = newCentreMm.x();
    double cy = newCentreMm.y();
    double cz = newCentreMm.z();
    // A c' + b = c' + t'
    Vec3 t = new Vec3(a[0] * cx + a[1] * cy + a[2] * cz + a[9] - cx,
        a[3] * cx + a[4] * cy + a[5] * cz + a[10] - cy,
        a[6] * cx + a[7] * cy + a[8] * cz + a[11] - cz);
    return new RigidTransform(t, rotationRad, newCentreMm);
  }

  /** The displacement field {@code u(p) = T(p) - p} sampled on {@code grid} (a new field). */
  public VectorField toField(Grid3 grid) {
    VectorField f = new VectorField(grid);
    double[] a = affine();
    float[] ux = f.ux();
    float[] uy = f.uy();
    float[] uz = f.uz();
    for (int k = 0; k < grid.nz(); k++) {
      double z = grid.z(k);
      for (int j = 0; j < grid.ny(); j++) {
        double y = grid.y(j);
        for (int i = 0; i < grid.nx(); i++) {
          double x = grid.x(i);
          int n = grid.index(i, j, k);
          ux[n] = (float) (a[0] * x + a[1] * y + a[2] * z + a[9] - x);
          uy[n] = (float) (a[3] * x + a[4] * y + a[5] * z + a[10] - y);
          uz[n] = (float) (a[6] * x + a[7] * y + a[8] * z + a[11] - z);
        }
      }
    }
    return f;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RigidTransform[t=(%.3f, %.3f, %.3f) mm, rot=(%.3f, %.3f, %.3f) deg about (%.1f, %.1f, %.1f) mm]",
        translationMm.x(), translationMm.y(), translationMm.z(),
        Math.toDegrees(rotationRad.x()), Math.toDegrees(rotationRad.y()), Math.toDegrees(rotationRad.z()),
        centreMm.x(), centreMm.y(), centreMm.z());
  }
}
