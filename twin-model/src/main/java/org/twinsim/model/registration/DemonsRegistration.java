package org.twinsim.model.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.VectorField;

/**
 * Multi-resolution demons registration on the CPU (Thirion 1998, Med Image Anal 2:243; symmetric
 * forces and diffeomorphic updates: Vercauteren et al. 2009, NeuroImage 45:S61), the reference
 * implementation of {@link DeformableRegistration}. Loops run on primitive float arrays, parallel
 * over slices; per-slice partial sums are added in slice order, so the result does not depend on
 * the number of threads (bit-identical).
 *
 * <h2>Exact algorithm (what a GPU port must reproduce)</h2>
 * Notation: F fixed (CBCT), M moving (CT), T the initial rigid transform (fixed -> moving point,
 * affine {@code A p + b}), v the deformable part of the field; the result is
 * {@code u(p) = T(p) - p + v(p)}. All images and fields are float; positions and sums double.
 * <ol>
 * <li><b>Region.</b> The fixed grid is cropped to the voxels whose centres lie in the region of
 * interest (whole grid if none): level-0 grid G0, image F0, mask K0 (fixed mask, all ones if none).
 * Masked-out F0 voxels are replaced by the mean of the masked-in ones.</li>
 * <li><b>Moving region.</b> The 8 corners of G0's extent (voxel centres +/- half a voxel) are mapped
 * by T; their bounding box, grown by {@value #MOVING_MARGIN_MM} mm and cut to the moving image's
 * extent, is covered by the grid Gm0: along an axis where the moving spacing
 * is at least 0.75 x G0's, the moving grid's own voxels (a crop: no interpolation); along a finer
 * axis, G0's spacing starting at a moving voxel centre, the moving image being filtered there with
 * a Gaussian of sigma 0.5 x G0's spacing and resampled by edge-clamped trilinear interpolation
 * ({@link Sampling}). M0 is the result.</li>
 * <li><b>Overlap and ill-posedness.</b> R0(p) = M0(T(p)) by {@link Trilinear} (NaN beyond half a
 * voxel outside Gm0). Overlap = voxels with K0 and R0 finite; fewer than
 * {@code minOverlapFraction} of K0 throws, as does a constant F0 or R0 over the overlap.</li>
 * <li><b>Intensity.</b> First the shading (if {@code shadingCorrection}): {@link ShadingCorrection}
 * fitted to F0 - R0 over the overlap and subtracted from F0 (every voxel). Then the intensity
 * matching (if {@code histogramMatching}): copies of F0 and R0 (R0's NaN replaced by its mean over
 * the overlap) are smoothed with sigma = {@code histogramSmoothingVoxels} x max spacing (mm,
 * isotropic); {@link HistogramMatching} is fitted on the overlap and applied to F0
 * itself (shading-corrected, not smoothed).</li>
 * <li><b>Pyramid.</b> Levels l = L-1 .. 0 with shrink factor f = 2^l; L is reduced while the
 * coarsest G0-level would have fewer than {@value #MIN_LEVEL_VOXELS} voxels along an axis. Gl =
 * {@code G0.resampled(f x G0 spacing)}; Gml = {@code Gm0.resampled(max(Gm0 spacing, f x G0
 * spacing))} per axis. For f > 1, Fl and Ml are F0 and M0 smoothed ({@link GaussianSmoother}) with
 * sigma 0.5 f x G0 spacing (mm, per axis), then sampled at the level's voxel centres (edge-clamped
 * trilinear); for f = 1 they are F0 and M0. Kl = K0 at the nearest G0 voxel.</li>
 * <li><b>Level start.</b> v = 0 at the coarsest level, else the previous level's v resampled at
 * Gl's voxel centres (edge-clamped trilinear). Gradient of Fl by central differences divided by 2
 * x spacing (mm); a component is 0 where a neighbour along its axis is outside the grid or outside
 * Kl (a one-sided difference would contain the voxel's own noise, which correlates with d below
 * and pushes the field outwards at every border).</li>
 * <li><b>Iteration</b> k = 0, 1, ...:
 *   <ol type="a">
 *   <li>W(p) = Ml(A p + b + v(p)) by {@link Trilinear} (NaN outside Gml). A voxel is valid if Kl
 *   and W finite; invalid voxels get W = F.</li>
 *   <li>Metric m_k = mean of (W - F)^2 over valid voxels (zero valid voxels throws).</li>
 *   <li>Stop if k = maxIterations, or if convergenceMm > 0 and the net field change (step h) of
 *   each of the last convergenceWindow iterations was below convergenceMm. The level then reports
 *   k iterations and m_k as its final metric.</li>
 *   <li>Force at valid voxels: d = W - F; J = grad F (FIXED_GRADIENT), (grad F + grad W) / 2
 *   (SYMMETRIC) or grad W (MOVING_GRADIENT; grad W by the same central differences, 0 where a
 *   neighbour is invalid); with
 *   h = maxStepVoxels x the level's smallest spacing (mm), {@code du = -d J / (|J|^2 + d^2 / (4 h^2) + g0^2)} with g0 =
 *   gradientFloorHuPerMm, and du = 0 where the denominator is below 1e-9 or the voxel is invalid.</li>
 *   <li>du smoothed with sigma = updateSigmaVoxels x the level's largest spacing (mm, all axes).</li>
 *   <li>Update. ADDITIVE: v = v + du. DIFFEOMORPHIC: n = smallest integer >= 0 with
 *   max|du| / 2^n <= 0.5 x smallest spacing; e = du / 2^n, then n times e(p) = e(p) + e(p + e(p));
 *   then v(p) = A e(p) + v(p + e(p)) (the composition u o (id + e) with the rigid part). Field
 *   lookups at p + e(p) are edge-clamped trilinear on Gl.</li>
 *   <li>v smoothed with sigma = fieldSigmaVoxels x the level's largest spacing (mm, all axes);
 *   then v = 0 on the pinned faces of the level grid: the faces of the region of interest that
 *   lie inside the fixed image with at least one masked-in (measured) fixed voxel in the slab just
 *   beyond them ({@link #pinnedFaces}), so that the field joins the rigid transform continuously
 *   outside the region (as ITK's PDE registration pins the field border). Faces of the fixed image,
 *   and faces where the region was cut by the end of the measured data (the CBCT's field of view),
 *   are free: nothing beyond them says that the anatomy there moved rigidly.</li>
 *   <li>Net change of the iteration: RMS over valid voxels of v after g minus v before f, mm.</li>
 *   </ol></li>
 * <li><b>Output</b> on the full fixed grid: {@code u(p) = A p + b - p + v(p)} inside the region;
 * outside it the rigid part plus, beyond free faces only, v of the nearest region voxel times
 * {@code max(0, 1 - d / EXTENSION_MM)} with d the distance to the region's box (continuous where
 * the data ended). A non-finite component throws (never returned).</li>
 * </ol>
 * Steps 1 to 4, and of step 5 the number of levels, the level grids Gl and Gml and the coarse
 * masks Kl, are one public implementation, {@link DemonsSetup}, that every backend calls (so the
 * level-0 images F0, K0 and M0 are the same on every backend); step 8 is
 * {@link #assembleField}, likewise shared. A port reproduces step 5's images and steps 6 and 7.
 *
 * <h2>Backend tolerance</h2>
 * A port that follows the steps above with {@code convergenceMm = 0} (same iteration counts) must
 * give a field within 0.05 mm RMS and 0.5 mm maximum of this one over the region of interest (4 mm
 * voxels, 3 levels x 50 iterations), as measured by {@link TargetRegistrationError#of} between the
 * two fields. The CPU result is far from chaotic: perturbing every CBCT voxel by a relative 1e-5
 * (tens of float ulps) moves the field by 0.0007 mm RMS and 0.003 mm at most (registration
 * benchmark, {@code sensitivity}), so rounding differences (fused multiply-add, summation order)
 * stay far inside the tolerance; it leaves room for hardware texture interpolation, whose 8-bit
 * weights are the largest deviation a GPU port is likely to make.
 *
 * <p>Not thread-safe: an instance keeps its work buffers between calls and reuses them when the
 * next call has the same level grids (one patient's fractions). Use one instance per thread.
 */
