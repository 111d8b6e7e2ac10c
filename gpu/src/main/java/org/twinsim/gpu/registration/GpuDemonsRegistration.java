package org.twinsim.gpu.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.cuda.Device;
import org.twinsim.gpu.cuda.DeviceMemory;
import org.twinsim.gpu.cuda.LaunchArgs;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.registration.DeformableRegistration;
import org.twinsim.model.registration.DeformableResult;
import org.twinsim.model.registration.DemonsParameters;
import org.twinsim.model.registration.DemonsRegistration;
import org.twinsim.model.registration.DemonsSetup;
import org.twinsim.model.registration.GaussianSmoother;
import org.twinsim.model.registration.LevelReport;
import org.twinsim.model.registration.RegistrationException;
import org.twinsim.model.registration.RegistrationInput;
import org.twinsim.model.registration.RegistrationListener;

/**
 * Multi-resolution demons registration on a CUDA device: the GPU backend of
 * {@link DeformableRegistration}, following step by step the exact algorithm documented on the CPU
 * reference {@link DemonsRegistration} (Thirion 1998, Med Image Anal 2:243; Vercauteren et al.
 * 2009, NeuroImage 45:S61). On the host, with the reference's own code: steps 1 to 4 (region and
 * fixed mask, moving region, overlap checks, shading correction and intensity matching) and of step
 * 5 the number of levels, the level grids and the coarse masks ({@link DemonsSetup#prepare}, the
 * preparation the CPU reference runs too), and the output on the full fixed grid (step 8,
 * {@link DemonsRegistration#assembleField}). On the device, in registration.cu and gaussian.cu: the
 * pyramid's images (smoothing and resampling of both images), the gradient and every iteration
 * (warp, forces, smoothing of the update, update, smoothing of the field, pinned faces, field
 * change).
 *
 * <p><b>Equivalence.</b> Every kernel evaluates the reference's operations in the same order and
 * precision without fused multiply-adds, so the field is expected to equal the CPU's bit for bit;
 * only sums over voxels (metric, field change) are added in another order, which can change the
 * iteration at which a level meets the convergence test when {@code convergenceMm > 0}. The
 * accepted deviation is the registration package's: 0.05 mm RMS and 0.5 mm maximum over the region
 * of interest with {@code convergenceMm = 0} (checked by the self-test on a GPU, and by
 * {@code GpuDemonsRegistrationTest} on a host emulation of the device).
 *
 * <p><b>Transfers and memory.</b> Per call: the level-0 fixed image, mask and moving image go up
 * once (coarse masks too: bytes), the level-0 field comes down once; with {@code convergenceMm = 0}
 * and the additive update the per-iteration statistics stay on the device until the end of each
 * level (one small download per level; the listener's iteration callbacks are then delivered at the
 * end of the level, in order). With the convergence test or the diffeomorphic update the statistics
 * come down once per iteration (a few kB). Device buffers are kept between calls and reused when
 * the next call has the same level sizes (the fractions of one patient); {@link #close()} returns
 * them to the device's pool.
 *
 * <p><b>Fallback.</b> A {@link org.twinsim.gpu.cuda.GpuException} or {@link LinkageError} during the
 * device part makes the whole registration run on the CPU reference (a warning through the
 * {@link GpuFallback}); the result then says {@code demons-cpu}. Ill-posed input throws
 * {@link RegistrationException} as the reference does. Not thread-safe (one instance per thread, as
 * for the reference); calls on one device are serialised on it.
 */
public final class GpuDemonsRegistration implements DeformableRegistration, AutoCloseable {
  /** This implementation's name in reports. */
  public static final String NAME = "demons-gpu";
  static final String MODULE = "registration";
  private static final int THREADS = 256;

  private final Device device;
  private final GpuFallback fallback;
  private final DemonsRegistration cpu = new DemonsRegistration();
  private final DeviceGaussian gaussian;
  private LevelBuffers[] cache = new LevelBuffers[0];
  private DeviceMemory pyrF;
  private DeviceMemory pyrFs;
  private DeviceMemory pyrM;
  private DeviceMemory pyrMs;
  private DeviceMemory aff;
  private DeviceMemory partials;
  private double lastDeviceSeconds = Double.NaN;

