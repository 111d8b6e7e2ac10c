package org.twinsim.gpu.registration;

import java.util.Locale;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.registration.DemonsParameters;
import org.twinsim.model.registration.DemonsRegistration;
import org.twinsim.model.registration.GaussianSmoother;
import org.twinsim.model.registration.HistogramMatching;
import org.twinsim.model.registration.RegistrationException;
import org.twinsim.model.registration.RegistrationInput;
import org.twinsim.model.registration.RigidTransform;
import org.twinsim.model.registration.ShadingCorrection;

/**
 * The host side of GPU demons registration: steps 1 to 5 of the exact algorithm documented on
 * {@link org.twinsim.model.registration.DemonsRegistration} (region, moving region, overlap and
 * ill-posedness checks, intensity matching, the number of levels and the coarse masks), done once
 * per call on the CPU with the CPU reference's arithmetic (shading correction included); step 8 (the
 * output on the full fixed grid) is the reference's own {@link DemonsRegistration#assembleField}. The iterations run on the device ({@link GpuDemonsRegistration}).
 *
 * <p>This is a port of the reference's private helpers (same operations, same order, so the level-0
 * images are bit-identical); twin-model does not export them. A change of the reference's
 * algorithm must be mirrored here: {@code GpuDemonsRegistrationTest} compares the two backends field
 * for field and fails when they drift apart.
 */
final class DemonsPreparation {
  /** Margin kept around the transformed fixed region in the moving image, mm (the reference's). */
  static final double MOVING_MARGIN_MM = 30;
  /** Fewest voxels along any axis of the coarsest level (the reference's). */
  static final int MIN_LEVEL_VOXELS = 4;

  /**
   * What the device needs for one registration.
   *
   * @param fixedGrid the full fixed grid
   * @param box the region's inclusive index box on it {i0, i1, j0, j1, k0, k1}
   * @param g0 the level-0 (region) grid
   * @param f0 the fixed region, masked-out voxels at the masked mean, intensity-matched
   * @param k0 the fixed mask on g0 (1 = valid data)
   * @param gm0 the level-0 moving grid
   * @param m0 the moving image on gm0
   * @param affine the initial transform's 12 doubles
   * @param pinnedFaces the pinned faces of the region ({@link DemonsRegistration#pinnedFaces}, order -x +x -y +y -z +z)
   * @param pinnedBits the same as bits 0..5 for the device
   * @param shading the shading correction subtracted from f0 (none when disabled)
   * @param intensityMap the intensity mapping applied to f0
   * @param levels levels of the pyramid after the minimum-size rule
   */
  record Prepared(Grid3 fixedGrid, int[] box, Grid3 g0, float[] f0, byte[] k0, Grid3 gm0, float[] m0, double[] affine,
                  boolean[] pinnedFaces, int pinnedBits, ShadingCorrection shading, HistogramMatching intensityMap,
                  int levels) {
  }

  private DemonsPreparation() {
  }

