package org.twinsim.model.planning;

import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/**
 * A simple male pelvis of ellipsoids and cylinders for planning tests, until the virtual patient
 * generator lands: body (muscle with a subcutaneous fat layer), prostate CTV with seminal vesicles
 * and urethra, bladder with its neck, rectum with its wall, femoral heads (cancellous bone in a
 * cortical shell), acetabula, pubic symphysis and sacrum. Coordinates in mm with the prostate
 * centre at the origin; DICOM axes (x right to left, y anterior to posterior, z inferior to
 * superior). Labels follow {@link StructureNames#prostateTree()}.
 *
 * <p>Dimensions are typical adult values: CTV about 40 cm3, bladder about 170 cm3, rectum diameter
 * about 3 cm with 3 mm wall; femoral heads of radius 24 mm, 92 mm from the midline.
 *
 * @param ct CT numbers, HU
 * @param labels structures
 */
record PelvisPhantom(Volume ct, LabelMap labels) {

  /** A phantom on a grid of the given spacing and extent, centred 20 mm anterior of the prostate. */
  static PelvisPhantom build(double spacingMm, double extentXMm, double extentYMm, double extentZMm) {
    Grid3 g = Grid3.centred(extentXMm, extentYMm, extentZMm, spacingMm, spacingMm, spacingMm, 0, -20, 5);
    LabelMap lm = new LabelMap(g, StructureNames.prostateTree());
    Volume ct = new Volume(g);
    int n = g.size();
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[] zs = new double[n];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int idx = g.index(i, j, k);
          xs[idx] = g.x(i);
          ys[idx] = g.y(j);
          zs[idx] = g.z(k);
        }
      }
    }
    // CT numbers, most specific tissue last
    float[] hu = ct.data();
    for (int i = 0; i < n; i++) {
      double x = xs[i];
      double y = ys[i];
      double z = zs[i];
      float v = -1000f;
      if (ellipse(x, y + 20, 170, 115)) {
        v = ellipse(x, y + 20, 155, 100) ? 40f : -100f; // muscle inside a 15 mm fat layer
      }
      if (bladder(x, y, z)) {
        v = 10f;
      }
      if (rectum(x, y, z)) {
        v = rectumWall(x, y, z) ? 40f : 0f;
      }
      if (prostate(x, y, z) || vesicles(x, y, z)) {
        v = 40f;
      }
      if (acetabulum(x, y, z) || pubis(x, y, z) || sacrum(x, y, z)) {
        v = 800f;
      }
      if (femoralHead(x, y, z, 92) || femoralHead(x, y, z, -92)) {
        double r = Math.min(dist(x - 92, y, z - 10), dist(x + 92, y, z - 10));
        v = r > 21.5 && !Boolean.getBoolean("noshell") ? 1100f : 300f; // cortical shell over cancellous bone
      }
      hu[i] = v;
    }
    lm.paint(StructureNames.BODY, i -> ellipse(xs[i], ys[i] + 20, 170, 115));
    lm.paint(StructureNames.PELVIC_BONE, i -> acetabulum(xs[i], ys[i], zs[i]) || pubis(xs[i], ys[i], zs[i])
        || sacrum(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.FEMORAL_HEAD_L, i -> femoralHead(xs[i], ys[i], zs[i], 92));
    lm.paint(StructureNames.FEMORAL_HEAD_R, i -> femoralHead(xs[i], ys[i], zs[i], -92));
    lm.paint(StructureNames.BLADDER, i -> bladder(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.BLADDER_NECK, i -> bladder(xs[i], ys[i], zs[i]) && zs[i] < 32 && Math.abs(xs[i]) < 22);
    lm.paint(StructureNames.RECTUM, i -> rectum(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.RECTAL_WALL, i -> rectumWall(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.CTV, i -> prostate(xs[i], ys[i], zs[i]) || vesicles(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.PROSTATE, i -> prostate(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.SEMINAL_VESICLES, i -> vesicles(xs[i], ys[i], zs[i]) && !prostate(xs[i], ys[i], zs[i]));
    lm.paint(StructureNames.URETHRA, i -> prostate(xs[i], ys[i], zs[i]) && Math.hypot(xs[i], ys[i] + 4) <= 3.5);
    return new PelvisPhantom(ct, lm);
  }

  /** The test phantom: 4 mm voxels, 360 x 256 x 160 mm (90 x 64 x 40). */
  static PelvisPhantom small4mm() {
    return build(4.0, 360, 256, 160);
  }

  private static boolean ellipse(double x, double y, double a, double b) {
    return (x * x) / (a * a) + (y * y) / (b * b) <= 1;
  }

  private static boolean ellipsoid(double x, double y, double z, double a, double b, double c) {
    return (x * x) / (a * a) + (y * y) / (b * b) + (z * z) / (c * c) <= 1;
  }

  private static double dist(double x, double y, double z) {
    return Math.sqrt(x * x + y * y + z * z);
  }

  static boolean prostate(double x, double y, double z) {
    return ellipsoid(x, y, z, 22, 18, 20);
  }

  static boolean vesicles(double x, double y, double z) {
    return ellipsoid(x, y - 14, z - 24, 20, 7, 9);
  }

  static boolean bladder(double x, double y, double z) {
    return ellipsoid(x, y + 12, z - 50, 42, 34, 30);
  }

  static boolean rectum(double x, double y, double z) {
    return z > -50 && z < 38 && ellipse(x, y - 35, 16, 13);
  }

  static boolean rectumWall(double x, double y, double z) {
    return rectum(x, y, z) && !ellipse(x, y - 35, 13, 10);
  }

  static boolean femoralHead(double x, double y, double z, double cx) {
    return dist(x - cx, y, z - 10) <= 24;
  }

  static boolean acetabulum(double x, double y, double z) {
    for (double cx : new double[] {92, -92}) {
      double r = dist(x - cx, y, z - 10);
      if (r > 26 && r < 32 && Math.abs(x) < Math.abs(cx)) {
        return true;
      }
    }
    return false;
  }

  static boolean pubis(double x, double y, double z) {
    return ellipsoid(x, y + 62, z - 5, 30, 8, 18);
  }

  static boolean sacrum(double x, double y, double z) {
    return ellipsoid(x, y - 78, z - 40, 35, 12, 40);
  }
}
