package org.twinsim.model.registration;

import java.util.Locale;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.Volume;

/**
 * The host preparation of demons registration, shared by every backend: steps 1 to 4 of the exact
 * algorithm documented on {@link DemonsRegistration} (region and fixed mask with the masked mean
 * fill, moving region, overlap and ill-posedness checks, shading correction and intensity matching)
 * and of step 5 the number of levels, the level grids and the coarse masks. The CPU reference
 * ({@link DemonsRegistration#register}) and the GPU backend ({@code org.twinsim.gpu.registration})
 * both start from {@link #prepare}: one implementation, so their level-0 images are bit-identical
 * by construction, not by a port kept in step. The backends differ
 * only in where they smooth and resample the coarse images (step 5) and iterate (steps 6 and 7);
 * both end with {@link DemonsRegistration#assembleField} (step 8).
 *
 * <p>Immutable: the accessors of arrays return copies (the backends upload or copy them once per
 * call). Computed once per registration; the level-0 arithmetic is the reference's, so a change
 * here changes every backend alike.
 */
public final class DemonsSetup {
  final Grid3 fixedGrid;
  final int[] box;
  final Grid3 g0;
  final float[] f0;
  final byte[] k0;
  final Grid3 gm0;
  final float[] m0;
  final double[] affine;
  final boolean[] pinnedFaces;
  final ShadingCorrection shading;
  final HistogramMatching intensityMap;
  final int levels;

  private DemonsSetup(Grid3 fixedGrid, int[] box, Grid3 g0, float[] f0, byte[] k0, Grid3 gm0, float[] m0,
                      double[] affine, boolean[] pinnedFaces, ShadingCorrection shading,
                      HistogramMatching intensityMap, int levels) {
    this.fixedGrid = fixedGrid;
    this.box = box;
    this.g0 = g0;
    this.f0 = f0;
    this.k0 = k0;
    this.gm0 = gm0;
    this.m0 = m0;
    this.affine = affine;
    this.pinnedFaces = pinnedFaces;
    this.shading = shading;
    this.intensityMap = intensityMap;
    this.levels = levels;
  }

  /**
   * Steps 1 to 4 of {@link DemonsRegistration}'s algorithm for one call, and the number of levels
   * (step 5).
   *
   * @param input the images, the initial transform, the region of interest and the fixed mask
   * @param p the parameters (overlap fraction, shading correction, histogram matching, levels)
   * @return the prepared level-0 images and what the output step needs
   * @throws RegistrationException for ill-posed input (empty region or mask, non-finite values,
   *     too small an overlap, a constant image), with the reference's messages
   */
  public static DemonsSetup prepare(RegistrationInput input, DemonsParameters p) {
    if (input == null || p == null) {
      throw new IllegalArgumentException("demons: input and parameters are required");
    }
    Volume fixed = input.fixed();
    Volume moving = input.moving();
    Grid3 fg = fixed.grid();
    RigidTransform init = input.initialOrIdentity();
    double[] aff = init.affine();

    // 1. region
    int[] box;
    if (input.roi() == null) {
      box = Sampling.fullBox(fg);
    } else {
      box = input.roi().indexBox(fg);
      if (box == null) {
        throw new RegistrationException("demons: region of interest " + input.roi()
            + " contains no voxel centre of the fixed grid " + fg);
      }
    }
    Grid3 g0 = Sampling.subGrid(fg, box);
    int n0 = g0.size();
    boolean[] pinned = DemonsRegistration.pinnedFaces(fg, box, input.fixedMask());
    float[] f0 = Sampling.crop(fixed.data(), fg, box);
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
    Grid3 gm0 = movingGrid(g0, moving.grid(), aff, DemonsRegistration.MOVING_MARGIN_MM);
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

    // 5. number of levels (the pyramid's minimum-size rule)
    int levels = p.levels();
    while (levels > 1 && minDim(g0) / (double) (1 << (levels - 1)) < DemonsRegistration.MIN_LEVEL_VOXELS) {
      levels--;
    }
    return new DemonsSetup(fg, box, g0, f0, k0, gm0, m0, aff, pinned, shading, hm, levels);
  }

  // ---------------------------------------------------------------------------------------------
  // accessors

  /** The full fixed grid (the output field's grid). */
  public Grid3 fixedGrid() {
    return fixedGrid;
  }

  /** The region's inclusive index box on the fixed grid {i0, i1, j0, j1, k0, k1} (a copy). */
  public int[] box() {
    return box.clone();
  }

  /** The level-0 grid G0: the region's voxels of the fixed grid. */
  public Grid3 g0() {
    return g0;
  }

  /** F0 on G0: the fixed region, masked-out voxels at the masked mean, shading-corrected and intensity-matched (a copy). */
  public float[] f0() {
    return f0.clone();
  }

  /** K0 on G0: the fixed mask, 1 where the fixed image holds data (a copy). */
  public byte[] k0() {
    return k0.clone();
  }

  /** The level-0 moving grid Gm0 (step 2). */
  public Grid3 gm0() {
    return gm0;
  }

  /** M0 on Gm0: the moving image of the region (a copy). */
  public float[] m0() {
    return m0.clone();
  }

