package org.twinsim.model.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

/**
 * Rigid registration of a CBCT to the planning CT on bone, as used for the couch correction:
 * three translations (optionally three rotations about the isocentre) fitted by Levenberg-Marquardt
 * (Marquardt 1963, J SIAM 11:431) to the mean-squares difference over the voxels that map onto the
 * planning CT's (dilated) bone, with a linear grey-value model {@code CBCT = gain x CT + offset}
 * fitted jointly so that the CBCT's HU offset and gain do not bias the geometry (the
 * photometric-parameter form of Lucas-Kanade image alignment, Baker and Matthews 2004, IJCV 56:221).
 *
 * <p><b>Field of view.</b> Only fixed voxels inside {@link RegistrationInput#fixedMask()} count. A
 * CBCT holds a constant fill beyond its reconstruction cylinder; counted as data, that flat region
 * lets the fit match the CT's bone against it with a gain near zero (a perfect fit of nothing).
 * Pass the field of view ({@link FieldOfView}); {@link DailyRegistration} detects it if not given.
 *
 * <p><b>Capture range</b> ({@link RigidParameters#searchRangeMm()} > 0). Every translation on a grid
 * of about {@value #SEARCH_SPACING_MM} mm within the range of the initial one is scored by the
 * correlation coefficient between the planning CT over its (dilated) bone region and the CBCT under
 * it (a fixed CT-side voxel set; CBCT voxels outside the field of view left out), on images
 * smoothed to that resolution; the best becomes the start. The correlation is invariant to the
 * CBCT's gain and offset but, unlike a mean-squares fit with a free gain, gives a flat region a
 * score of zero. It keeps the local refinement out of the wrong basin where pelvis, sacrum and
 * vertebrae repeat along z.
 *
 * <p><b>Refinement.</b> Per level (coarse to fine, the same pyramid as {@link DemonsRegistration}):
 * residual {@code r(p) = gain CT(T(p)) + offset - CBCT(p)} over fixed voxels p inside the fixed
 * mask whose mapped point T(p) falls (nearest voxel) on the bone mask; Jacobian from the CT's
 * gradient at T(p) (central differences, trilinear); rotations enter as {@code R <- exp([dw]x) R}
 * about the isocentre. Only fixed voxels whose start mapping lies within
 * {@value #CANDIDATE_MARGIN_MM} mm of bone are visited. The gain is held inside
 * [{@link RigidParameters#gainMin()}, {@link RigidParameters#gainMax()}] (a step that would leave
 * the range is taken with the gain held at its bound). A step is accepted if the mean squared
 * residual does not grow by more than 0.1%; the damping then shrinks by 10, else grows by 10. A
 * level stops when the proposed step moves no point within 50 mm of the isocentre by more than
 * {@link RigidParameters#convergenceMm()}. Sums are per slice, added in slice order
 * (thread-count independent).
 *
 * <p><b>Sanity.</b> A result is refused with a {@link RegistrationException} (not returned) if its
 * translation is more than {@link RigidParameters#maxShiftMm()} from the initial one, if the gain
 * ended at a bound, or if CBCT and CT correlate over bone with less than
 * {@link RigidParameters#minBoneCorrelation()}.
 *
 * <p>Measured on the virtual patients (4 mm, CBCT with -25 HU bias, 40 HU cupping, 20 HU noise and
 * a 450 x 180 mm field of view; {@code VirtualPatientRegistrationTest}, {@code bench/registration}):
 * setup shifts recovered within 0.06 mm (40 fractions of 3 seeds), gain 0.96-0.97, bone correlation
 * 0.99; a 20 mm offset in z recovered (the refinement alone reaches 44 mm there); on the pelvis phantom 6 degrees of freedom within 0.05 mm and 0.1
 * degree. About 0.1-0.2 s on a 120 x 80 x 60 grid of 4 mm voxels (2 cores, warm; the search about
 * 30 ms of it).
 */
public final class RigidRegistration {
  /** This implementation's name in reports. */
  public static final String NAME = "rigid-bone";
  /**
   * Fixed voxels are considered only if their initial mapping lies within this distance of bone,
   * mm; the transform is then assumed not to move by more than it from the initial one.
   */
  public static final double CANDIDATE_MARGIN_MM = 25;
  /**
   * A step is accepted if the mean squared residual grows by less than this fraction: the voxel
   * set on bone changes with the transform, so near the optimum the metric wobbles at this level
   * and strict descent would only inflate the damping.
   */
  static final double ACCEPT_TOLERANCE = 1e-3;
  /** Spacing of the capture-range search grid, mm (the nearest multiple of the voxel size at or above it). */
  public static final double SEARCH_SPACING_MM = 8;