public final class DemonsRegistration implements DeformableRegistration {
  /** This implementation's name in reports. */
  public static final String NAME = "demons-cpu";
  /** Margin kept around the transformed fixed region in the moving image, mm. */
  public static final double MOVING_MARGIN_MM = 30;
  /** Beyond a free face of the region the field fades from its face value to the rigid transform over this distance, mm. */
  public static final double EXTENSION_MM = 30;
  /** Fewest voxels along any axis of the coarsest level. */
  public static final int MIN_LEVEL_VOXELS = 4;

  private Level[] cache = new Level[0];
  private float[] pyrF = new float[0];
  private float[] pyrFs = new float[0];
  private float[] pyrM = new float[0];
  private float[] pyrMs = new float[0];

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeformableResult register(RegistrationInput input, DemonsParameters p, RegistrationListener listener) {
    if (input == null || p == null) {
      throw new IllegalArgumentException("demons: input and parameters are required");
    }
    RegistrationListener lis = listener == null ? RegistrationListener.NONE : listener;
    long t0 = System.nanoTime();
    // 1 to 4, and the number of levels of 5: the host preparation shared with the other backends
    DemonsSetup setup = DemonsSetup.prepare(input, p);
    double[] aff = setup.affine;
    boolean[] pinned = setup.pinnedFaces;
    int levels = setup.levels;

    // 5. pyramid
    ensureCache(levels);
    List<LevelReport> reports = new ArrayList<>();
    Level prev = null;
    double finalMetric = Double.NaN;
    for (int l = levels - 1; l >= 0; l--) {
      long tl = System.nanoTime();
      Grid3 gl = setup.levelGrid(l);
      Level lv = cache[l] = Level.reuse(cache[l], gl, setup.movingLevelGrid(l));
      buildLevel(lv, 1 << l, setup);
      if (prev == null) {
        Arrays.fill(lv.vx, 0f);
        Arrays.fill(lv.vy, 0f);
        Arrays.fill(lv.vz, 0f);
      } else {
        Sampling.resample(prev.vx, prev.g, lv.vx, gl);
        Sampling.resample(prev.vy, prev.g, lv.vy, gl);
        Sampling.resample(prev.vz, prev.g, lv.vz, gl);
      }
      gradient(lv.f, lv.mask, gl, lv.gfx, lv.gfy, lv.gfz);
      lis.levelStarted(NAME, l, levels, gl);
      LevelReport rep = runLevel(lv, l, aff, p, lis, pinned);
      double secs = (System.nanoTime() - tl) * 1e-9;
      rep = new LevelReport(NAME, l, gl, rep.iterations(), rep.converged(), rep.metricStart(), rep.metricEnd(),
          rep.updateSigmaMm(), rep.fieldSigmaMm(), secs);
      reports.add(rep);
      lis.levelFinished(rep);
      finalMetric = rep.metricEnd();
      prev = lv;
    }

    // 8. output on the full fixed grid
    VectorField out = assemble(setup.fixedGrid, setup.box, aff, prev, pinned);
    if (!out.isFinite()) {
      throw new IllegalStateException("demons: the field has non-finite components after registration"
          + " (input was finite; this is a defect, not an input problem)");
    }
    double secs = (System.nanoTime() - t0) * 1e-9;
    return new DeformableResult(out, reports, finalMetric, setup.intensityMap, setup.shading, secs, NAME);
  }