  /** The initial transform's 12 doubles, {@link RigidTransform#affine()} (a copy). */
  public double[] affine() {
    return affine.clone();
  }

  /** The region's pinned faces, order -x +x -y +y -z +z ({@link DemonsRegistration#pinnedFaces}; a copy). */
  public boolean[] pinnedFaces() {
    return pinnedFaces.clone();
  }

  /** The shading correction subtracted from F0 ({@link ShadingCorrection#none()} when disabled). */
  public ShadingCorrection shading() {
    return shading;
  }

  /** The intensity mapping applied to F0 ({@link HistogramMatching#identity()} when disabled). */
  public HistogramMatching intensityMap() {
    return intensityMap;
  }

  /** Levels of the pyramid after the minimum-size rule ({@value DemonsRegistration#MIN_LEVEL_VOXELS} voxels). */
  public int levels() {
    return levels;
  }

  // ---------------------------------------------------------------------------------------------
  // pyramid (step 5)

  /** Gl: the fixed grid of level {@code l}, {@code G0.resampled(2^l x G0 spacing)} (G0 itself for l = 0). */
  public Grid3 levelGrid(int l) {
    int f = 1 << l;
    return l == 0 ? g0 : g0.resampled(g0.spacingXMm() * f, g0.spacingYMm() * f, g0.spacingZMm() * f);
  }

  /** Gml: the moving grid of level {@code l}, {@code Gm0.resampled(max(Gm0 spacing, 2^l x G0 spacing))} per axis. */
  public Grid3 movingLevelGrid(int l) {
    int f = 1 << l;
    return l == 0 ? gm0 : gm0.resampled(Math.max(gm0.spacingXMm(), g0.spacingXMm() * f),
        Math.max(gm0.spacingYMm(), g0.spacingYMm() * f), Math.max(gm0.spacingZMm(), g0.spacingZMm() * f));
  }

  /** Kl: the fixed mask on a level grid {@code g} ({@link #levelGrid}): K0 at the nearest G0 voxel (a new array). */
  public byte[] levelMask(Grid3 g) {
    byte[] out = new byte[g.size()];
    levelMask(g, out);
    return out;
  }

  /** {@link #levelMask(Grid3)} into {@code out} (length {@code g.size()}). */
  void levelMask(Grid3 g, byte[] out) {
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
  }

  /** The smallest spacing of {@code g}, mm (the step limit and the diffeomorphic update use it, steps 7d and 7f). */
  public static double minSpacing(Grid3 g) {
    return Math.min(g.spacingXMm(), Math.min(g.spacingYMm(), g.spacingZMm()));
  }

  /** The largest spacing of {@code g}, mm (the smoothing sigmas use it, steps 4, 7e and 7g). */
  public static double maxSpacing(Grid3 g) {
    return Math.max(g.spacingXMm(), Math.max(g.spacingYMm(), g.spacingZMm()));
  }

  // ---------------------------------------------------------------------------------------------
  // helpers (movingGrid and movingLevel0 also serve the rigid registration)

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

  /**
   * The level-0 moving grid: the transformed fixed region's bounding box, grown by
   * {@code marginMm} ({@value DemonsRegistration#MOVING_MARGIN_MM} mm for demons) and cut to the
   * moving image's extent. Along an axis where the moving spacing is at least 0.75 x the fixed
   * spacing it is a sub-grid of the moving grid (same lattice: no interpolation); along a finer
   * axis it has the fixed spacing, starting at a moving voxel centre.
   */
  static Grid3 movingGrid(Grid3 g0, Grid3 mg, double[] a, double marginMm) {
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
      double l = Math.max(lo[d] - marginMm, mlo);
      double h = Math.min(hi[d] + marginMm, mhi);
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

  /**
   * The moving image on gm0: a crop where gm0 is a sub-grid of the moving grid, else anti-alias
   * filtered (sigma 0.5 x gm0 spacing on the finer axes) and resampled (edge-clamped trilinear).
   */
  static float[] movingLevel0(Volume moving, Grid3 gm0) {
    Grid3 mg = moving.grid();
    int[] box = {
        clampIndex((long) Math.floor(mg.fi(gm0.x(0)) + 1e-6), mg.nx()), clampIndex((long) Math.ceil(mg.fi(gm0.x(gm0.nx() - 1)) - 1e-6), mg.nx()),
        clampIndex((long) Math.floor(mg.fj(gm0.y(0)) + 1e-6), mg.ny()), clampIndex((long) Math.ceil(mg.fj(gm0.y(gm0.ny() - 1)) - 1e-6), mg.ny()),
        clampIndex((long) Math.floor(mg.fk(gm0.z(0)) + 1e-6), mg.nz()), clampIndex((long) Math.ceil(mg.fk(gm0.z(gm0.nz() - 1)) - 1e-6), mg.nz())};
    Grid3 cg = Sampling.subGrid(mg, box);
    float[] c = Sampling.crop(moving.data(), mg, box);
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
    Sampling.resample(c, cg, out, gm0);
    return out;
  }

  static int clampIndex(long v, int n) {
    return (int) (v < 0 ? 0 : (v >= n ? n - 1 : v));
  }

  private static int minDim(Grid3 g) {
    return Math.min(g.nx(), Math.min(g.ny(), g.nz()));
  }
}
