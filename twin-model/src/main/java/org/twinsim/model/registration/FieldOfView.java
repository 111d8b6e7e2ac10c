package org.twinsim.model.registration;

import java.util.Arrays;
import org.twinsim.model.anatomy.CbctSpec;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;

/**
 * The reconstructed field of view of a CBCT: the voxels that hold measured data. A cone-beam CT
 * reconstructs a cylinder (about 450 mm across and 150-200 mm long for a half-fan pelvis scan);
 * outside it the exported image holds a constant fill value (-1000 HU in the simulator; -1000,
 * -1024, -3024 or 0 in real exports). To every metric the fill looks like air or water: a
 * registration that lets it count matches bone against it, and a free grey-value gain can collapse
 * onto it (a flat image region fits any CT with gain 0). The masks made here mark the voxels that
 * a registration may use (true = measured data).
 *
 * <p>Three sources, in order of preference: the mask of the acquisition itself ({@link #cylinder},
 * {@link #of(CbctSpec, Grid3)} for the simulator's protocol), or, when nothing is known, the mask
 * derived from the image ({@link #detect}).
 */
public final class FieldOfView {
  /**
   * The detected field of view is eroded by this many voxels (a cube), so that voxels that a
   * resampling blended with the fill, and the bright rim of truncated reconstructions, are left out.
   */
  public static final int EDGE_EROSION_VOXELS = 1;
  /**
   * A value is taken as the fill only if at least this fraction of the voxels on the grid's six
   * faces holds it exactly (measured data, noisy, never repeats that often).
   */
  public static final double MIN_FILL_FRACTION_OF_FACES = 0.05;

  private FieldOfView() {
  }