  /** Steps 1 to 5 (host). Throws {@link RegistrationException} for ill-posed input, as the reference does. */
  static Prepared prepare(RegistrationInput input, DemonsParameters p) {
    Volume fixed = input.fixed();
    Volume moving = input.moving();
    Grid3 fg = fixed.grid();
    RigidTransform init = input.initialOrIdentity();
    double[] aff = init.affine();

    // 1. region
    int[] box;
    if (input.roi() == null) {
      box = new int[] {0, fg.nx() - 1, 0, fg.ny() - 1, 0, fg.nz() - 1};
    } else {
      box = indexBox(input.roi().minMm().x(), input.roi().minMm().y(), input.roi().minMm().z(),
          input.roi().maxMm().x(), input.roi().maxMm().y(), input.roi().maxMm().z(), fg);
      if (box == null) {
        throw new RegistrationException("demons: region of interest " + input.roi()
            + " contains no voxel centre of the fixed grid " + fg);
      }
    }
    Grid3 g0 = subGrid(fg, box);
    int n0 = g0.size();
    boolean[] pinnedFaces = DemonsRegistration.pinnedFaces(fg, box, input.fixedMask());
    int pinned = 0;
    for (int face = 0; face < 6; face++) {
      pinned |= pinnedFaces[face] ? 1 << face : 0;
    }
    float[] f0 = crop(fixed.data(), fg, box);
    byte[] k0 = new byte[n0];
    int masked = 0;
    double maskedSum = 0;
    for (int k = 0; k < g0.nz(); k++) {
      for (int j = 0; j < g0.ny(); j++) {
        for (int i = 0; i < g0.nx(); i++) {
          int n = g0.index(i, j, k);
          boolean in = input.fixedMask() == null || input.fixedMask()[fg.index(box[0] + i, box[2] + j, box[4] + k)];
          if (in) {
            if (!Float.isFinite(f0[n])) {
              throw new RegistrationException("demons: the fixed image has a non-finite value (" + f0[n]
                  + ") at voxel (" + (box[0] + i) + ", " + (box[2] + j) + ", " + (box[4] + k) + ") inside the mask");
            }
            k0[n] = 1;
            masked++;
            maskedSum += f0[n];
          }
        }
      }
    }
    if (masked == 0) {
      throw new RegistrationException("demons: the fixed mask has no voxel inside the region " + g0);
    }
    if (masked < n0) {
      float mean = (float) (maskedSum / masked);
      for (int n = 0; n < n0; n++) {
        if (k0[n] == 0) {
          f0[n] = mean;
        }
      }
    }

    // 2. moving region at the fixed spacing
    Grid3 gm0 = movingGrid(g0, moving.grid(), aff);
    float[] m0 = movingLevel0(moving, gm0);

    // 3. overlap, constant checks
    float[] r0 = new float[n0];
    sampleRigid(m0, gm0, g0, aff, r0);
    long overlap = 0;
    float fLo = Float.POSITIVE_INFINITY;
    float fHi = Float.NEGATIVE_INFINITY;
    float rLo = Float.POSITIVE_INFINITY;
    float rHi = Float.NEGATIVE_INFINITY;
    byte[] use = new byte[n0];
    double rSum = 0;
    for (int n = 0; n < n0; n++) {
      if (k0[n] != 0 && !Float.isNaN(r0[n])) {
        use[n] = 1;
        overlap++;
        fLo = Math.min(fLo, f0[n]);
        fHi = Math.max(fHi, f0[n]);
        rLo = Math.min(rLo, r0[n]);
        rHi = Math.max(rHi, r0[n]);
        rSum += r0[n];
      }
    }
    double overlapFraction = (double) overlap / masked;
    if (overlapFraction < p.minOverlapFraction()) {
      throw new RegistrationException(String.format(Locale.ROOT,
          "demons: only %.1f%% of the fixed region maps into the moving image under %s, expected at least %.1f%%"
              + " (empty or small overlap: wrong initial transform or grids?)",
          100 * overlapFraction, init, 100 * p.minOverlapFraction()));
    }
    if (!(fHi - fLo > 1e-3f)) {
      throw new RegistrationException("demons: the fixed image is constant (" + fLo + ") over the overlap; nothing to register");
    }
    if (!(rHi - rLo > 1e-3f)) {
      throw new RegistrationException("demons: the moving image is constant (" + rLo + ") over the overlap; nothing to register");
    }

    // 4. shading, intensity matching
    ShadingCorrection shading = ShadingCorrection.none();
    if (p.shadingCorrection()) {
      shading = ShadingCorrection.fit(f0, r0, use, g0);
      shading.applyInPlace(f0, g0);
    }
    HistogramMatching hm = HistogramMatching.identity();
    if (p.histogramMatching()) {
      float rMean = (float) (rSum / overlap);
      float[] fs = f0.clone();
      float[] rs = r0.clone();
      for (int n = 0; n < n0; n++) {
        if (Float.isNaN(rs[n])) {
          rs[n] = rMean;
        }
      }
      double sigma = p.histogramSmoothingVoxels() * maxSpacing(g0);
      float[] scratch = new float[n0];
      GaussianSmoother.smooth(fs, scratch, g0, sigma, sigma, sigma);
      GaussianSmoother.smooth(rs, scratch, g0, sigma, sigma, sigma);
      hm = HistogramMatching.fit(fs, rs, use, p.histogramMatchPoints());
      hm.applyInPlace(f0);
    }

    // 5. number of levels
    int levels = p.levels();
    while (levels > 1 && minDim(g0) / (double) (1 << (levels - 1)) < MIN_LEVEL_VOXELS) {
      levels--;
    }
    return new Prepared(fg, box, g0, f0, k0, gm0, m0, aff, pinnedFaces, pinned, shading, hm, levels);
  }

