package org.twinsim.model.anatomy;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.VectorField;

/**
 * Test helpers: fractional occupancy of a structure (by supersampling the implicit anatomy through
 * a point map), soft Dice, centroids of label maps. Independent of the generator's own voxel loops.
 */
final class Occupancy {
  private Occupancy() {
  }

  /** Maps a day point (room, mm) to the planning point whose anatomy it shows. */
  interface PointMap {
    void map(double x, double y, double z, double[] out);
  }

  /**
   * Fraction of each voxel of {@code g} (within {@code box}, else 0) whose {@code n^3} sub-samples
   * map into structure {@code name} (labels within it, per the tree).
   */
  static float[] occupancy(Grid3 g, Box box, PelvisPhantom ph, boolean[] within, PointMap map, int n) {
    float[] occ = new float[g.size()];
    int i0 = Math.max(0, (int) Math.floor(g.fi(box.x0())));
    int i1 = Math.min(g.nx() - 1, (int) Math.ceil(g.fi(box.x1())));
    int j0 = Math.max(0, (int) Math.floor(g.fj(box.y0())));
    int j1 = Math.min(g.ny() - 1, (int) Math.ceil(g.fj(box.y1())));
    int k0 = Math.max(0, (int) Math.floor(g.fk(box.z0())));
    int k1 = Math.min(g.nz() - 1, (int) Math.ceil(g.fk(box.z1())));
    IntStream.rangeClosed(k0, k1).parallel().forEach(k -> {
      double[] q = new double[3];
      for (int j = j0; j <= j1; j++) {
        for (int i = i0; i <= i1; i++) {
          int hit = 0;
          for (int c = 0; c < n; c++) {
            double z = g.z(k) + ((c + 0.5) / n - 0.5) * g.spacingZMm();
            for (int b = 0; b < n; b++) {
              double y = g.y(j) + ((b + 0.5) / n - 0.5) * g.spacingYMm();
              for (int a = 0; a < n; a++) {
                double x = g.x(i) + ((a + 0.5) / n - 0.5) * g.spacingXMm();
                map.map(x, y, z, q);
                if (within[ph.label(q[0], q[1], q[2])]) {
                  hit++;
                }
              }
            }
          }
          occ[g.index(i, j, k)] = hit / (float) (n * n * n);
        }
      }
    });
    return occ;
  }

  /**
   * Dice on a lattice of step {@code h} over {@code box} between the structure pulled back
   * through {@code a} and through {@code b} (membership of the mapped point in the implicit anatomy).
   */
  static double latticeDice(Box box, double h, PelvisPhantom ph, boolean[] within, PointMap a, PointMap b) {
    int nz = (int) Math.ceil((box.z1() - box.z0()) / h);
    long[][] c = new long[nz][3];
    IntStream.range(0, nz).parallel().forEach(k -> {
      double z = box.z0() + (k + 0.5) * h;
      double[] qa = new double[3];
      double[] qb = new double[3];
      for (double y = box.y0() + 0.5 * h; y < box.y1(); y += h) {
        for (double x = box.x0() + 0.5 * h; x < box.x1(); x += h) {
          a.map(x, y, z, qa);
          b.map(x, y, z, qb);
          boolean ia = within[ph.label(qa[0], qa[1], qa[2])];
          boolean ib = within[ph.label(qb[0], qb[1], qb[2])];
          c[k][0] += ia ? 1 : 0;
          c[k][1] += ib ? 1 : 0;
          c[k][2] += ia && ib ? 1 : 0;
        }
      }
    });
    long na = 0;
    long nb = 0;
    long both = 0;
    for (long[] r : c) {
      na += r[0];
      nb += r[1];
      both += r[2];
    }
    return na + nb == 0 ? 1 : 2.0 * both / (na + nb);
  }

  /** {@code occ} (on {@code field}'s grid) pulled through {@code field}, trilinearly. */
  static float[] warp(float[] occ, Grid3 g, VectorField field) {
    float[] out = new float[g.size()];
    float[] ux = field.ux();
    float[] uy = field.uy();
    float[] uz = field.uz();
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int n = g.index(i, j, k);
          out[n] = Trilinear.sample(occ, g, g.fi(g.x(i) + ux[n]), g.fj(g.y(j) + uy[n]), g.fk(g.z(k) + uz[n]), 0f);
        }
      }
    }
    return out;
  }

  /** Soft Dice 2 sum(min(a,b)) / sum(a + b) of two occupancy maps. */
  static double softDice(float[] a, float[] b) {
    double both = 0;
    double sum = 0;
    for (int n = 0; n < a.length; n++) {
      both += Math.min(a[n], b[n]);
      sum += a[n] + b[n];
    }
    return sum == 0 ? 1 : 2 * both / sum;
  }

  static double sum(float[] a) {
    double s = 0;
    for (float v : a) {
      s += v;
    }
    return s;
  }

  /** Centroid (mm) of a structure's voxels (with descendants). */
  static double[] centroid(LabelMap m, String name) {
    boolean[] t = m.labelsWithin(name);
    Grid3 g = m.grid();
    byte[] l = m.labels();
    double sx = 0;
    double sy = 0;
    double sz = 0;
    long n = 0;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          if (t[l[g.index(i, j, k)] & 0xFF]) {
            sx += g.x(i);
            sy += g.y(j);
            sz += g.z(k);
            n++;
          }
        }
      }
    }
    return new double[] {sx / n, sy / n, sz / n};
  }

  /** Mean of {@code v} over voxels of a structure (with descendants) at least one voxel inside it (6-neighbourhood). */
  static double erodedMean(LabelMap m, String name, float[] v) {
    boolean[] t = m.labelsWithin(name);
    Grid3 g = m.grid();
    byte[] l = m.labels();
    double s = 0;
    long n = 0;
    for (int k = 1; k < g.nz() - 1; k++) {
      for (int j = 1; j < g.ny() - 1; j++) {
        for (int i = 1; i < g.nx() - 1; i++) {
          int c = g.index(i, j, k);
          if (t[l[c] & 0xFF] && t[l[c - 1] & 0xFF] && t[l[c + 1] & 0xFF] && t[l[c - g.nx()] & 0xFF]
              && t[l[c + g.nx()] & 0xFF] && t[l[c - g.nx() * g.ny()] & 0xFF] && t[l[c + g.nx() * g.ny()] & 0xFF]) {
            s += v[c];
            n++;
          }
        }
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