  /**
   * The voxels of {@code g} whose centres lie inside a cylinder with its axis along z (a new array).
   *
   * @param centreXMm axis position x, mm
   * @param centreYMm axis position y, mm
   * @param centreZMm centre of the cylinder along z, mm
   * @param diameterMm diameter, mm (> 0)
   * @param lengthMm length along z, mm (> 0)
   */
  public static boolean[] cylinder(Grid3 g, double centreXMm, double centreYMm, double centreZMm, double diameterMm,
                                   double lengthMm) {
    if (!(diameterMm > 0) || !(lengthMm > 0) || Double.isInfinite(diameterMm) || Double.isInfinite(lengthMm)) {
      throw new IllegalArgumentException("field of view: diameter and length must be positive and finite, got "
          + diameterMm + " and " + lengthMm + " mm");
    }
    boolean[] m = new boolean[g.size()];
    double r2 = 0.25 * diameterMm * diameterMm;
    double half = 0.5 * lengthMm;
    for (int k = 0; k < g.nz(); k++) {
      if (Math.abs(g.z(k) - centreZMm) > half) {
        continue;
      }
      for (int j = 0; j < g.ny(); j++) {
        double dy = g.y(j) - centreYMm;
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          double dx = g.x(i) - centreXMm;
          m[row + i] = dx * dx + dy * dy <= r2;
        }
      }
    }
    return m;
  }

  /**
   * The field of view of a CBCT simulated with {@code spec} ({@link org.twinsim.model.anatomy.CbctSimulator}:
   * a cylinder of {@link CbctSpec#fovDiameterMm()} x {@link CbctSpec#fovLengthMm()} about the
   * isocentre at the room origin) on the CBCT's grid {@code g}.
   */
  public static boolean[] of(CbctSpec spec, Grid3 g) {
    return cylinder(g, 0, 0, 0, spec.fovDiameterMm(), spec.fovLengthMm());
  }

  /**
   * Derives the field of view from the image alone: the fill value is the value held exactly by
   * the most voxels on the grid's six faces, if they are at least {@value #MIN_FILL_FRACTION_OF_FACES}
   * of the face voxels; the outside is every voxel holding exactly that value that is connected to
   * a face through such voxels (6-neighbourhood), plus every non-finite voxel; the result is the
   * rest, eroded by {@value #EDGE_EROSION_VOXELS} voxel. Air inside the body (rectal gas) is never
   * connected to the outside through fill-valued voxels and stays in; air around the body stays
   * in unless it was clamped to the fill value. Returns a new array, all true when no fill is
   * found (the image is measured data everywhere).
   *
   * @param cbct the CBCT (not modified)
   */
  public static boolean[] detect(Volume cbct) {
    Grid3 g = cbct.grid();
    float[] a = cbct.data();
    int n = g.size();
    boolean[] inside = new boolean[n];
    Arrays.fill(inside, true);
    for (int v = 0; v < n; v++) {
      if (!Float.isFinite(a[v])) {
        inside[v] = false;
      }
    }
    int[] faces = faceIndices(g);
    float[] vals = new float[faces.length];
    int m = 0;
    for (int v : faces) {
      if (Float.isFinite(a[v])) {
        vals[m++] = a[v];
      }
    }
    Arrays.sort(vals, 0, m);
    float fill = Float.NaN;
    int best = 0;
    for (int s = 0; s < m;) {
      int e = s;
      while (e < m && Float.floatToIntBits(vals[e]) == Float.floatToIntBits(vals[s])) {
        e++;
      }
      if (e - s > best) {
        best = e - s;
        fill = vals[s];
      }
      s = e;
    }
    boolean any = false;
    if (best >= MIN_FILL_FRACTION_OF_FACES * faces.length) {
      // flood from the faces through voxels holding exactly the fill value
      int fillBits = Float.floatToIntBits(fill);
      int[] queue = new int[n];
      int head = 0;
      int tail = 0;
      for (int v : faces) {
        if (inside[v] && Float.floatToIntBits(a[v]) == fillBits) {
          inside[v] = false;
          queue[tail++] = v;
        }
      }
      int nx = g.nx();
      int plane = nx * g.ny();
      while (head < tail) {
        int v = queue[head++];
        int i = v % nx;
        int j = (v / nx) % g.ny();
        int k = v / plane;
        int[] nb = {i > 0 ? v - 1 : -1, i < nx - 1 ? v + 1 : -1, j > 0 ? v - nx : -1, j < g.ny() - 1 ? v + nx : -1,
            k > 0 ? v - plane : -1, k < g.nz() - 1 ? v + plane : -1};
        for (int w : nb) {
          if (w >= 0 && inside[w] && Float.floatToIntBits(a[w]) == fillBits) {
            inside[w] = false;
            queue[tail++] = w;
          }
        }
      }
    }
    for (boolean b : inside) {
      if (!b) {
        any = true;
        break;
      }
    }
    if (!any || EDGE_EROSION_VOXELS == 0) {
      return inside;
    }
    byte[] outside = new byte[n];
    for (int v = 0; v < n; v++) {
      outside[v] = (byte) (inside[v] ? 0 : 1);
    }
    byte[] grown = RigidRegistration.dilate(outside, g, EDGE_EROSION_VOXELS);
    for (int v = 0; v < n; v++) {
      inside[v] = grown[v] == 0;
    }
    return inside;
  }

  /** Number of true entries. */
  static int count(boolean[] mask) {
    int c = 0;
    for (boolean b : mask) {
      if (b) {
        c++;
      }
    }
    return c;
  }

  /**
   * The box spanned by the voxels of {@code mask} (their full extent: centres +/- half a voxel), or
   * null if the mask is empty.
   */
  static RegionOfInterest bounds(boolean[] mask, Grid3 g) {
    return RegionOfInterest.voxelBounds(g, n -> mask[n],
        new org.twinsim.model.geometry.Vec3(0.5 * g.spacingXMm(), 0.5 * g.spacingYMm(), 0.5 * g.spacingZMm()));
  }

  /** Flat indices of the voxels on the six faces of {@code g} (each once). */
  private static int[] faceIndices(Grid3 g) {
    int nx = g.nx();
    int ny = g.ny();
    int nz = g.nz();
    int[] buf = new int[Math.min(g.size(), 2 * (nx * ny + ny * nz + nx * nz))];
    int m = 0;
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        boolean face = k == 0 || k == nz - 1 || j == 0 || j == ny - 1;
        int row = g.index(0, j, k);
        if (face) {
          for (int i = 0; i < nx; i++) {
            buf[m++] = row + i;
          }
        } else {
          buf[m++] = row;
          if (nx > 1) {
            buf[m++] = row + nx - 1;
          }
        }
      }
    }
    return Arrays.copyOf(buf, m);
  }
}