  /** The fixed grid of level l (shrink factor 2^l). */
  static Grid3 levelGrid(Grid3 g0, int l) {
    int f = 1 << l;
    return l == 0 ? g0 : g0.resampled(g0.spacingXMm() * f, g0.spacingYMm() * f, g0.spacingZMm() * f);
  }

  /** The moving grid of level l. */
  static Grid3 movingLevelGrid(Grid3 g0, Grid3 gm0, int l) {
    int f = 1 << l;
    return l == 0 ? gm0 : gm0.resampled(Math.max(gm0.spacingXMm(), g0.spacingXMm() * f),
        Math.max(gm0.spacingYMm(), g0.spacingYMm() * f), Math.max(gm0.spacingZMm(), g0.spacingZMm() * f));
  }

  /** The fixed mask of a coarse level: k0 at the nearest g0 voxel (step 5). */
  static byte[] levelMask(byte[] k0, Grid3 g0, Grid3 g) {
    byte[] out = new byte[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      int kk = clampIndex(Math.round(g0.fk(g.z(k))), g0.nz());
      for (int j = 0; j < g.ny(); j++) {
        int jj = clampIndex(Math.round(g0.fj(g.y(j))), g0.ny());
        for (int i = 0; i < g.nx(); i++) {
          int ii = clampIndex(Math.round(g0.fi(g.x(i))), g0.nx());
          out[g.index(i, j, k)] = k0[g0.index(ii, jj, kk)];
        }
      }
    }
    return out;
  }

  /** RegionOfInterest.indexBox: voxels of g whose centres lie inside the box, or null. */
  static int[] indexBox(double minX, double minY, double minZ, double maxX, double maxY, double maxZ, Grid3 g) {
    int i0 = Math.max(0, (int) Math.ceil(g.fi(minX) - 1e-9));
    int i1 = Math.min(g.nx() - 1, (int) Math.floor(g.fi(maxX) + 1e-9));
    int j0 = Math.max(0, (int) Math.ceil(g.fj(minY) - 1e-9));
    int j1 = Math.min(g.ny() - 1, (int) Math.floor(g.fj(maxY) + 1e-9));
    int k0 = Math.max(0, (int) Math.ceil(g.fk(minZ) - 1e-9));
    int k1 = Math.min(g.nz() - 1, (int) Math.floor(g.fk(maxZ) + 1e-9));
    if (i0 > i1 || j0 > j1 || k0 > k1) {
      return null;
    }
    return new int[] {i0, i1, j0, j1, k0, k1};
  }