  /**
   * @param device the device, or null to run on the CPU reference only
   * @param fallback the fallback rule shared with the other GPU backends of the run
   */
  public GpuDemonsRegistration(Device device, GpuFallback fallback) {
    this.device = device;
    this.fallback = fallback == null ? new GpuFallback(null) : fallback;
    this.gaussian = device == null ? null : new DeviceGaussian(device);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Registers on the device, or on the CPU reference when there is none, the GPU was given up, or
   * the device fails during this call.
   */
  @Override
  public DeformableResult register(RegistrationInput input, DemonsParameters p, RegistrationListener listener) {
    if (input == null || p == null) {
      throw new IllegalArgumentException("demons: input and parameters are required");
    }
    RegistrationListener lis = listener == null ? RegistrationListener.NONE : listener;
    if (device == null || !fallback.gpuEnabled()) {
      return cpu.register(input, p, lis);
    }
    long t0 = System.nanoTime();
    DemonsSetup prep = DemonsSetup.prepare(input, p);
    return fallback.run("demons registration", () -> {
      synchronized (device) {
        return onDevice(prep, p, lis, t0);
      }
    }, () -> cpu.register(input, p, lis));
  }

  /** Wall time of the device part (pyramid and iterations, transfers included) of the last call, s. */
  public double lastDeviceSeconds() {
    return lastDeviceSeconds;
  }

  // ---------------------------------------------------------------------------------------------

  /** The device buffers of one level. */
  private static final class LevelBuffers {
    Grid3 g;
    Grid3 gm;
    int n;
    int nm;
    DeviceMemory f;
    DeviceMemory m;
    DeviceMemory w;
    DeviceMemory mask;
    DeviceMemory valid;
    DeviceMemory[] gf = new DeviceMemory[3];
    DeviceMemory[] v = new DeviceMemory[3];
    DeviceMemory[] d = new DeviceMemory[3];
    DeviceMemory[] t = new DeviceMemory[3];
    DeviceMemory[] p = new DeviceMemory[3];

    LevelBuffers(Device dev, int n, int nm) {
      this.n = n;
      this.nm = nm;
      long nb = 4L * n;
      f = dev.buffer(nb);
      m = dev.buffer(4L * nm);
      w = dev.buffer(nb);
      mask = dev.buffer(n);
      valid = dev.buffer(n);
      for (int c = 0; c < 3; c++) {
        gf[c] = dev.buffer(nb);
        v[c] = dev.buffer(nb);
        d[c] = dev.buffer(nb);
        t[c] = dev.buffer(nb);
        p[c] = dev.buffer(nb);
      }
    }

    void close() {
      for (DeviceMemory b : List.of(f, m, w, mask, valid)) {
        b.close();
      }
      for (DeviceMemory[] a : List.of(gf, v, d, t, p)) {
        for (DeviceMemory b : a) {
          b.close();
        }
      }
    }
  }

  private LevelBuffers level(int l, Grid3 g, Grid3 gm) {
    if (cache.length <= l) {
      cache = Arrays.copyOf(cache, l + 1);
    }
    LevelBuffers b = cache[l];
    if (b == null || b.n != g.size() || b.nm != gm.size()) {
      if (b != null) {
        b.close();
      }
      b = new LevelBuffers(device, g.size(), gm.size());
      cache[l] = b;
    }
    b.g = g;
    b.gm = gm;
    return b;
  }

  /** A pooled buffer of at least {@code bytes}, kept while large enough. */
  private DeviceMemory atLeast(DeviceMemory b, long bytes) {
    if (b != null && b.bytes() >= bytes) {
      return b;
    }
    if (b != null) {
      b.close();
    }
    return device.buffer(Math.max(bytes, 8));
  }

  private DeformableResult onDevice(DemonsSetup prep, DemonsParameters p, RegistrationListener lis,
                                    long t0) {
    long td = System.nanoTime();
    Grid3 g0 = prep.g0();
    Grid3 gm0 = prep.gm0();
    int levels = prep.levels();
    LevelBuffers l0 = level(0, g0, gm0);
    l0.f.upload(prep.f0());
    l0.m.upload(prep.m0());
    l0.mask.upload(prep.k0());
    aff = atLeast(aff, 12L * 8);
    aff.upload(prep.affine());
    int pinned = pinnedBits(prep.pinnedFaces());
    List<LevelReport> reports = new ArrayList<>();
    LevelBuffers prev = null;
    double finalMetric = Double.NaN;
    for (int l = levels - 1; l >= 0; l--) {
      long tl = System.nanoTime();
      Grid3 gl = prep.levelGrid(l);
      LevelBuffers lv = level(l, gl, prep.movingLevelGrid(l));
      if (l > 0) {
        buildCoarse(lv, 1 << l, l0, prep);
      }
      if (prev == null) {
        for (int c = 0; c < 3; c++) {
          lv.v[c].zero(4L * lv.n);
        }
      } else {
        for (int c = 0; c < 3; c++) {
          resampleClamped(prev.v[c], prev.g, lv.v[c], gl);
        }
      }
      device.launch(MODULE, "reg_gradient", device.blocksFor(lv.n, THREADS), THREADS, 0, new LaunchArgs()
          .ptr(lv.f).ptr(lv.mask).i32(1).i32(gl.nx()).i32(gl.ny()).i32(gl.nz())
          .f32((float) (0.5 / gl.spacingXMm())).f32((float) (0.5 / gl.spacingYMm())).f32((float) (0.5 / gl.spacingZMm()))
          .ptr(lv.gf[0]).ptr(lv.gf[1]).ptr(lv.gf[2]));
      lis.levelStarted(NAME, l, levels, gl);
      LevelReport rep = runLevel(lv, l, p, lis, pinned);
      rep = new LevelReport(NAME, l, gl, rep.iterations(), rep.converged(), rep.metricStart(), rep.metricEnd(),
          rep.updateSigmaMm(), rep.fieldSigmaMm(), (System.nanoTime() - tl) * 1e-9);
      reports.add(rep);
      lis.levelFinished(rep);
      finalMetric = rep.metricEnd();
      prev = lv;
    }
    float[] vx = new float[prev.n];
    float[] vy = new float[prev.n];
    float[] vz = new float[prev.n];
    prev.v[0].download(vx);
    prev.v[1].download(vy);
    prev.v[2].download(vz);
    lastDeviceSeconds = (System.nanoTime() - td) * 1e-9;
    VectorField out = DemonsRegistration.assembleField(prep.fixedGrid(), prep.box(), prep.affine(), prev.g, vx, vy, vz,
        prep.pinnedFaces());
    if (!out.isFinite()) {
      throw new IllegalStateException("demons (GPU): the field has non-finite components after registration"
          + " (input was finite; this is a defect, not an input problem)");
    }
    return new DeformableResult(out, reports, finalMetric, prep.intensityMap(), prep.shading(), (System.nanoTime() - t0) * 1e-9, NAME);
  }

  /** Step 5 on the device for a coarse level of shrink factor f; the mask is computed on the host. */
  private void buildCoarse(LevelBuffers lv, int f, LevelBuffers l0, DemonsSetup prep) {
    Grid3 g0 = prep.g0();
    Grid3 gm0 = prep.gm0();
    pyrF = atLeast(pyrF, 4L * l0.n);
    pyrFs = atLeast(pyrFs, 4L * l0.n);
    pyrM = atLeast(pyrM, 4L * l0.nm);
    pyrMs = atLeast(pyrMs, 4L * l0.nm);
    double sx = 0.5 * f * g0.spacingXMm();
    double sy = 0.5 * f * g0.spacingYMm();
    double sz = 0.5 * f * g0.spacingZMm();
    pyrF.copyFrom(l0.f, 4L * l0.n);
    DeviceMemory sf = gaussian.smooth(pyrF, pyrFs, g0, kernels(g0, sx, sy, sz));
    resampleClamped(sf, g0, lv.f, lv.g);
    pyrM.copyFrom(l0.m, 4L * l0.nm);
    DeviceMemory sm = gaussian.smooth(pyrM, pyrMs, gm0, kernels(gm0, sx, sy, sz));
    resampleClamped(sm, gm0, lv.m, lv.gm);
    lv.mask.upload(prep.levelMask(lv.g));
  }

  /** The pinned faces (order -x +x -y +y -z +z) as bits 0..5, as reg_pin_faces takes them. */
  private static int pinnedBits(boolean[] pinnedFaces) {
    int bits = 0;
    for (int face = 0; face < 6; face++) {
      bits |= pinnedFaces[face] ? 1 << face : 0;
    }
    return bits;
  }

  private static float[][] kernels(Grid3 g, double sxMm, double syMm, double szMm) {
    return new float[][] {GaussianSmoother.kernel(sxMm / g.spacingXMm()), GaussianSmoother.kernel(syMm / g.spacingYMm()),
        GaussianSmoother.kernel(szMm / g.spacingZMm())};
  }

  private void resampleClamped(DeviceMemory src, Grid3 sg, DeviceMemory dst, Grid3 dg) {
    device.launch(MODULE, "reg_resample_clamped", device.blocksFor(dg.size(), THREADS), THREADS, 0, new LaunchArgs()
        .ptr(src).i32(sg.nx()).i32(sg.ny()).i32(sg.nz())
        .f64(sg.originXMm(), sg.originYMm(), sg.originZMm(), sg.spacingXMm(), sg.spacingYMm(), sg.spacingZMm())
        .ptr(dst).i32(dg.nx()).i32(dg.ny()).i32(dg.nz())
        .f64(dg.originXMm(), dg.originYMm(), dg.originZMm(), dg.spacingXMm(), dg.spacingYMm(), dg.spacingZMm()));
  }

  /** The constants of one level's iterations (step 7). */
  private record Step(Grid3 g, Grid3 gm, float[][] kU, float[][] kV, boolean smoothU, boolean smoothV, int forceMode,
                      boolean additive, float c, float eps, float hx, float hy, float hz, int blocks, int pinned,
                      double minSp, double sigU, double sigV) {
    static Step of(LevelBuffers lv, DemonsParameters p, int pinned, int blocks) {
      Grid3 g = lv.g;
      double minSp = DemonsSetup.minSpacing(g);
      double maxSp = DemonsSetup.maxSpacing(g);
      double h = p.maxStepVoxels() * minSp;
      double sigU = p.updateSigmaVoxels() * maxSp;
      double sigV = p.fieldSigmaVoxels() * maxSp;
      return new Step(g, lv.gm, kernels(g, sigU, sigU, sigU), kernels(g, sigV, sigV, sigV), sigU > 0, sigV > 0,
          p.force().ordinal(), p.updateRule() == DemonsParameters.UpdateRule.ADDITIVE,
          (float) (1.0 / (4 * h * h)), (float) (p.gradientFloorHuPerMm() * p.gradientFloorHuPerMm()),
          (float) (0.5 / g.spacingXMm()), (float) (0.5 / g.spacingYMm()), (float) (0.5 / g.spacingZMm()), blocks, pinned,
          minSp, sigU, sigV);
    }
  }

  /** Step 7, the iterations of one level. */
  private LevelReport runLevel(LevelBuffers lv, int level, DemonsParameters p, RegistrationListener lis, int pinned) {
    Grid3 g = lv.g;
    int maxIt = p.maxIterations();
    double tol = p.convergenceMm();
    int window = p.convergenceWindow();
    Step st = Step.of(lv, p, pinned, device.blocksFor(lv.n, THREADS));
    boolean batch = tol <= 0 && st.additive();
    int blocks = st.blocks();
    int slot = 4 * blocks;
    partials = atLeast(partials, 8L * (batch ? (long) (maxIt + 1) * slot : Math.max(slot, 3L * blocks)));
    double[] metric = new double[maxIt + 1];
    double[] change = new double[maxIt + 1];
    double[] host = new double[slot];
    int it = 0;
    int quiet = 0;
    boolean converged = false;
    for (;; it++) {
      long off = batch ? (long) it * slot : 0;
      forces(lv, st, off);
      if (!batch) {
        partials.download(host);
        metric[it] = metric(host, 0, blocks, g);
      }
      if (it == maxIt) {
        break;
      }
      if (tol > 0 && quiet >= window) {
        converged = true;
        break;
      }
      update(lv, st, off + 2L * blocks);
      if (!batch) {
        partials.download(host);
        change[it] = rms(host, 2 * blocks, blocks);
        quiet = change[it] < tol ? quiet + 1 : 0;
        lis.iteration(NAME, level, it, metric[it], change[it]);
      }
    }
    if (batch) {
      double[] all = new double[(it + 1) * slot];
      partials.download(all);
      for (int k = 0; k <= it; k++) {
        metric[k] = metric(all, k * slot, blocks, g);
        if (k < it) {
          change[k] = rms(all, k * slot + 2 * blocks, blocks);
          lis.iteration(NAME, level, k, metric[k], change[k]);
        }
      }
    }
    return new LevelReport(NAME, level, g, it, converged, metric[0], metric[it], st.sigU(), st.sigV(), 0);
  }

  /** Steps 7a, 7b, 7d: warp, metric partials at {@code off}, raw update into lv.d. */
  private void forces(LevelBuffers lv, Step st, long off) {
    Grid3 g = st.g();
    Grid3 gm = st.gm();
    device.launch(MODULE, "reg_warp", st.blocks(), THREADS, 0, new LaunchArgs()
        .ptr(lv.m).i32(gm.nx()).i32(gm.ny()).i32(gm.nz())
        .f64(gm.originXMm(), gm.originYMm(), gm.originZMm(), gm.spacingXMm(), gm.spacingYMm(), gm.spacingZMm())
        .ptr(lv.f).ptr(lv.mask).ptr(lv.v[0]).ptr(lv.v[1]).ptr(lv.v[2]).i32(g.nx()).i32(g.ny()).i32(g.nz())
        .f64(g.originXMm(), g.originYMm(), g.originZMm(), g.spacingXMm(), g.spacingYMm(), g.spacingZMm())
        .ptr(aff).ptr(lv.w).ptr(lv.valid));
    device.launch(MODULE, "reg_forces", st.blocks(), THREADS, 0, new LaunchArgs()
        .ptr(lv.f).ptr(lv.w).ptr(lv.valid).ptr(lv.gf[0]).ptr(lv.gf[1]).ptr(lv.gf[2]).i32(g.nx()).i32(g.ny()).i32(g.nz())
        .i32(st.forceMode()).f32(st.c()).f32(st.eps()).f32(st.hx()).f32(st.hy()).f32(st.hz())
        .ptr(lv.d[0]).ptr(lv.d[1]).ptr(lv.d[2]).ptr(partials).i64(off));
  }

  /**
   * Steps 7e to 7h: smoothing of the update, update, smoothing of the field, pinned faces, and the
   * field-change partials at {@code changeOff}.
   */
  private void update(LevelBuffers lv, Step st, long changeOff) {
    Grid3 g = st.g();
    int blocks = st.blocks();
    if (st.smoothU()) {
      DeviceMemory[] r = gaussian.smooth3(lv.d, lv.t, g, st.kU());
      if (r != lv.d) {
        lv.t = lv.d;
        lv.d = r;
      }
    }
    for (int q = 0; q < 3; q++) {
      lv.p[q].copyFrom(lv.v[q], 4L * lv.n);
    }
    if (st.additive()) {
      device.launch(MODULE, "reg_add_update", blocks, THREADS, 0, new LaunchArgs()
          .ptr(lv.v[0]).ptr(lv.v[1]).ptr(lv.v[2]).ptr(lv.d[0]).ptr(lv.d[1]).ptr(lv.d[2]).i64(lv.n));
    } else {
      composeUpdate(lv, blocks, st.minSp());
    }
    if (st.smoothV()) {
      DeviceMemory[] r = gaussian.smooth3(lv.v, lv.t, g, st.kV());
      if (r != lv.v) {
        lv.t = lv.v;
        lv.v = r;
      }
    }
    if (st.pinned() != 0) {
      device.launch(MODULE, "reg_pin_faces", blocks, THREADS, 0, new LaunchArgs()
          .ptr(lv.v[0]).ptr(lv.v[1]).ptr(lv.v[2]).i32(g.nx()).i32(g.ny()).i32(g.nz()).i32(st.pinned()));
    }
    device.launch(MODULE, "reg_field_change", blocks, THREADS, 0, new LaunchArgs()
        .ptr(lv.v[0]).ptr(lv.v[1]).ptr(lv.v[2]).ptr(lv.p[0]).ptr(lv.p[1]).ptr(lv.p[2]).ptr(lv.valid).i64(lv.n)
        .ptr(partials).i64(changeOff));
  }

  /**
   * One iteration of the registration loop on device-resident data, for the benchmark: the fixed
   * and the moving image on the same grid, the whole grid valid, the identity as initial transform,
   * the field starting at {@code initial} (reset by {@link #reset()}). {@link #run()} is exactly the
   * loop body of a level (step 7a to 7h) followed by a synchronisation; {@link #bytesMoved()} is its
   * compulsory memory traffic.
   */
  public static final class IterationProbe implements AutoCloseable {
    private final GpuDemonsRegistration reg;
    private final LevelBuffers lv;
    private final Step step;
    private final float[][] initial;

    public IterationProbe(Device device, org.twinsim.model.geometry.Volume fixed, org.twinsim.model.geometry.Volume moving,
                          VectorField initialField, DemonsParameters p) {
      fixed.grid().requireSame(moving.grid(), "iteration probe: fixed vs moving");
      fixed.grid().requireSame(initialField.grid(), "iteration probe: fixed vs field");
      reg = new GpuDemonsRegistration(device, null);
      Grid3 g = fixed.grid();
      lv = reg.level(0, g, g);
      lv.f.upload(fixed.data());
      lv.m.upload(moving.data());
      byte[] ones = new byte[g.size()];
      java.util.Arrays.fill(ones, (byte) 1);
      lv.mask.upload(ones);
      reg.aff = reg.atLeast(reg.aff, 12L * 8);
      reg.aff.upload(org.twinsim.model.registration.RigidTransform.IDENTITY.affine());
      initial = new float[][] {initialField.ux(), initialField.uy(), initialField.uz()};
      step = Step.of(lv, p, 0, device.blocksFor(g.size(), THREADS));
      reg.partials = reg.atLeast(reg.partials, 8L * 4 * step.blocks());
      device.launch(MODULE, "reg_gradient", step.blocks(), THREADS, 0, new LaunchArgs()
          .ptr(lv.f).ptr(lv.mask).i32(1).i32(g.nx()).i32(g.ny()).i32(g.nz())
          .f32(step.hx()).f32(step.hy()).f32(step.hz()).ptr(lv.gf[0]).ptr(lv.gf[1]).ptr(lv.gf[2]));
      reset();
    }

    /** Sets the field back to the initial one (uploads 3 arrays). */
    public void reset() {
      for (int c = 0; c < 3; c++) {
        lv.v[c].upload(initial[c]);
      }
      reg.device.synchronize();
    }

    /** One iteration, then a synchronisation. */
    public void run() {
      reg.forces(lv, step, 0);
      reg.update(lv, step, 2L * step.blocks());
      reg.device.synchronize();
    }

    /**
     * Compulsory bytes of one iteration for n voxels (each array read or written once; the moving
     * image's trilinear reads counted once): warp 22n (mask, field, moving, warped, validity),
     * forces 33n (validity, fixed, warped, gradient, update), each smoothing pass of the three
     * components 24n, copy of the field 24n, additive update 36n, field change 25n.
     */
    public long bytesMoved() {
      long n = lv.n;
      int passesU = 0;
      int passesV = 0;
      for (int a = 0; a < 3; a++) {
        passesU += step.kU()[a].length > 1 ? 1 : 0;
        passesV += step.kV()[a].length > 1 ? 1 : 0;
      }
      return n * (22 + 33 + 24L * (passesU + passesV) + 24 + 36 + 25);
    }

    @Override
    public void close() {
      reg.close();
    }
  }

  /** The metric from the forces' partials at {@code off}; throws when no voxel was valid. */
  private static double metric(double[] h, int off, int blocks, Grid3 g) {
    double s = 0;
    double cnt = 0;
    for (int b = 0; b < blocks; b++) {
      s += h[off + b];
      cnt += h[off + blocks + b];
    }
    if (cnt == 0) {
      throw new RegistrationException("demons: no fixed voxel of level grid " + g
          + " maps inside the moving image any more (the field left the overlap)");
    }
    return s / cnt;
  }

  private static double rms(double[] h, int off, int blocks) {
    double s = 0;
    double cnt = 0;
    for (int b = 0; b < blocks; b++) {
      s += h[off + b];
      cnt += h[off + blocks + b];
    }
    return cnt == 0 ? 0 : Math.sqrt(s / cnt);
  }

  /** DIFFEOMORPHIC update: v <- A exp(du) + v o (id + exp(du)), by scaling and squaring (step 7f). */
  private void composeUpdate(LevelBuffers lv, int blocks, double minSp) {
    Grid3 g = lv.g;
    device.launch(MODULE, "reg_norm_stats", blocks, THREADS, 0, new LaunchArgs()
        .ptr(lv.d[0]).ptr(lv.d[1]).ptr(lv.d[2]).ptr(lv.valid).i64(lv.n).ptr(partials).i64(0L));
    double[] h = new double[3 * blocks];
    partials.download(h);
    double maxNorm = 0;
    for (int b = 0; b < blocks; b++) {
      maxNorm = Math.max(maxNorm, h[2 * blocks + b]);
    }
    maxNorm = Math.sqrt(maxNorm);
    int squarings = 0;
    while (maxNorm / (1 << squarings) > 0.5 * minSp && squarings < 20) {
      squarings++;
    }
    if (squarings > 0) {
      float scale = 1f / (1 << squarings);
      device.launch(MODULE, "reg_scale", blocks, THREADS, 0, new LaunchArgs()
          .ptr(lv.d[0]).ptr(lv.d[1]).ptr(lv.d[2]).i64(lv.n).f32(scale));
      for (int s = 0; s < squarings; s++) {
        compose(lv.d, lv.d, g, false, lv.t, blocks);
        DeviceMemory[] t = lv.d;
        lv.d = lv.t;
        lv.t = t;
      }
    }
    compose(lv.d, lv.v, g, true, lv.t, blocks);
    DeviceMemory[] t = lv.v;
    lv.v = lv.t;
    lv.t = t;
  }

  private void compose(DeviceMemory[] e, DeviceMemory[] s, Grid3 g, boolean withA, DeviceMemory[] out, int blocks) {
    device.launch(MODULE, "reg_compose", blocks, THREADS, 0, new LaunchArgs()
        .ptr(e[0]).ptr(e[1]).ptr(e[2]).ptr(s[0]).ptr(s[1]).ptr(s[2]).i32(g.nx()).i32(g.ny()).i32(g.nz())
        .f64(1 / g.spacingXMm(), 1 / g.spacingYMm(), 1 / g.spacingZMm()).i32(withA ? 1 : 0).ptr(aff)
        .ptr(out[0]).ptr(out[1]).ptr(out[2]));
  }

  /** Returns every device buffer to the pool; the instance stays usable (it reallocates). */
  @Override
  public void close() {
    if (device == null) {
      return;
    }
    synchronized (device) {
      for (LevelBuffers b : cache) {
        if (b != null) {
          b.close();
        }
      }
      cache = new LevelBuffers[0];
      for (DeviceMemory b : new DeviceMemory[] {pyrF, pyrFs, pyrM, pyrMs, aff, partials}) {
        if (b != null) {
          b.close();
        }
      }
      pyrF = pyrFs = pyrM = pyrMs = aff = partials = null;
      gaussian.close();
    }
  }
}