  /**
   * Registers on bone found by thresholding the planning CT; isocentre = centre of the fixed grid.
   */
  public RigidResult register(RegistrationInput input, RigidParameters p) {
    return register(input, null, null, p, RegistrationListener.NONE);
  }

  /**
   * Registers {@code input.fixed()} (CBCT) to {@code input.moving()} (planning CT) on bone.
   *
   * @param isocentreMm rotation centre and reference of the couch correction; null = fixed grid centre
   * @param movingBoneMask bone voxels of the planning CT (on the moving grid), or null to threshold
   *     the CT at {@link RigidParameters#boneThresholdHu()}
   * @throws RegistrationException if there is no bone, no overlap, or non-finite data
   */
  public RigidResult register(RegistrationInput input, Vec3 isocentreMm, boolean[] movingBoneMask,
                              RigidParameters p, RegistrationListener listener) {
    if (input == null || p == null) {
      throw new IllegalArgumentException("rigid registration: input and parameters are required");
    }
    RegistrationListener lis = listener == null ? RegistrationListener.NONE : listener;
    long t0 = System.nanoTime();
    Volume fixed = input.fixed();
    Volume moving = input.moving();
    Grid3 fg = fixed.grid();
    if (movingBoneMask != null && movingBoneMask.length != moving.grid().size()) {
      throw new IllegalArgumentException("rigid registration: movingBoneMask has " + movingBoneMask.length
          + " values, the moving grid has " + moving.grid().size());
    }
    Vec3 c = isocentreMm != null ? isocentreMm : Vec3.of(fg.centreMm());
    RigidTransform init = input.initialOrIdentity().aboutCentre(c);

    int[] box = input.roi() == null ? Sampling.fullBox(fg) : input.roi().indexBox(fg);
    if (box == null) {
      throw new RegistrationException("rigid registration: region of interest " + input.roi()
          + " contains no voxel centre of the fixed grid " + fg);
    }
    Grid3 g0 = Sampling.subGrid(fg, box);
    float[] f0 = Sampling.crop(fixed.data(), fg, box);
    byte[] k0 = new byte[g0.size()];
    int masked = 0;
    double sum = 0;
    for (int k = 0; k < g0.nz(); k++) {
      for (int j = 0; j < g0.ny(); j++) {
        for (int i = 0; i < g0.nx(); i++) {
          int n = g0.index(i, j, k);
          if (input.fixedMask() == null || input.fixedMask()[fg.index(box[0] + i, box[2] + j, box[4] + k)]) {
            if (!Float.isFinite(f0[n])) {
              throw new RegistrationException("rigid registration: the fixed image has a non-finite value at voxel ("
                  + (box[0] + i) + ", " + (box[2] + j) + ", " + (box[4] + k) + ")");
            }
            k0[n] = 1;
            masked++;
            sum += f0[n];
          }
        }
      }
    }
    if (masked == 0) {
      throw new RegistrationException("rigid registration: the fixed mask has no voxel inside the region " + g0);
    }
    float mean = (float) (sum / masked);
    for (int n = 0; n < k0.length; n++) {
      if (k0[n] == 0) {
        f0[n] = mean;
      }
    }
    Grid3 gm0 = DemonsSetup.movingGrid(g0, moving.grid(), init.affine(),
        DemonsRegistration.MOVING_MARGIN_MM + p.searchRangeMm());
    float[] m0 = DemonsSetup.movingLevel0(moving, gm0);
    byte[] bone0 = new byte[gm0.size()];
    int boneCount = 0;
    Grid3 mg = moving.grid();
    for (int k = 0; k < gm0.nz(); k++) {
      for (int j = 0; j < gm0.ny(); j++) {
        for (int i = 0; i < gm0.nx(); i++) {
          int n = gm0.index(i, j, k);
          boolean b;
          if (movingBoneMask != null) {
            long ii = Math.round(mg.fi(gm0.x(i)));
            long jj = Math.round(mg.fj(gm0.y(j)));
            long kk = Math.round(mg.fk(gm0.z(k)));
            b = ii >= 0 && jj >= 0 && kk >= 0 && ii < mg.nx() && jj < mg.ny() && kk < mg.nz()
                && movingBoneMask[mg.index((int) ii, (int) jj, (int) kk)];
          } else {
            b = m0[n] > p.boneThresholdHu();
          }
          if (b) {
            bone0[n] = 1;
            boneCount++;
          }
        }
      }
    }
    if (boneCount == 0) {
      throw new RegistrationException("rigid registration: no bone in the planning CT near the fixed region ("
          + (movingBoneMask != null ? "the bone mask is empty there" : "no voxel above " + p.boneThresholdHu() + " HU")
          + ")");
    }

    // capture range: exhaustive search of translations on a coarse grid
    RigidTransform start = init;
    if (p.searchRangeMm() > 0) {
      start = search(f0, k0, g0, m0, gm0, bone0, init, p);
    }

    int levels = p.levels();
    while (levels > 1 && Math.min(g0.nx(), Math.min(g0.ny(), g0.nz())) / (double) (1 << (levels - 1))
        < DemonsRegistration.MIN_LEVEL_VOXELS) {
      levels--;
    }
    State s = new State(start.matrix(), new double[] {start.translationMm().x(), start.translationMm().y(),
        start.translationMm().z()}, 1, 0);
    int np = p.estimateRotations() ? 8 : 5;
    List<LevelReport> reports = new ArrayList<>();
    Eval last = null;
    for (int l = levels - 1; l >= 0; l--) {
      long tl = System.nanoTime();
      int f = 1 << l;
      Grid3 gl = l == 0 ? g0 : g0.resampled(g0.spacingXMm() * f, g0.spacingYMm() * f, g0.spacingZMm() * f);
      Grid3 gml = l == 0 ? gm0 : gm0.resampled(Math.max(gm0.spacingXMm(), g0.spacingXMm() * f),
          Math.max(gm0.spacingYMm(), g0.spacingYMm() * f), Math.max(gm0.spacingZMm(), g0.spacingZMm() * f));
      float[] fl = pyramid(f0, g0, gl, f, g0);
      float[] ml = pyramid(m0, gm0, gml, f, g0);
      byte[] kl = nearest(k0, g0, gl);
      byte[] bl = dilate(pool(bone0, gm0, gml), gml, p.boneDilationVoxels());
      float[] gx = new float[ml.length];
      float[] gy = new float[ml.length];
      float[] gz = new float[ml.length];
      DemonsRegistration.gradient(ml, gml, gx, gy, gz);
      int reach = (int) Math.ceil(CANDIDATE_MARGIN_MM / Math.min(gml.spacingXMm(), Math.min(gml.spacingYMm(), gml.spacingZMm())));
      int[][] cand = candidates(gl, kl, gml, dilate(bl, gml, reach), start.affine());
      LevelData d = new LevelData(gl, fl, cand, gml, ml, bl, gx, gy, gz, c, np);
      lis.levelStarted(NAME, l, levels, gl);
      Eval e = d.evaluate(s);
      if (e.count < p.minBoneVoxels()) {
        throw new RegistrationException("rigid registration: only " + e.count + " fixed voxels map onto bone at level "
            + l + " (" + gl + "), expected at least " + p.minBoneVoxels() + ": no overlap with the bone?");
      }
      double metricStart = e.mse();
      double lambda = 1e-3;
      int it = 0;
      boolean converged = false;
      while (it < p.maxIterations()) {
        it++;
        double[] delta = boundedStep(e, s, lambda, np, p);
        if (delta == null) {
          lambda *= 10;
          if (lambda > 1e8) {
            converged = true;
            break;
          }
          continue;
        }
        double rot = np == 8 ? Math.sqrt(delta[3] * delta[3] + delta[4] * delta[4] + delta[5] * delta[5]) : 0;
        double move = Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]) + 50 * rot;
        if (move < p.convergenceMm()) {
          converged = true; // the proposed step is below the tolerance: nothing left to gain
          break;
        }
        State trial = s.plus(delta, np, p.gainMin(), p.gainMax());
        Eval et = d.evaluate(trial);
        if (et.count >= p.minBoneVoxels() && et.mse() <= e.mse() * (1 + ACCEPT_TOLERANCE)) {
          s = trial;
          e = et;
          lambda = Math.max(lambda / 10, 1e-9);
          lis.iteration(NAME, l, it, e.mse(), move);
        } else {
          lambda *= 10;
          if (lambda > 1e8) {
            converged = true;
            break;
          }
        }
      }
      LevelReport rep = new LevelReport(NAME, l, gl, it, converged, metricStart, e.mse(), 0, 0,
          (System.nanoTime() - tl) * 1e-9);
      reports.add(rep);
      lis.levelFinished(rep);
      last = e;
    }
    Vec3 t = new Vec3(s.t[0], s.t[1], s.t[2]);
    Vec3 w = RigidTransform.rotationVector(s.r);
    RigidTransform tr = new RigidTransform(t, w, c);
    Vec3 wDeg = new Vec3(Math.toDegrees(w.x()), Math.toDegrees(w.y()), Math.toDegrees(w.z()));
    double correlation = last.correlation();
    checkSanity(init, tr, s.gain, correlation, p);
    return new RigidResult(tr, t, wDeg, s.gain, s.offset, last.mse(), (int) last.count, correlation,
        start.translationMm().minus(init.translationMm()), reports, (System.nanoTime() - t0) * 1e-9);
  }

  /**
   * Refuses an absurd result instead of returning it: a translation more than
   * {@link RigidParameters#maxShiftMm()} away from the initial one, a grey-value gain stuck at one
   * of its bounds, or bone that does not correlate.
   */
  private static void checkSanity(RigidTransform init, RigidTransform result, double gain, double correlation,
                                  RigidParameters p) {
    double shift = result.translationMm().minus(init.translationMm()).norm();
    if (!(shift <= p.maxShiftMm())) {
      throw new RegistrationException(String.format(java.util.Locale.ROOT,
          "rigid registration: the couch correction (%.1f, %.1f, %.1f) mm is %.1f mm from the initial one, more than"
              + " the %.0f mm allowed (maxShiftMm): a failed registration, not a setup error (field of view, wrong"
              + " image pair?)", result.translationMm().x(), result.translationMm().y(), result.translationMm().z(),
          shift, p.maxShiftMm()));
    }
    if (!p.gainFixed() && (gain <= p.gainMin() + 1e-6 || gain >= p.gainMax() - 1e-6)) {
      throw new RegistrationException(String.format(java.util.Locale.ROOT,
          "rigid registration: the grey-value gain of CBCT against CT over bone ended at its bound (%.3f, allowed"
              + " [%.2f, %.2f]): the CBCT's bone does not follow the CT's grey values (uncalibrated CBCT? widen"
              + " gainMin/gainMax), or the fit collapsed onto a flat region (fill value outside the field of view?)",
          gain, p.gainMin(), p.gainMax()));
    }
    if (!(correlation >= p.minBoneCorrelation())) {
      throw new RegistrationException(String.format(java.util.Locale.ROOT,
          "rigid registration: CBCT and registered CT correlate with r = %.3f over bone, expected at least %.2f"
              + " (minBoneCorrelation): the bone does not match (wrong region or patient, corrupt image?)",
          correlation, p.minBoneCorrelation()));
    }
  }

  /**
   * The Levenberg-Marquardt step at damping {@code lambda}, keeping the gain inside its bounds: a
   * fixed gain, or a gain at a bound whose unconstrained step would leave it, is held (its row and
   * column are removed from the normal equations). Null if the system is not positive definite.
   */
  private static double[] boundedStep(Eval e, State s, double lambda, int np, RigidParameters p) {
    int gi = np - 2;
    if (p.gainFixed()) {
      return e.step(lambda, gi);
    }
    double[] d = e.step(lambda, -1);
    if (d == null) {
      return null;
    }
    double g = s.gain + d[gi];
    boolean atLow = s.gain <= p.gainMin() + 1e-12 && g < s.gain;
    boolean atHigh = s.gain >= p.gainMax() - 1e-12 && g > s.gain;
    return atLow || atHigh ? e.step(lambda, gi) : d;
  }

  /**
   * Capture-range search: every translation on a grid of about {@value #SEARCH_SPACING_MM} mm within
   * {@link RigidParameters#searchRangeMm()} of the initial one (per axis); the score is the
   * correlation coefficient between the planning CT's (dilated) bone region, mapped by the initial
   * transform, and the CBCT under it (fixed CT-side voxel set, CBCT voxels outside the field of view
   * left out): unlike a mean-squares fit with a free gain it cannot favour a flat CBCT region, whose
   * correlation is zero. Shifts under which fewer than half of the most voxels overlap are not
   * considered. Returns the initial transform moved by the best shift (rotation kept).
   */
  private static RigidTransform search(float[] f0, byte[] k0, Grid3 g0, float[] m0, Grid3 gm0, byte[] bone0,
                                       RigidTransform init, RigidParameters p) {
    int fs = Math.max(1, (int) Math.ceil(SEARCH_SPACING_MM / DemonsSetup.maxSpacing(g0) - 1e-9));
    while (fs > 1 && Math.min(g0.nx(), Math.min(g0.ny(), g0.nz())) / fs < DemonsRegistration.MIN_LEVEL_VOXELS) {
      fs--;
    }
    Grid3 gs = fs == 1 ? g0 : g0.resampled(g0.spacingXMm() * fs, g0.spacingYMm() * fs, g0.spacingZMm() * fs);
    Grid3 gms = fs == 1 ? gm0 : gm0.resampled(Math.max(gm0.spacingXMm(), g0.spacingXMm() * fs),
        Math.max(gm0.spacingYMm(), g0.spacingYMm() * fs), Math.max(gm0.spacingZMm(), g0.spacingZMm() * fs));
    float[] fsd = pyramid(f0, g0, gs, fs, g0);
    byte[] ks = nearest(k0, g0, gs);
    float[] msd = pyramid(m0, gm0, gms, fs, g0);
    byte[] bs = dilate(pool(bone0, gm0, gms), gms, p.boneDilationVoxels());
    double[] a = init.affine();
    // the CT-side set: fixed-grid positions whose initial mapping lies on bone, and the CT there
    int[] q = new int[gs.size()];
    float[] r = new float[gs.size()];
    int nq = 0;
    for (int k = 0; k < gs.nz(); k++) {
      double z = gs.z(k);
      for (int j = 0; j < gs.ny(); j++) {
        double y = gs.y(j);
        for (int i = 0; i < gs.nx(); i++) {
          double x = gs.x(i);
          double fi = gms.fi(a[0] * x + a[1] * y + a[2] * z + a[9]);
          double fj = gms.fj(a[3] * x + a[4] * y + a[5] * z + a[10]);
          double fk = gms.fk(a[6] * x + a[7] * y + a[8] * z + a[11]);
          long ni = Math.round(fi);
          long nj = Math.round(fj);
          long nk = Math.round(fk);
          if (ni < 0 || nj < 0 || nk < 0 || ni >= gms.nx() || nj >= gms.ny() || nk >= gms.nz()
              || bs[gms.index((int) ni, (int) nj, (int) nk)] == 0) {
            continue;
          }
          float v = Trilinear.sample(msd, gms, fi, fj, fk, Float.NaN);
          if (!Float.isNaN(v)) {
            q[nq] = gs.index(i, j, k);
            r[nq] = v;
            nq++;
          }
        }
      }
    }
    if (nq < p.minBoneVoxels()) {
      return init; // too little bone at this resolution to search; the refinement reports it
    }
    final int nqf = nq;
    int ri = (int) Math.ceil(p.searchRangeMm() / gs.spacingXMm() - 1e-9);
    int rj = (int) Math.ceil(p.searchRangeMm() / gs.spacingYMm() - 1e-9);
    int rk = (int) Math.ceil(p.searchRangeMm() / gs.spacingZMm() - 1e-9);
    int wi = 2 * ri + 1;
    int wj = 2 * rj + 1;
    int shifts = wi * wj * (2 * rk + 1);
    double[] score = new double[shifts];
    long[] count = new long[shifts];
    final int nx = gs.nx();
    final int ny = gs.ny();
    final int nz = gs.nz();
    final int[] qi = new int[nq];
    final int[] qj = new int[nq];
    final int[] qk = new int[nq];
    for (int t = 0; t < nq; t++) {
      qi[t] = q[t] % nx;
      qj[t] = (q[t] / nx) % ny;
      qk[t] = q[t] / (nx * ny);
    }
    IntStream.range(0, shifts).parallel().forEach(sh -> {
      int si = sh % wi - ri;
      int sj = (sh / wi) % wj - rj;
      int sk = sh / (wi * wj) - rk;
      int off = si + nx * (sj + ny * sk);
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double syy = 0;
      double sxy = 0;
      long n = 0;
      for (int t = 0; t < nqf; t++) {
        int i = qi[t] - si;
        int j = qj[t] - sj;
        int k = qk[t] - sk;
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
          continue;
        }
        int pv = q[t] - off;
        if (ks[pv] == 0) {
          continue;
        }
        double xv = r[t];
        double yv = fsd[pv];
        sx += xv;
        sy += yv;
        sxx += xv * xv;
        syy += yv * yv;
        sxy += xv * yv;
        n++;
      }
      count[sh] = n;
      score[sh] = correlation(n, sx, sy, sxx, syy, sxy);
    });
    long maxCount = 0;
    for (long n : count) {
      maxCount = Math.max(maxCount, n);
    }
    int best = -1;
    for (int sh = 0; sh < shifts; sh++) {
      if (count[sh] >= Math.max(p.minBoneVoxels(), maxCount / 2) && (best < 0 || score[sh] > score[best])) {
        best = sh;
      }
    }
    if (best < 0) {
      return init;
    }
    // CBCT(p) ~ CT(A (p + s) + b): the translation grows by A s
    double dx = (best % wi - ri) * gs.spacingXMm();
    double dy = ((best / wi) % wj - rj) * gs.spacingYMm();
    double dz = (best / (wi * wj) - rk) * gs.spacingZMm();
    double[] m = init.matrix();
    Vec3 ds = new Vec3(m[0] * dx + m[1] * dy + m[2] * dz, m[3] * dx + m[4] * dy + m[5] * dz,
        m[6] * dx + m[7] * dy + m[8] * dz);
    return new RigidTransform(init.translationMm().plus(ds), init.rotationRad(), init.centreMm());
  }

  /** Pearson correlation coefficient from sums; 0 when either side is constant or n < 2. */
  static double correlation(long n, double sx, double sy, double sxx, double syy, double sxy) {
    if (n < 2) {
      return 0;
    }
    double vx = sxx - sx * sx / n;
    double vy = syy - sy * sy / n;
    if (!(vx > 0) || !(vy > 0)) {
      return 0;
    }
    return (sxy - sx * sy / n) / Math.sqrt(vx * vy);
  }

  /**
   * Fixed voxels (flat indices, per slice) inside the fixed mask whose initial mapping falls on the
   * bone mask dilated by {@link #CANDIDATE_MARGIN_MM}: the only voxels that can reach bone while
   * the transform moves less than that margin from its start.
   */
  private static int[][] candidates(Grid3 g, byte[] k, Grid3 gm, byte[] near, double[] a) {
    int[][] out = new int[g.nz()][];
    IntStream.range(0, g.nz()).parallel().forEach(kk -> {
      int[] buf = new int[g.nx() * g.ny()];
      int m = 0;
      double z = g.z(kk);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        for (int i = 0; i < g.nx(); i++) {
          int n = g.index(i, j, kk);
          if (k[n] == 0) {
            continue;
          }
          double x = g.x(i);
          long ni = Math.round(gm.fi(a[0] * x + a[1] * y + a[2] * z + a[9]));
          long nj = Math.round(gm.fj(a[3] * x + a[4] * y + a[5] * z + a[10]));
          long nk = Math.round(gm.fk(a[6] * x + a[7] * y + a[8] * z + a[11]));
          if (ni >= 0 && nj >= 0 && nk >= 0 && ni < gm.nx() && nj < gm.ny() && nk < gm.nz()
              && near[gm.index((int) ni, (int) nj, (int) nk)] != 0) {
            buf[m++] = n;
          }
        }
      }
      out[kk] = java.util.Arrays.copyOf(buf, m);
    });
    return out;
  }

  /** Level image: f == 1 the image itself, else smoothed with sigma 0.5 f spacing and resampled. */
  private static float[] pyramid(float[] a0, Grid3 g0, Grid3 gl, int f, Grid3 fixed0) {
    if (f == 1) {
      return a0;
    }
    float[] s = a0.clone();
    GaussianSmoother.smooth(s, new float[s.length], g0, 0.5 * f * fixed0.spacingXMm(), 0.5 * f * fixed0.spacingYMm(),
        0.5 * f * fixed0.spacingZMm());
    float[] out = new float[gl.size()];
    Sampling.resample(s, g0, out, gl);
    return out;
  }

  private static byte[] nearest(byte[] a0, Grid3 g0, Grid3 gl) {
    if (gl == g0) {
      return a0;
    }
    byte[] out = new byte[gl.size()];
    for (int k = 0; k < gl.nz(); k++) {
      int kk = (int) Math.max(0, Math.min(g0.nz() - 1, Math.round(g0.fk(gl.z(k)))));
      for (int j = 0; j < gl.ny(); j++) {
        int jj = (int) Math.max(0, Math.min(g0.ny() - 1, Math.round(g0.fj(gl.y(j)))));
        for (int i = 0; i < gl.nx(); i++) {
          int ii = (int) Math.max(0, Math.min(g0.nx() - 1, Math.round(g0.fi(gl.x(i)))));
          out[gl.index(i, j, k)] = a0[g0.index(ii, jj, kk)];
        }
      }
    }
    return out;
  }

  /** Marks every level voxel that contains (nearest centre) a marked level-0 voxel. */
  private static byte[] pool(byte[] a0, Grid3 g0, Grid3 gl) {
    if (gl == g0) {
      return a0.clone();
    }
    byte[] out = new byte[gl.size()];
    for (int k = 0; k < g0.nz(); k++) {
      int kk = (int) Math.max(0, Math.min(gl.nz() - 1, Math.round(gl.fk(g0.z(k)))));
      for (int j = 0; j < g0.ny(); j++) {
        int jj = (int) Math.max(0, Math.min(gl.ny() - 1, Math.round(gl.fj(g0.y(j)))));
        for (int i = 0; i < g0.nx(); i++) {
          if (a0[g0.index(i, j, k)] != 0) {
            int ii = (int) Math.max(0, Math.min(gl.nx() - 1, Math.round(gl.fi(g0.x(i)))));
            out[gl.index(ii, jj, kk)] = 1;
          }
        }
      }
    }
    return out;
  }

  /**
   * Dilation by a cube of side 2r+1 voxels (equal to r steps of 26-neighbourhood dilation),
   * separable: a running count along x, then y, then z. Returns a new array.
   */
  static byte[] dilate(byte[] a, Grid3 g, int r) {
    if (r <= 0) {
      return a.clone();
    }
    byte[] cur = a;
    int[] dims = {g.nx(), g.ny(), g.nz()};
    int[] strides = {1, g.nx(), g.nx() * g.ny()};
    for (int axis = 0; axis < 3; axis++) {
      final byte[] src = cur;
      final byte[] out = new byte[a.length];
      final int n = dims[axis];
      final int st = strides[axis];
      final int ax = axis;
      IntStream.range(0, g.nz()).parallel().forEach(k -> {
        int[] run = new int[n + 1];
        if (ax == 2) {
          if (k != 0) {
            return; // z lines are handled by the task of slice 0
          }
          for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
              line(src, out, i + g.nx() * j, st, n, r, run);
            }
          }
          return;
        }
        int lines = ax == 0 ? g.ny() : g.nx();
        for (int q = 0; q < lines; q++) {
          int start = ax == 0 ? g.index(0, q, k) : g.index(q, 0, k);
          line(src, out, start, st, n, r, run);
        }
      });
      cur = out;
    }
    return cur;
  }

  private static void line(byte[] src, byte[] out, int start, int stride, int n, int r, int[] run) {
    run[0] = 0;
    for (int t = 0; t < n; t++) {
      run[t + 1] = run[t] + (src[start + t * stride] != 0 ? 1 : 0);
    }
    for (int t = 0; t < n; t++) {
      int lo = Math.max(0, t - r);
      int hi = Math.min(n, t + r + 1);
      out[start + t * stride] = (byte) (run[hi] - run[lo] > 0 ? 1 : 0);
    }
  }

  /** Rotation, translation and grey-value model. */
  private static final class State {
    final double[] r;
    final double[] t;
    final double gain;
    final double offset;

    State(double[] r, double[] t, double gain, double offset) {
      this.r = r;
      this.t = t;
      this.gain = gain;
      this.offset = offset;
    }

    State plus(double[] d, int np, double gainMin, double gainMax) {
      double[] nt = {t[0] + d[0], t[1] + d[1], t[2] + d[2]};
      double[] nr = r;
      if (np == 8) {
        double[] dr = RigidTransform.rotationMatrix(d[3], d[4], d[5]);
        nr = new double[9];
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            nr[3 * i + j] = dr[3 * i] * r[j] + dr[3 * i + 1] * r[3 + j] + dr[3 * i + 2] * r[6 + j];
          }
        }
      }
      return new State(nr, nt, Math.max(gainMin, Math.min(gainMax, gain + d[np - 2])), offset + d[np - 1]);
    }
  }

  /** Normal equations and residual at one state. */
  private static final class Eval {
    final int np;
    final double[] h;
    final double[] g;
    double sse;
    long count;
    double sm;
    double sf;
    double smm;
    double sff;
    double smf;

    Eval(int np) {
      this.np = np;
      h = new double[np * np];
      g = new double[np];
    }

    double mse() {
      return count == 0 ? Double.POSITIVE_INFINITY : sse / count;
    }

    /** Correlation coefficient of CT and CBCT over the voxels of this evaluation. */
    double correlation() {
      return RigidRegistration.correlation(count, sm, sf, smm, sff, smf);
    }

    /**
     * Solves (H + lambda diag(H)) d = -g by Cholesky, with parameter {@code frozen} (if >= 0) held
     * (d = 0 there); null if not positive definite.
     */
    double[] step(double lambda, int frozen) {
      double[] a = h.clone();
      double[] gg = g.clone();
      for (int i = 0; i < np; i++) {
        a[i * np + i] *= 1 + lambda;
      }
      if (frozen >= 0) {
        for (int i = 0; i < np; i++) {
          a[i * np + frozen] = 0;
          a[frozen * np + i] = 0;
        }
        a[frozen * np + frozen] = 1;
        gg[frozen] = 0;
      }
      double[] l = new double[np * np];
      for (int i = 0; i < np; i++) {
        for (int j = 0; j <= i; j++) {
          double s = a[i * np + j];
          for (int k = 0; k < j; k++) {
            s -= l[i * np + k] * l[j * np + k];
          }
          if (i == j) {
            if (!(s > 0)) {
              return null;
            }
            l[i * np + i] = Math.sqrt(s);
          } else {
            l[i * np + j] = s / l[j * np + j];
          }
        }
      }
      double[] y = new double[np];
      for (int i = 0; i < np; i++) {
        double s = -gg[i];
        for (int k = 0; k < i; k++) {
          s -= l[i * np + k] * y[k];
        }
        y[i] = s / l[i * np + i];
      }
      double[] x = new double[np];
      for (int i = np - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < np; k++) {
          s -= l[k * np + i] * x[k];
        }
        x[i] = s / l[i * np + i];
      }
      for (double v : x) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
      return x;
    }
  }

  /** One level's images and the evaluation of residual and normal equations. */
  private static final class LevelData {
    final Grid3 g;
    final float[] f;
    final int[][] cand;
    final Grid3 gm;
    final float[] m;
    final byte[] bone;
    final float[] gx;
    final float[] gy;
    final float[] gz;
    final Vec3 c;
    final int np;
    final double[][] parts;

    LevelData(Grid3 g, float[] f, int[][] cand, Grid3 gm, float[] m, byte[] bone, float[] gx, float[] gy, float[] gz,
              Vec3 c, int np) {
      this.g = g;
      this.f = f;
      this.cand = cand;
      this.gm = gm;
      this.m = m;
      this.bone = bone;
      this.gx = gx;
      this.gy = gy;
      this.gz = gz;
      this.c = c;
      this.np = np;
      this.parts = new double[g.nz()][np * np + np + 7];
    }

    Eval evaluate(State s) {
      final double[] r = s.r;
      final double cx = c.x();
      final double cy = c.y();
      final double cz = c.z();
      final double a = s.gain;
      final double b = s.offset;
      IntStream.range(0, g.nz()).parallel().forEach(kk -> {
        double[] acc = parts[kk];
        java.util.Arrays.fill(acc, 0);
        double[] jac = new double[np];
        double z = g.z(kk) - cz;
        final int nx = g.nx();
        for (int n : cand[kk]) {
          {
            int i = n % nx;
            double y = g.y((n / nx) % g.ny()) - cy;
            double x = g.x(i) - cx;
            double vx = r[0] * x + r[1] * y + r[2] * z;
            double vy = r[3] * x + r[4] * y + r[5] * z;
            double vz = r[6] * x + r[7] * y + r[8] * z;
            double fi = gm.fi(vx + cx + s.t[0]);
            double fj = gm.fj(vy + cy + s.t[1]);
            double fk = gm.fk(vz + cz + s.t[2]);
            long ni = Math.round(fi);
            long nj = Math.round(fj);
            long nk = Math.round(fk);
            if (ni < 0 || nj < 0 || nk < 0 || ni >= gm.nx() || nj >= gm.ny() || nk >= gm.nz()
                || bone[gm.index((int) ni, (int) nj, (int) nk)] == 0) {
              continue;
            }
            float mv = Trilinear.sample(m, gm, fi, fj, fk, Float.NaN);
            if (Float.isNaN(mv)) {
              continue;
            }
            double ggx = Trilinear.sample(gx, gm, fi, fj, fk, 0f);
            double ggy = Trilinear.sample(gy, gm, fi, fj, fk, 0f);
            double ggz = Trilinear.sample(gz, gm, fi, fj, fk, 0f);
            double res = a * mv + b - f[n];
            jac[0] = a * ggx;
            jac[1] = a * ggy;
            jac[2] = a * ggz;
            int q = 3;
            if (np == 8) {
              // d/dw of g . (w x v) = v x g
              jac[3] = a * (vy * ggz - vz * ggy);
              jac[4] = a * (vz * ggx - vx * ggz);
              jac[5] = a * (vx * ggy - vy * ggx);
              q = 6;
            }
            jac[q] = mv;
            jac[q + 1] = 1;
            for (int u = 0; u < np; u++) {
              double ju = jac[u];
              for (int w = 0; w <= u; w++) {
                acc[u * np + w] += ju * jac[w];
              }
              acc[np * np + u] += ju * res;
            }
            acc[np * np + np] += res * res;
            acc[np * np + np + 1] += 1;
            double fv = f[n];
            acc[np * np + np + 2] += mv;
            acc[np * np + np + 3] += fv;
            acc[np * np + np + 4] += (double) mv * mv;
            acc[np * np + np + 5] += fv * fv;
            acc[np * np + np + 6] += mv * fv;
          }
        }
      });
      Eval e = new Eval(np);
      for (double[] acc : parts) {
        for (int u = 0; u < np; u++) {
          for (int w = 0; w <= u; w++) {
            e.h[u * np + w] += acc[u * np + w];
          }
          e.g[u] += acc[np * np + u];
        }
        e.sse += acc[np * np + np];
        e.count += (long) acc[np * np + np + 1];
        e.sm += acc[np * np + np + 2];
        e.sf += acc[np * np + np + 3];
        e.smm += acc[np * np + np + 4];
        e.sff += acc[np * np + np + 5];
        e.smf += acc[np * np + np + 6];
      }
      for (int u = 0; u < np; u++) {
        for (int w = 0; w < u; w++) {
          e.h[w * np + u] = e.h[u * np + w];
        }
      }
      return e;
    }
  }
}
