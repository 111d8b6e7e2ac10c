package org.twinsim.model.dicom;

import static org.twinsim.model.anatomy.StructureNames.*;

import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/**
 * A small prostate phantom for the DICOM tests: ellipsoid structures of
 * {@link StructureNames#prostateTree()} on an anisotropic, non-square grid (so that swapped rows
 * and columns or x and y spacings show), integer HU, and a Gaussian dose on a coarser grid.
 */
final class Phantom {
  /** 40 columns (x, 2.5 mm), 32 rows (y, 2.0 mm), 20 slices (z, 3.0 mm); origin off the lattice. */
  static final Grid3 GRID = new Grid3(40, 32, 20, 2.5, 2.0, 3.0, -48.75, -31.0, -28.5);

  final Grid3 grid;
  final LabelMap labels;
  final Volume hu;

  private Phantom(Grid3 grid, LabelMap labels, Volume hu) {
    this.grid = grid;
    this.labels = labels;
    this.hu = hu;
  }

  static Phantom create() {
    return create(GRID);
  }

  static Phantom create(Grid3 g) {
    return create(g, 1, 1);
  }

  /** The phantom with every ellipsoid's centre and radii scaled by {@code sxy} in x and y, {@code sz} in z. */
  static Phantom create(Grid3 g, double sxy, double sz) {
    LabelMap lm = new LabelMap(g, StructureNames.prostateTree());
    java.util.function.BiConsumer<String, double[]> e = (name, c) -> paint(lm, name, c[0] * sxy, c[1] * sxy, c[2] * sz,
        c[3] * sxy, c[4] * sxy, c[5] * sz);
    if (sxy != 1 || sz != 1) {
      e.accept(BODY, new double[] {0, 0, 0, 45, 28, 1000});
      e.accept(CTV, new double[] {0, 2, 0, 18, 14, 16});
      e.accept(PROSTATE, new double[] {0, 3, -2, 14, 11, 12});
      e.accept(URETHRA, new double[] {0, 3, -2, 3, 3, 10});
      e.accept(SEMINAL_VESICLES, new double[] {0, 10, 12, 12, 4, 5});
      e.accept(BLADDER, new double[] {0, -10, 18, 16, 12, 12});
      e.accept(BLADDER_NECK, new double[] {0, -10, 9, 6, 5, 4});
      e.accept(RECTUM, new double[] {0, 19, 0, 8, 7, 20});
      e.accept(FEMORAL_HEAD_L, new double[] {35, 0, 0, 7, 7, 7});
      e.accept(FEMORAL_HEAD_R, new double[] {-35, 0, 0, 7, 7, 7});
      return withHu(g, lm);
    }
    paint(lm, BODY, 0, 0, 0, 45, 28, 1000);
    paint(lm, CTV, 0, 2, 0, 18, 14, 16);
    paint(lm, PROSTATE, 0, 3, -2, 14, 11, 12);
    paint(lm, URETHRA, 0, 3, -2, 3, 3, 10);
    paint(lm, SEMINAL_VESICLES, 0, 10, 12, 12, 4, 5);
    paint(lm, BLADDER, 0, -10, 18, 16, 12, 12);
    paint(lm, BLADDER_NECK, 0, -10, 9, 6, 5, 4);
    paint(lm, RECTUM, 0, 19, 0, 8, 7, 20);
    // rectal wall: the rectum minus an inner ellipsoid, a ring with a hole on each slice
    lm.paint(RECTAL_WALL, idx -> inside(g, idx, 0, 19, 0, 8, 7, 20) && !inside(g, idx, 0, 19, 0, 5, 4, 17));
    paint(lm, FEMORAL_HEAD_L, 35, 0, 0, 7, 7, 7);
    paint(lm, FEMORAL_HEAD_R, -35, 0, 0, 7, 7, 7);
    // PelvicBone deliberately left empty: an ROI without contours
    return withHu(g, lm);
  }

  private static Phantom withHu(Grid3 g, LabelMap lm) {
    Volume hu = new Volume(g);
    float[] d = hu.data();
    byte[] lab = lm.labels();
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int idx = g.index(i, j, k);
          int base = switch (lab[idx]) {
            case 0 -> -1000;
            case 1 -> 40;
            case 3, 2 -> 45;
            case 4 -> 30;
            case 5 -> 35;
            case 6, 7 -> 10;
            case 8 -> -300;
            case 9 -> 60;
            case 10, 11 -> 700;
            default -> 0;
          };
          d[idx] = base + ((i * 7 + j * 13 + k * 5) % 11) - 5;
        }
      }
    }
    d[0] = -1024;
    d[1] = 3071;
    return new Phantom(g, lm, hu);
  }

  /** A Gaussian dose (2 Gy peak, sigma 15 mm) around the CTV on a coarser grid inside the CT. */
  static Volume dose() {
    Grid3 dg = new Grid3(18, 14, 9, 5.0, 4.0, 6.0, -42.5, -26.0, -24.0);
    Volume v = new Volume(dg);
    for (int k = 0; k < dg.nz(); k++) {
      for (int j = 0; j < dg.ny(); j++) {
        for (int i = 0; i < dg.nx(); i++) {
          double x = dg.x(i);
          double y = dg.y(j) - 2;
          double z = dg.z(k);
          v.set(i, j, k, (float) (2.0 * Math.exp(-(x * x + y * y + z * z) / (2 * 15.0 * 15.0))));
        }
      }
    }
    return v;
  }

  private static void paint(LabelMap lm, String name, double cx, double cy, double cz, double rx, double ry, double rz) {
    Grid3 g = lm.grid();
    lm.paint(name, idx -> inside(g, idx, cx, cy, cz, rx, ry, rz));
  }

  static boolean inside(Grid3 g, int idx, double cx, double cy, double cz, double rx, double ry, double rz) {
    int i = idx % g.nx();
    int j = (idx / g.nx()) % g.ny();
    int k = idx / (g.nx() * g.ny());
    double x = (g.x(i) - cx) / rx;
    double y = (g.y(j) - cy) / ry;
    double z = (g.z(k) - cz) / rz;
    return x * x + y * y + z * z <= 1;
  }
}