  // ---------------------------------------------------------------------------------------------
  // levels

  /** Work buffers of one level, reused between calls when the grids' sizes match. */
  static final class Level {
    Grid3 g;
    Grid3 gm;
    float[] f;
    float[] m;
    float[] w;
    byte[] mask;
    byte[] valid;
    float[] gfx;
    float[] gfy;
    float[] gfz;
    float[] vx;
    float[] vy;
    float[] vz;
    float[] dx;
    float[] dy;
    float[] dz;
    float[] tx;
    float[] ty;
    float[] tz;
    float[] scratch;
    float[] px;
    float[] py;
    float[] pz;
    double[] sumA;
    double[] sumB;
    double[] sumC;

    static Level reuse(Level old, Grid3 g, Grid3 gm) {
      Level l = old != null && old.f.length == g.size() && old.m.length == gm.size()
          && old.sumA.length == g.nz() ? old : new Level(g.size(), gm.size(), g.nz());
      l.g = g;
      l.gm = gm;
      return l;
    }

    private Level(int n, int nm, int nz) {
      f = new float[n];
      m = new float[nm];
      w = new float[n];
      mask = new byte[n];
      valid = new byte[n];
      gfx = new float[n];
      gfy = new float[n];
      gfz = new float[n];
      vx = new float[n];
      vy = new float[n];
      vz = new float[n];
      dx = new float[n];
      dy = new float[n];
      dz = new float[n];
      tx = new float[n];
      ty = new float[n];
      tz = new float[n];
      scratch = new float[n];
      px = new float[n];
      py = new float[n];
      pz = new float[n];
      sumA = new double[nz];
      sumB = new double[nz];
      sumC = new double[nz];
    }
  }

  private void ensureCache(int levels) {
    if (cache.length < levels) {
      cache = Arrays.copyOf(cache, levels);
    }
  }

  private void buildLevel(Level lv, int f, DemonsSetup setup) {
    float[] f0 = setup.f0;
    Grid3 g0 = setup.g0;
    float[] m0 = setup.m0;
    Grid3 gm0 = setup.gm0;
    byte[] k0 = setup.k0;
    if (f == 1) {
      System.arraycopy(f0, 0, lv.f, 0, f0.length);
      System.arraycopy(m0, 0, lv.m, 0, m0.length);
      System.arraycopy(k0, 0, lv.mask, 0, k0.length);
      return;
    }
    pyrF = fit(pyrF, f0.length);
    pyrFs = fit(pyrFs, f0.length);
    System.arraycopy(f0, 0, pyrF, 0, f0.length);
    GaussianSmoother.smooth(pyrF, pyrFs, g0, 0.5 * f * g0.spacingXMm(), 0.5 * f * g0.spacingYMm(),
        0.5 * f * g0.spacingZMm());
    Sampling.resample(pyrF, g0, lv.f, lv.g);
    pyrM = fit(pyrM, m0.length);
    pyrMs = fit(pyrMs, m0.length);
    System.arraycopy(m0, 0, pyrM, 0, m0.length);
    GaussianSmoother.smooth(pyrM, pyrMs, gm0, 0.5 * f * g0.spacingXMm(), 0.5 * f * g0.spacingYMm(),
        0.5 * f * g0.spacingZMm());
    Sampling.resample(pyrM, gm0, lv.m, lv.gm);
    setup.levelMask(lv.g, lv.mask);
  }