  /** R(p) = m(A p + b) (Trilinear, NaN outside) on the voxels of g. Writes out. */
  static void sampleRigid(float[] m, Grid3 gm, Grid3 g, double[] a, float[] out) {
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          double x = g.x(i);
          out[row + i] = Trilinear.sample(m, gm,
              gm.fi(a[0] * x + a[1] * y + a[2] * z + a[9]),
              gm.fj(a[3] * x + a[4] * y + a[5] * z + a[10]),
              gm.fk(a[6] * x + a[7] * y + a[8] * z + a[11]), Float.NaN);
        }
      }
    });
  }

  /** The level-0 moving grid (the reference's movingGrid). */
  static Grid3 movingGrid(Grid3 g0, Grid3 mg, double[] a) {
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int c = 0; c < 8; c++) {
      double x = (c & 1) == 0 ? g0.x(0) - 0.5 * g0.spacingXMm() : g0.x(g0.nx() - 1) + 0.5 * g0.spacingXMm();
      double y = (c & 2) == 0 ? g0.y(0) - 0.5 * g0.spacingYMm() : g0.y(g0.ny() - 1) + 0.5 * g0.spacingYMm();
      double z = (c & 4) == 0 ? g0.z(0) - 0.5 * g0.spacingZMm() : g0.z(g0.nz() - 1) + 0.5 * g0.spacingZMm();
      double[] q = {a[0] * x + a[1] * y + a[2] * z + a[9], a[3] * x + a[4] * y + a[5] * z + a[10],
          a[6] * x + a[7] * y + a[8] * z + a[11]};
      for (int d = 0; d < 3; d++) {
        lo[d] = Math.min(lo[d], q[d]);
        hi[d] = Math.max(hi[d], q[d]);
      }
    }
    double[] fsp = {g0.spacingXMm(), g0.spacingYMm(), g0.spacingZMm()};
    double[] msp = {mg.spacingXMm(), mg.spacingYMm(), mg.spacingZMm()};
    double[] mo = {mg.originXMm(), mg.originYMm(), mg.originZMm()};
    int[] mn = {mg.nx(), mg.ny(), mg.nz()};
    int[] n = new int[3];
    double[] sp = new double[3];
    double[] org = new double[3];
    for (int d = 0; d < 3; d++) {
      double mlo = mo[d] - 0.5 * msp[d];
      double mhi = mo[d] + (mn[d] - 0.5) * msp[d];
      double l = Math.max(lo[d] - MOVING_MARGIN_MM, mlo);
      double h = Math.min(hi[d] + MOVING_MARGIN_MM, mhi);
      if (!(h - l > 0)) {
        throw new RegistrationException("demons: the fixed region mapped by the initial transform does not overlap"
            + " the moving image along axis " + "xyz".charAt(d) + " (moving spans " + mlo + ".." + mhi
            + " mm, mapped region " + lo[d] + ".." + hi[d] + " mm): empty overlap");
      }
      int i0 = (int) Math.max(0, Math.min(mn[d] - 1, Math.floor((l - mo[d]) / msp[d])));
      int i1 = (int) Math.max(0, Math.min(mn[d] - 1, Math.ceil((h - mo[d]) / msp[d])));
      org[d] = mo[d] + i0 * msp[d];
      if (msp[d] >= 0.75 * fsp[d]) {
        sp[d] = msp[d];
        n[d] = i1 - i0 + 1;
      } else {
        sp[d] = fsp[d];
        n[d] = (int) Math.floor((mo[d] + i1 * msp[d] - org[d]) / sp[d] + 1e-9) + 1;
      }
    }
    return new Grid3(n[0], n[1], n[2], sp[0], sp[1], sp[2], org[0], org[1], org[2]);
  }

  /** The moving image on gm0 (the reference's movingLevel0). */
  static float[] movingLevel0(Volume moving, Grid3 gm0) {
    Grid3 mg = moving.grid();
    int[] box = {
        clampIndex((long) Math.floor(mg.fi(gm0.x(0)) + 1e-6), mg.nx()), clampIndex((long) Math.ceil(mg.fi(gm0.x(gm0.nx() - 1)) - 1e-6), mg.nx()),
        clampIndex((long) Math.floor(mg.fj(gm0.y(0)) + 1e-6), mg.ny()), clampIndex((long) Math.ceil(mg.fj(gm0.y(gm0.ny() - 1)) - 1e-6), mg.ny()),
        clampIndex((long) Math.floor(mg.fk(gm0.z(0)) + 1e-6), mg.nz()), clampIndex((long) Math.ceil(mg.fk(gm0.z(gm0.nz() - 1)) - 1e-6), mg.nz())};
    Grid3 cg = subGrid(mg, box);
    float[] c = crop(moving.data(), mg, box);
    for (int n = 0; n < c.length; n++) {
      if (!Float.isFinite(c[n])) {
        throw new RegistrationException("demons: the moving image has a non-finite value (" + c[n]
            + ") in the region that overlaps the fixed image");
      }
    }
    if (cg.sameAs(gm0)) {
      return c;
    }
    double ax = cg.spacingXMm() < 0.75 * gm0.spacingXMm() ? 0.5 * gm0.spacingXMm() : 0;
    double ay = cg.spacingYMm() < 0.75 * gm0.spacingYMm() ? 0.5 * gm0.spacingYMm() : 0;
    double az = cg.spacingZMm() < 0.75 * gm0.spacingZMm() ? 0.5 * gm0.spacingZMm() : 0;
    if (ax > 0 || ay > 0 || az > 0) {
      GaussianSmoother.smooth(c, new float[c.length], cg, ax, ay, az);
    }
    float[] out = new float[gm0.size()];
    resampleClamped(c, cg, out, gm0);
    return out;
  }

  /** Sampling.resample: edge-clamped trilinear at the voxel centres of dg. Writes dst. */
  static void resampleClamped(float[] src, Grid3 sg, float[] dst, Grid3 dg) {
    IntStream.range(0, dg.nz()).parallel().forEach(k -> {
      double fk = sg.fk(dg.z(k));
      for (int j = 0; j < dg.ny(); j++) {
        double fj = sg.fj(dg.y(j));
        int row = dg.index(0, j, k);
        for (int i = 0; i < dg.nx(); i++) {
          dst[row + i] = clamped(src, sg, sg.fi(dg.x(i)), fj, fk);
        }
      }
    });
  }

  /** Sampling.clamped. */
  static float clamped(float[] a, Grid3 g, double fi, double fj, double fk) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    double ci = fi < 0 ? 0 : (fi > nx - 1 ? nx - 1 : fi);
    double cj = fj < 0 ? 0 : (fj > ny - 1 ? ny - 1 : fj);
    double ck = fk < 0 ? 0 : (fk > nz - 1 ? nz - 1 : fk);
    int i0 = Math.min((int) ci, Math.max(0, nx - 2));
    int j0 = Math.min((int) cj, Math.max(0, ny - 2));
    int k0 = Math.min((int) ck, Math.max(0, nz - 2));
    float tx = (float) (ci - i0);
    float ty = (float) (cj - j0);
    float tz = (float) (ck - k0);
    int sx = nx > 1 ? 1 : 0;
    int sy = ny > 1 ? nx : 0;
    int sz = nz > 1 ? nx * ny : 0;
    int b = i0 + nx * (j0 + ny * k0);
    float c00 = a[b] + tx * (a[b + sx] - a[b]);
    float c10 = a[b + sy] + tx * (a[b + sy + sx] - a[b + sy]);
    float c01 = a[b + sz] + tx * (a[b + sz + sx] - a[b + sz]);
    float c11 = a[b + sz + sy] + tx * (a[b + sz + sy + sx] - a[b + sz + sy]);
    float c0 = c00 + ty * (c10 - c00);
    float c1 = c01 + ty * (c11 - c01);
    return c0 + tz * (c1 - c0);
  }

  static Grid3 subGrid(Grid3 g, int[] box) {
    return new Grid3(box[1] - box[0] + 1, box[3] - box[2] + 1, box[5] - box[4] + 1,
        g.spacingXMm(), g.spacingYMm(), g.spacingZMm(), g.x(box[0]), g.y(box[2]), g.z(box[4]));
  }

  static float[] crop(float[] src, Grid3 g, int[] box) {
    int nx = box[1] - box[0] + 1;
    int ny = box[3] - box[2] + 1;
    int nz = box[5] - box[4] + 1;
    float[] out = new float[nx * ny * nz];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        System.arraycopy(src, g.index(box[0], box[2] + j, box[4] + k), out, nx * (j + ny * k), nx);
      }
    }
    return out;
  }

  static int clampIndex(long v, int n) {
    return (int) (v < 0 ? 0 : (v >= n ? n - 1 : v));
  }

  static double maxSpacing(Grid3 g) {
    return Math.max(g.spacingXMm(), Math.max(g.spacingYMm(), g.spacingZMm()));
  }

  static double minSpacing(Grid3 g) {
    return Math.min(g.spacingXMm(), Math.min(g.spacingYMm(), g.spacingZMm()));
  }

  static int minDim(Grid3 g) {
    return Math.min(g.nx(), Math.min(g.ny(), g.nz()));
  }
}