  private static float[] fit(float[] a, int n) {
    return a.length == n ? a : new float[n];
  }

  private LevelReport runLevel(Level lv, int level, double[] aff, DemonsParameters p, RegistrationListener lis,
                               boolean[] pinned) {
    Grid3 g = lv.g;
    double minSp = DemonsSetup.minSpacing(g);
    double maxSp = DemonsSetup.maxSpacing(g);
    double h = p.maxStepVoxels() * minSp;
    double sigU = p.updateSigmaVoxels() * maxSp;
    double sigV = p.fieldSigmaVoxels() * maxSp;
    float[] kU = GaussianSmoother.kernel(sigU / g.spacingXMm());
    float[] kUy = GaussianSmoother.kernel(sigU / g.spacingYMm());
    float[] kUz = GaussianSmoother.kernel(sigU / g.spacingZMm());
    float[] kV = GaussianSmoother.kernel(sigV / g.spacingXMm());
    float[] kVy = GaussianSmoother.kernel(sigV / g.spacingYMm());
    float[] kVz = GaussianSmoother.kernel(sigV / g.spacingZMm());
    int force = p.force().ordinal();
    int maxIt = p.maxIterations();
    double tol = p.convergenceMm();
    int window = p.convergenceWindow();
    double[] metric = new double[maxIt + 1];
    int it = 0;
    int quiet = 0;
    boolean converged = false;
    for (;; it++) {
      metric[it] = forces(lv, aff, force, h, p.gradientFloorHuPerMm());
      if (it == maxIt) {
        break;
      }
      if (tol > 0 && quiet >= window) {
        converged = true;
        break;
      }
      if (sigU > 0) {
        GaussianSmoother.smooth3(new float[][] {lv.dx, lv.dy, lv.dz}, new float[][] {lv.tx, lv.ty, lv.tz}, g, kU, kUy, kUz);
      }
      System.arraycopy(lv.vx, 0, lv.px, 0, lv.vx.length);
      System.arraycopy(lv.vy, 0, lv.py, 0, lv.vy.length);
      System.arraycopy(lv.vz, 0, lv.pz, 0, lv.vz.length);
      double rms;
      if (p.updateRule() == DemonsParameters.UpdateRule.ADDITIVE) {
        rms = addUpdate(lv);
      } else {
        rms = composeUpdate(lv, aff, minSp);
      }
      if (sigV > 0) {
        GaussianSmoother.smooth3(new float[][] {lv.vx, lv.vy, lv.vz}, new float[][] {lv.tx, lv.ty, lv.tz}, g, kV, kVy, kVz);
      }
      pinFaces(lv, pinned);
      double change = fieldChange(lv);
      quiet = change < tol ? quiet + 1 : 0;
      lis.iteration(NAME, level, it, metric[it], change);
    }
    return new LevelReport(NAME, level, g, it, converged, metric[0], metric[it], sigU, sigV, 0);
  }

  /**
   * Steps a, b and d: warps the moving image, computes the metric (returned) and the raw update
   * into dx, dy, dz. Writes lv.w, lv.valid, lv.dx/dy/dz, lv.sumA/sumB.
   */
  private static double forces(Level lv, double[] a, int force, double h, double floor) {
    final boolean symmetric = force == DemonsParameters.Force.SYMMETRIC.ordinal();
    final boolean movingOnly = force == DemonsParameters.Force.MOVING_GRADIENT.ordinal();
    final Grid3 g = lv.g;
    final Grid3 gm = lv.gm;
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    final float[] f = lv.f;
    final float[] m = lv.m;
    final float[] w = lv.w;
    final byte[] valid = lv.valid;
    final byte[] mask = lv.mask;
    final float[] vx = lv.vx;
    final float[] vy = lv.vy;
    final float[] vz = lv.vz;
    final double sx = g.spacingXMm();
    IntStream.range(0, nz).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < ny; j++) {
        double y = g.y(j);
        double x0 = g.x(0);
        double qx = a[0] * x0 + a[1] * y + a[2] * z + a[9];
        double qy = a[3] * x0 + a[4] * y + a[5] * z + a[10];
        double qz = a[6] * x0 + a[7] * y + a[8] * z + a[11];
        double stx = a[0] * sx;
        double sty = a[3] * sx;
        double stz = a[6] * sx;
        int row = nx * (j + ny * k);
        for (int i = 0; i < nx; i++) {
          int n = row + i;
          float val = Float.NaN;
          if (mask[n] != 0) {
            val = Trilinear.sample(m, gm, gm.fi(qx + i * stx + vx[n]), gm.fj(qy + i * sty + vy[n]),
                gm.fk(qz + i * stz + vz[n]), Float.NaN);
          }
          if (Float.isNaN(val)) {
            w[n] = f[n];
            valid[n] = 0;
          } else {
            w[n] = val;
            valid[n] = 1;
          }
        }
      }
    });
    final float[] gfx = lv.gfx;
    final float[] gfy = lv.gfy;
    final float[] gfz = lv.gfz;
    final float[] dx = lv.dx;
    final float[] dy = lv.dy;
    final float[] dz = lv.dz;
    final double[] sumSq = lv.sumA;
    final double[] count = lv.sumB;
    final float c = (float) (1.0 / (4 * h * h));
    final float eps = (float) (floor * floor);
    final float hx = (float) (0.5 / g.spacingXMm());
    final float hy = (float) (0.5 / g.spacingYMm());
    final float hz = (float) (0.5 / g.spacingZMm());
    IntStream.range(0, nz).parallel().forEach(k -> {
      double s = 0;
      int cnt = 0;
      int km = k > 0 ? -nx * ny : 0;
      int kp = k < nz - 1 ? nx * ny : 0;
      for (int j = 0; j < ny; j++) {
        int jm = j > 0 ? -nx : 0;
        int jp = j < ny - 1 ? nx : 0;
        int row = nx * (j + ny * k);
        for (int i = 0; i < nx; i++) {
          int n = row + i;
          if (valid[n] == 0) {
            dx[n] = 0f;
            dy[n] = 0f;
            dz[n] = 0f;
            continue;
          }
          float d = w[n] - f[n];
          s += (double) d * d;
          cnt++;
          float jx = gfx[n];
          float jy = gfy[n];
          float jz = gfz[n];
          if (symmetric || movingOnly) {
            // gradient of W where both neighbours along the axis are valid, else zero (see gradient)
            float wx = i > 0 && i < nx - 1 && valid[n - 1] != 0 && valid[n + 1] != 0 ? (w[n + 1] - w[n - 1]) * hx : 0f;
            float wy = jm != 0 && jp != 0 && valid[n + jm] != 0 && valid[n + jp] != 0 ? (w[n + jp] - w[n + jm]) * hy : 0f;
            float wz = km != 0 && kp != 0 && valid[n + km] != 0 && valid[n + kp] != 0 ? (w[n + kp] - w[n + km]) * hz : 0f;
            if (movingOnly) {
              jx = wx;
              jy = wy;
              jz = wz;
            } else {
              jx = 0.5f * (jx + wx);
              jy = 0.5f * (jy + wy);
              jz = 0.5f * (jz + wz);
            }
          }
          float den = jx * jx + jy * jy + jz * jz + d * d * c + eps;
          if (den < 1e-9f) {
            dx[n] = 0f;
            dy[n] = 0f;
            dz[n] = 0f;
          } else {
            float q = -d / den;
            dx[n] = q * jx;
            dy[n] = q * jy;
            dz[n] = q * jz;
          }
        }
      }
      sumSq[k] = s;
      count[k] = cnt;
    });
    double s = 0;
    double cnt = 0;
    for (int k = 0; k < nz; k++) {
      s += sumSq[k];
      cnt += count[k];
    }
    if (cnt == 0) {
      throw new RegistrationException("demons: no fixed voxel of level grid " + g
          + " maps inside the moving image any more (the field left the overlap)");
    }
    return s / cnt;
  }

  /** ADDITIVE update v += du; returns the RMS update length over valid voxels, mm. */
  private static double addUpdate(Level lv) {
    final Grid3 g = lv.g;
    final int plane = g.nx() * g.ny();
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double s = 0;
      int cnt = 0;
      for (int n = plane * k; n < plane * (k + 1); n++) {
        lv.vx[n] += lv.dx[n];
        lv.vy[n] += lv.dy[n];
        lv.vz[n] += lv.dz[n];
        if (lv.valid[n] != 0) {
          s += (double) lv.dx[n] * lv.dx[n] + (double) lv.dy[n] * lv.dy[n] + (double) lv.dz[n] * lv.dz[n];
          cnt++;
        }
      }
      lv.sumA[k] = s;
      lv.sumB[k] = cnt;
    });
    return rms(lv);
  }

  /**
   * Sets v to zero on the faces of the level grid flagged in {@code pinned} (order -x, +x, -y, +y,
   * -z, +z): the faces of a region of interest that lie inside the fixed image, where the field
   * must join the rigid transform outside the region.
   */
  static void pinFaces(Level lv, boolean[] pinned) {
    Grid3 g = lv.g;
    int nx = g.nx();
    int ny = g.ny();
    int nz = g.nz();
    float[][] v = {lv.vx, lv.vy, lv.vz};
    for (float[] a : v) {
      for (int k = 0; k < nz; k++) {
        boolean kf = (pinned[4] && k == 0) || (pinned[5] && k == nz - 1);
        for (int j = 0; j < ny; j++) {
          int row = nx * (j + ny * k);
          if (kf || (pinned[2] && j == 0) || (pinned[3] && j == ny - 1)) {
            java.util.Arrays.fill(a, row, row + nx, 0f);
            continue;
          }
          if (pinned[0]) {
            a[row] = 0f;
          }
          if (pinned[1]) {
            a[row + nx - 1] = 0f;
          }
        }
      }
    }
  }

  /** RMS over valid voxels of v - prev (the net change of this iteration), mm. */
  private static double fieldChange(Level lv) {
    final int plane = lv.g.nx() * lv.g.ny();
    IntStream.range(0, lv.g.nz()).parallel().forEach(k -> {
      double s = 0;
      int cnt = 0;
      for (int n = plane * k; n < plane * (k + 1); n++) {
        if (lv.valid[n] != 0) {
          double a = lv.vx[n] - lv.px[n];
          double b = lv.vy[n] - lv.py[n];
          double c = lv.vz[n] - lv.pz[n];
          s += a * a + b * b + c * c;
          cnt++;
        }
      }
      lv.sumA[k] = s;
      lv.sumB[k] = cnt;
    });
    return rms(lv);
  }

  private static double rms(Level lv) {
    double s = 0;
    double c = 0;
    for (int k = 0; k < lv.g.nz(); k++) {
      s += lv.sumA[k];
      c += lv.sumB[k];
    }
    return c == 0 ? 0 : Math.sqrt(s / c);
  }

  /**
   * DIFFEOMORPHIC update v <- A exp(du) + v o (id + exp(du)); returns the RMS of du over valid
   * voxels, mm. Uses tx/ty/tz as work space and swaps v with it.
   */
  private double composeUpdate(Level lv, double[] a, double minSp) {
    final Grid3 g = lv.g;
    final int plane = g.nx() * g.ny();
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double s = 0;
      int cnt = 0;
      double mx = 0;
      for (int n = plane * k; n < plane * (k + 1); n++) {
        double q = (double) lv.dx[n] * lv.dx[n] + (double) lv.dy[n] * lv.dy[n] + (double) lv.dz[n] * lv.dz[n];
        if (q > mx) {
          mx = q;
        }
        if (lv.valid[n] != 0) {
          s += q;
          cnt++;
        }
      }
      lv.sumA[k] = s;
      lv.sumB[k] = cnt;
      lv.sumC[k] = mx;
    });
    double rms = rms(lv);
    double maxNorm = 0;
    for (int k = 0; k < g.nz(); k++) {
      maxNorm = Math.max(maxNorm, lv.sumC[k]);
    }
    maxNorm = Math.sqrt(maxNorm);
    int squarings = 0;
    while (maxNorm / (1 << squarings) > 0.5 * minSp && squarings < 20) {
      squarings++;
    }
    if (squarings > 0) {
      final float scale = 1f / (1 << squarings);
      IntStream.range(0, g.nz()).parallel().forEach(k -> {
        for (int n = plane * k; n < plane * (k + 1); n++) {
          lv.dx[n] *= scale;
          lv.dy[n] *= scale;
          lv.dz[n] *= scale;
        }
      });
      for (int s = 0; s < squarings; s++) {
        // t = e + e o (id + e); then swap d and t
        composeInto(lv.dx, lv.dy, lv.dz, lv.dx, lv.dy, lv.dz, g, null, lv.tx, lv.ty, lv.tz);
        float[] t = lv.dx;
        lv.dx = lv.tx;
        lv.tx = t;
        t = lv.dy;
        lv.dy = lv.ty;
        lv.ty = t;
        t = lv.dz;
        lv.dz = lv.tz;
        lv.tz = t;
      }
    }
    // t = A e + v o (id + e); then swap v and t
    composeInto(lv.dx, lv.dy, lv.dz, lv.vx, lv.vy, lv.vz, g, a, lv.tx, lv.ty, lv.tz);
    float[] t = lv.vx;
    lv.vx = lv.tx;
    lv.tx = t;
    t = lv.vy;
    lv.vy = lv.ty;
    lv.ty = t;
    t = lv.vz;
    lv.vz = lv.tz;
    lv.tz = t;
    return rms;
  }

  /**
   * out(p) = L e(p) + s(p + e(p)) with L = the 3x3 part of {@code a} (identity if null); field
   * lookups edge-clamped trilinear. Writes ox, oy, oz (must differ from the inputs).
   */
  static void composeInto(float[] ex, float[] ey, float[] ez, float[] sx, float[] sy, float[] sz, Grid3 g,
                          double[] a, float[] ox, float[] oy, float[] oz) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    final double isx = 1 / g.spacingXMm();
    final double isy = 1 / g.spacingYMm();
    final double isz = 1 / g.spacingZMm();
    final int stx = nx > 1 ? 1 : 0;
    final int sty = ny > 1 ? nx : 0;
    final int stz = nz > 1 ? nx * ny : 0;
    IntStream.range(0, nz).parallel().forEach(k -> {
      for (int j = 0; j < ny; j++) {
        int row = nx * (j + ny * k);
        for (int i = 0; i < nx; i++) {
          int n = row + i;
          float exn = ex[n];
          float eyn = ey[n];
          float ezn = ez[n];
          double ci = i + exn * isx;
          double cj = j + eyn * isy;
          double ck = k + ezn * isz;
          ci = ci < 0 ? 0 : (ci > nx - 1 ? nx - 1 : ci);
          cj = cj < 0 ? 0 : (cj > ny - 1 ? ny - 1 : cj);
          ck = ck < 0 ? 0 : (ck > nz - 1 ? nz - 1 : ck);
          int i0 = Math.min((int) ci, Math.max(0, nx - 2));
          int j0 = Math.min((int) cj, Math.max(0, ny - 2));
          int k0 = Math.min((int) ck, Math.max(0, nz - 2));
          float wx = (float) (ci - i0);
          float wy = (float) (cj - j0);
          float wz = (float) (ck - k0);
          int b = i0 + nx * (j0 + ny * k0);
          float lx;
          float ly;
          float lz;
          if (a == null) {
            lx = exn;
            ly = eyn;
            lz = ezn;
          } else {
            lx = (float) (a[0] * exn + a[1] * eyn + a[2] * ezn);
            ly = (float) (a[3] * exn + a[4] * eyn + a[5] * ezn);
            lz = (float) (a[6] * exn + a[7] * eyn + a[8] * ezn);
          }
          ox[n] = lx + tri(sx, b, stx, sty, stz, wx, wy, wz);
          oy[n] = ly + tri(sy, b, stx, sty, stz, wx, wy, wz);
          oz[n] = lz + tri(sz, b, stx, sty, stz, wx, wy, wz);
        }
      }
    });
  }

  private static float tri(float[] s, int b, int sx, int sy, int sz, float wx, float wy, float wz) {
    float c00 = s[b] + wx * (s[b + sx] - s[b]);
    float c10 = s[b + sy] + wx * (s[b + sy + sx] - s[b + sy]);
    float c01 = s[b + sz] + wx * (s[b + sz + sx] - s[b + sz]);
    float c11 = s[b + sz + sy] + wx * (s[b + sz + sy + sx] - s[b + sz + sy]);
    float c0 = c00 + wy * (c10 - c00);
    float c1 = c01 + wy * (c11 - c01);
    return c0 + wz * (c1 - c0);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** Central differences per mm, zero along an axis at the grid's faces. Writes gx, gy, gz. */
  static void gradient(float[] a, Grid3 g, float[] gx, float[] gy, float[] gz) {
    gradient(a, null, g, gx, gy, gz);
  }

  /**
   * Central differences per mm; a component is zero where either neighbour along its axis lies
   * outside the grid or outside {@code mask} (null: all inside). A one-sided difference there would
   * contain the voxel's own value, and with a noisy image that correlates the force's difference
   * with its gradient: a systematic push outwards at every border. Writes gx, gy, gz.
   */
  static void gradient(float[] a, byte[] mask, Grid3 g, float[] gx, float[] gy, float[] gz) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    final float hx = (float) (0.5 / g.spacingXMm());
    final float hy = (float) (0.5 / g.spacingYMm());
    final float hz = (float) (0.5 / g.spacingZMm());
    final int sxy = nx * ny;
    IntStream.range(0, nz).parallel().forEach(k -> {
      boolean kin = k > 0 && k < nz - 1;
      for (int j = 0; j < ny; j++) {
        boolean jin = j > 0 && j < ny - 1;
        int row = nx * (j + ny * k);
        for (int i = 0; i < nx; i++) {
          int n = row + i;
          boolean iin = i > 0 && i < nx - 1;
          gx[n] = iin && ok(mask, n - 1) && ok(mask, n + 1) ? (a[n + 1] - a[n - 1]) * hx : 0f;
          gy[n] = jin && ok(mask, n - nx) && ok(mask, n + nx) ? (a[n + nx] - a[n - nx]) * hy : 0f;
          gz[n] = kin && ok(mask, n - sxy) && ok(mask, n + sxy) ? (a[n + sxy] - a[n - sxy]) * hz : 0f;
        }
      }
    });
  }

  private static boolean ok(byte[] mask, int n) {
    return mask == null || mask[n] != 0;
  }

  /**
   * Which faces of the region (order -x, +x, -y, +y, -z, +z) are pinned: those inside the fixed
   * grid with at least one masked-in (measured) voxel in the slab just beyond them. Where the
   * region was cut by the end of the data (the grid's face, the CBCT's field of view) the field is
   * left free: nothing beyond it says that the anatomy there moved rigidly.
   */
  public static boolean[] pinnedFaces(Grid3 fg, int[] box, boolean[] mask) {
    boolean[] pinned = new boolean[6];
    for (int face = 0; face < 6; face++) {
      int axis = face / 2;
      int[] dims = {fg.nx(), fg.ny(), fg.nz()};
      int beyond = face % 2 == 0 ? box[2 * axis] - 1 : box[2 * axis + 1] + 1;
      if (beyond < 0 || beyond >= dims[axis]) {
        continue;
      }
      if (mask == null) {
        pinned[face] = true;
        continue;
      }
      int[] lo = {box[0], box[2], box[4]};
      int[] hi = {box[1], box[3], box[5]};
      lo[axis] = beyond;
      hi[axis] = beyond;
      search:
      for (int k = lo[2]; k <= hi[2]; k++) {
        for (int j = lo[1]; j <= hi[1]; j++) {
          for (int i = lo[0]; i <= hi[0]; i++) {
            if (mask[fg.index(i, j, k)]) {
              pinned[face] = true;
              break search;
            }
          }
        }
      }
    }
    return pinned;
  }

  /**
   * The output field on the full fixed grid: the rigid part plus, inside the region, v; beyond a
   * free (unpinned) face of the region, v of the nearest region voxel fading linearly to zero over
   * {@value #EXTENSION_MM} mm (so that the field stays continuous where the data ended); beyond a
   * pinned face v is zero there already.
   */
  private static VectorField assemble(Grid3 fg, int[] box, double[] a, Level lv, boolean[] pinned) {
    return assembleField(fg, box, a, lv.g, lv.vx, lv.vy, lv.vz, pinned);
  }

  /**
   * Step 8 for any backend: the output field on the full fixed grid {@code fg} from the level-0
   * deformable part v (vx, vy, vz on the region grid {@code g}, the {@code box} of fg), the initial
   * transform's 12 doubles {@code a} and the pinned faces ({@link #pinnedFaces}).
   */
  public static VectorField assembleField(Grid3 fg, int[] box, double[] a, Grid3 g, float[] vx, float[] vy, float[] vz,
                                          boolean[] pinned) {
    if (g.nx() != box[1] - box[0] + 1 || g.ny() != box[3] - box[2] + 1 || g.nz() != box[5] - box[4] + 1
        || vx.length != g.size() || vy.length != g.size() || vz.length != g.size() || pinned.length != 6) {
      throw new IllegalArgumentException("demons: region grid " + g + " does not match box " + Arrays.toString(box));
    }
    VectorField out = new VectorField(fg);
    float[] ux = out.ux();
    float[] uy = out.uy();
    float[] uz = out.uz();
    double[] sp = {fg.spacingXMm(), fg.spacingYMm(), fg.spacingZMm()};
    IntStream.range(0, fg.nz()).parallel().forEach(k -> {
      double z = fg.z(k);
      int kc = Math.max(box[4], Math.min(box[5], k));
      double dk = k < box[4] ? (box[4] - k) * sp[2] : (k > box[5] ? (k - box[5]) * sp[2] : 0);
      boolean kFree = k < box[4] ? !pinned[4] : (k > box[5] ? !pinned[5] : true);
      for (int j = 0; j < fg.ny(); j++) {
        double y = fg.y(j);
        int jc = Math.max(box[2], Math.min(box[3], j));
        double dj = j < box[2] ? (box[2] - j) * sp[1] : (j > box[3] ? (j - box[3]) * sp[1] : 0);
        boolean jFree = kFree && (j < box[2] ? !pinned[2] : (j > box[3] ? !pinned[3] : true));
        for (int i = 0; i < fg.nx(); i++) {
          double x = fg.x(i);
          int n = fg.index(i, j, k);
          float rx = (float) (a[0] * x + a[1] * y + a[2] * z + a[9] - x);
          float ry = (float) (a[3] * x + a[4] * y + a[5] * z + a[10] - y);
          float rz = (float) (a[6] * x + a[7] * y + a[8] * z + a[11] - z);
          double di = i < box[0] ? (box[0] - i) * sp[0] : (i > box[1] ? (i - box[1]) * sp[0] : 0);
          boolean free = jFree && (i < box[0] ? !pinned[0] : (i > box[1] ? !pinned[1] : true));
          if (free) {
            double d = Math.sqrt(di * di + dj * dj + dk * dk);
            if (d < EXTENSION_MM) {
              float w = (float) (1 - d / EXTENSION_MM);
              int m = g.index(Math.max(box[0], Math.min(box[1], i)) - box[0], jc - box[2], kc - box[4]);
              rx += w * vx[m];
              ry += w * vy[m];
              rz += w * vz[m];
            }
          }
          ux[n] = rx;
          uy[n] = ry;
          uz[n] = rz;
        }
      }
    });
    return out;
  }

}
