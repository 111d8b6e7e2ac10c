package org.twinsim.gpu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.twinsim.gpu.cuda.DeviceBuffer;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceProbe;
import org.twinsim.gpu.cuda.GpuContext;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.gpu.ops.CpuVolumeKernels;
import org.twinsim.gpu.ops.DemonsForceParams;
import org.twinsim.gpu.ops.DvhBins;
import org.twinsim.gpu.ops.GaussianSpec;
import org.twinsim.gpu.ops.GpuVolumeKernels;
import org.twinsim.gpu.ops.Pyramid;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * Times every kernel of the module on the CPU and, when a usable GPU is present, on the GPU, on
 * the same {@link SyntheticInputs}: {@code warmup} untimed calls, then {@code repeat} timed calls,
 * summarised by median, quartiles and range. State that a call modifies (the demons field) is
 * reset before every call, outside the timed region.
 *
 * <p>GPU timings are of device-resident data (uploaded once, as a registration keeps its images on
 * the device across iterations and fractions), from the launch to the end of
 * {@code cuCtxSynchronize}: they include launch overhead, not transfers; the separate
 * {@code transfer} kernel times one volume up and down. CPU timings are of the Java kernels on all
 * cores.
 *
 * <p>Bytes moved per call (N voxels of 4 bytes, Nc = voxels of the half-resolution grid) count each
 * array read or written once, the least traffic the kernel can have: gaussian 24N (3 passes, read +
 * write), warp 20N (3 field components, the source, the output), downsample2 4N + 4Nc, upsample2
 * 4Nc + 4N, demons_force 32N (fixed, warped moving, field read and written), demons_iteration
 * 124N (warp + force + smoothing of the 3 field components), dvh 5N (dose and labels), transfer 8N
 * (host to device and back, over PCIe).
 */
public final class BenchHarness {
  /** The kernels timed, in order. */
  public static final List<String> KERNELS = List.of("gaussian", "warp", "downsample2", "upsample2", "demons_force",
      "demons_iteration", "dvh", "transfer");
  /** Smoothing of the bench's gaussian kernel and of the demons iteration: 1.5 voxels (11 taps). */
  public static final double SIGMA_VOXELS = 1.5;
  /** DVH bins of the dvh kernel: 0.05 Gy up to 80 Gy. */
  public static final DvhBins DVH_BINS = new DvhBins(0.05, 1600);

  /**
   * What to run.
   *
   * @param cpu time the CPU kernels
   * @param gpu time the GPU kernels (skipped, with a note, without a usable GPU)
   * @param grid the grid
   * @param repeat timed calls per kernel (>= 1)
   * @param warmup untimed calls per kernel before them (>= 0)
   * @param seed seed of the synthetic inputs
   */
  public record Config(boolean cpu, boolean gpu, BenchGrid grid, int repeat, int warmup, long seed) {
    public Config {
      if (repeat < 1) {
        throw new IllegalArgumentException("repeat: expected an integer >= 1, got " + repeat);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup: expected an integer >= 0, got " + warmup);
      }
      if (!cpu && !gpu) {
        throw new IllegalArgumentException("backend: nothing to run (neither cpu nor gpu)");
      }
    }
  }

  /**
   * What a run produced.
   *
   * @param results one per kernel and backend timed
   * @param device the probed device
   * @param fingerprint this machine
   * @param notes GPU skipped or failed kernels, one line each
   * @param gpuFailed whether a GPU kernel or the GPU context failed while running (as opposed to
   *     no GPU being present or asked for)
   */
  public record Outcome(List<BenchResult> results, DeviceInfo device, HardwareFingerprint fingerprint,
                        List<String> notes, boolean gpuFailed) {
  }

  /** One timed operation: {@code prepare} (untimed) then {@code run} (timed). */
  private interface Case {
    String kernel();

    long bytes();

    void prepare();

    void run();
  }

  private final Config config;
  private final Consumer<String> log;

  /** @param log receives progress lines ("cpu gaussian 2mm: median 41.2 ms") */
  public BenchHarness(Config config, Consumer<String> log) {
    this.config = config;
    this.log = log;
  }

  public Outcome run() {
    return run(DeviceProbe.probe());
  }

  /** Runs against {@code device} (the probe's answer, or a made-up absent device in tests). */
  public Outcome run(DeviceInfo device) {
    Grid3 g = config.grid().grid();
    List<String> notes = new ArrayList<>();
    List<BenchResult> results = new ArrayList<>();
    boolean gpuFailed = false;
    log.accept("bench: grid " + config.grid().label() + " (" + g.nx() + " x " + g.ny() + " x " + g.nz() + " = "
        + g.size() + " voxels), " + config.warmup() + " warm-up + " + config.repeat() + " timed calls per kernel");
    SyntheticInputs in = SyntheticInputs.create(g, config.seed());
    if (config.cpu()) {
      for (Case c : cpuCases(in)) {
        results.add(time(c, "cpu", g.size(), Double.NaN));
      }
    }
    if (config.gpu()) {
      if (!device.usable()) {
        notes.add("gpu skipped: " + device.describe());
        log.accept("bench: gpu skipped: " + device.describe());
      } else {
        gpuFailed = !runGpu(device, in, results, notes);
      }
    }
    return new Outcome(results, device, HardwareFingerprint.current(device), notes, gpuFailed);
  }

  /** Times the GPU kernels; false when one of them or the context failed. */
  private boolean runGpu(DeviceInfo device, SyntheticInputs in, List<BenchResult> results, List<String> notes) {
    boolean ok = true;
    try (GpuContext ctx = GpuContext.open(device)) {
      GpuCases cases = new GpuCases(ctx, in);
      try {
        for (Case c : cases.list()) {
          try {
            results.add(time(c, "gpu", in.grid().size(), c.kernel().equals("transfer") ? Double.NaN
                : device.peakBandwidthBytesPerS()));
          } catch (GpuException e) {
            ok = false;
            notes.add("gpu " + c.kernel() + " failed: " + e.getMessage());
            log.accept("bench: gpu " + c.kernel() + " failed: " + e.getMessage());
            if (e.isSticky()) {
              notes.add("gpu: remaining kernels skipped (the CUDA context is unusable)");
              break;
            }
          }
        }
      } finally {
        cases.close();
      }
    } catch (GpuException | LinkageError e) {
      String m = GpuException.firstLine(e);
      notes.add("gpu failed: " + m);
      log.accept("bench: gpu failed: " + m);
      return false;
    }
    return ok;
  }

  private BenchResult time(Case c, String backend, long voxels, double peak) {
    for (int w = 0; w < config.warmup(); w++) {
      c.prepare();
      c.run();
    }
    double[] s = new double[config.repeat()];
    for (int r = 0; r < s.length; r++) {
      c.prepare();
      long t0 = System.nanoTime();
      c.run();
      s[r] = (System.nanoTime() - t0) * 1e-9;
    }
    BenchResult res = new BenchResult(c.kernel(), backend, config.grid().label(), voxels, config.warmup(),
        TimingStats.of(s), c.bytes(), peak);
    log.accept(String.format(java.util.Locale.ROOT, "bench: %s %-16s median %9.3f ms  (IQR %.3f-%.3f, range %.3f-%.3f)",
        backend, c.kernel(), 1e3 * res.timing().medianS(), 1e3 * res.timing().p25S(), 1e3 * res.timing().p75S(),
        1e3 * res.timing().minS(), 1e3 * res.timing().maxS()));
    return res;
  }

  private static GaussianSpec smoothing(Grid3 g) {
    return GaussianSpec.isotropic(SIGMA_VOXELS * g.spacingXMm());
  }

  private static Case of(String kernel, long bytes, Runnable prepare, Runnable run) {
    return new Case() {
      @Override
      public String kernel() {
        return kernel;
      }

      @Override
      public long bytes() {
        return bytes;
      }

      @Override
      public void prepare() {
        prepare.run();
      }

      @Override
      public void run() {
        run.run();
      }
    };
  }

  /** Bytes of traffic per kernel for N voxels (coarse grid Nc); see the class comment. */
  static long bytesMoved(String kernel, long n, long nc) {
    return switch (kernel) {
      case "gaussian" -> 24 * n;
      case "warp" -> 20 * n;
      case "downsample2" -> 4 * n + 4 * nc;
      case "upsample2" -> 4 * nc + 4 * n;
      case "demons_force" -> 32 * n;
      case "demons_iteration" -> 124 * n;
      case "dvh" -> 5 * n;
      case "transfer" -> 8 * n;
      default -> throw new IllegalArgumentException("unknown kernel " + kernel);
    };
  }

  private List<Case> cpuCases(SyntheticInputs in) {
    CpuVolumeKernels cpu = new CpuVolumeKernels();
    Grid3 g = in.grid();
    Grid3 half = Pyramid.half(g);
    int n = g.size();
    long nc = half.size();
    GaussianSpec spec = smoothing(g);
    DemonsForceParams dp = DemonsForceParams.defaults();
    float[] out = new float[n];
    float[] coarse = new float[half.size()];
    cpu.resample(in.fixed(), g, half, 0f, coarse);
    VectorField u = new VectorField(g);
    VectorField smoothed = new VectorField(g);
    float[] warped = new float[n];
    int[] counts = new int[DVH_BINS.bins()];
    Runnable none = () -> { };
    Runnable resetU = () -> {
      System.arraycopy(in.field().ux(), 0, u.ux(), 0, n);
      System.arraycopy(in.field().uy(), 0, u.uy(), 0, n);
      System.arraycopy(in.field().uz(), 0, u.uz(), 0, n);
    };
    cpu.warp(in.moving(), g, in.field(), Float.NaN, warped);
    float[] warpedForForce = warped.clone();
    List<Case> cases = new ArrayList<>();
    cases.add(of("gaussian", bytesMoved("gaussian", n, nc), none, () -> cpu.gaussian(in.fixed(), g, spec, out)));
    cases.add(of("warp", bytesMoved("warp", n, nc), none, () -> cpu.warp(in.moving(), g, in.field(), Float.NaN, out)));
    cases.add(of("downsample2", bytesMoved("downsample2", n, nc), none, () -> cpu.resample(in.fixed(), g, half, 0f, coarse)));
    cases.add(of("upsample2", bytesMoved("upsample2", n, nc), none, () -> cpu.resample(coarse, half, g, 0f, out)));
    cases.add(of("demons_force", bytesMoved("demons_force", n, nc), resetU,
        () -> cpu.demonsForce(in.fixed(), warpedForForce, dp, u)));
    cases.add(of("demons_iteration", bytesMoved("demons_iteration", n, nc), resetU, () -> {
      cpu.warp(in.moving(), g, u, Float.NaN, warped);
      cpu.demonsForce(in.fixed(), warped, dp, u);
      cpu.gaussian(u.ux(), g, spec, smoothed.ux());
      cpu.gaussian(u.uy(), g, spec, smoothed.uy());
      cpu.gaussian(u.uz(), g, spec, smoothed.uz());
    }));
    cases.add(of("dvh", bytesMoved("dvh", n, nc), none,
        () -> cpu.dvh(in.dose(), in.labels(), in.inStructure(), DVH_BINS, counts)));
    return cases;
  }

  /** The GPU cases over device-resident copies of the inputs. */
  private static final class GpuCases {
    private final List<DeviceBuffer> owned = new ArrayList<>();
    private final List<Case> cases = new ArrayList<>();
    private final GpuVolumeKernels kernels;

    GpuCases(GpuContext ctx, SyntheticInputs in) {
      GpuVolumeKernels k = new GpuVolumeKernels(ctx);
      this.kernels = k;
      Grid3 g = in.grid();
      Grid3 half = Pyramid.half(g);
      int n = g.size();
      long nc = half.size();
      long nb = 4L * n;
      GaussianSpec spec = smoothing(g);
      DemonsForceParams dp = DemonsForceParams.defaults();
      DeviceBuffer fixed = own(ctx.buffer(nb)).upload(in.fixed());
      DeviceBuffer moving = own(ctx.buffer(nb)).upload(in.moving());
      DeviceBuffer fx = own(ctx.buffer(nb)).upload(in.field().ux());
      DeviceBuffer fy = own(ctx.buffer(nb)).upload(in.field().uy());
      DeviceBuffer fz = own(ctx.buffer(nb)).upload(in.field().uz());
      DeviceBuffer ux = own(ctx.buffer(nb));
      DeviceBuffer uy = own(ctx.buffer(nb));
      DeviceBuffer uz = own(ctx.buffer(nb));
      DeviceBuffer sx = own(ctx.buffer(nb));
      DeviceBuffer sy = own(ctx.buffer(nb));
      DeviceBuffer sz = own(ctx.buffer(nb));
      DeviceBuffer out = own(ctx.buffer(nb));
      DeviceBuffer scratch = own(ctx.buffer(nb));
      DeviceBuffer warped = own(ctx.buffer(nb));
      DeviceBuffer coarse = own(ctx.buffer(4L * nc));
      DeviceBuffer dose = own(ctx.buffer(nb)).upload(in.dose());
      DeviceBuffer labels = own(ctx.buffer(n)).upload(in.labels());
      byte[] lut = new byte[256];
      for (int l = 0; l < 256; l++) {
        lut[l] = (byte) (in.inStructure()[l] ? 1 : 0);
      }
      DeviceBuffer table = own(ctx.buffer(256)).upload(lut);
      DeviceBuffer counts = own(ctx.buffer(4L * DVH_BINS.bins()));
      int[] hostCounts = new int[DVH_BINS.bins()];
      float[] host = new float[n];
      k.resample(fixed, g, half, 0f, coarse);
      k.warp(moving, g, fx, fy, fz, g, Float.NaN, warped);
      DeviceBuffer warpedForForce = own(ctx.buffer(nb));
      warpedForForce.copyFrom(warped, nb);
      ctx.synchronize();
      Runnable sync = ctx::synchronize;
      Runnable resetU = () -> {
        ux.copyFrom(fx, nb);
        uy.copyFrom(fy, nb);
        uz.copyFrom(fz, nb);
        ctx.synchronize();
      };
      cases.add(of("gaussian", bytesMoved("gaussian", n, nc), sync, () -> {
        k.gaussian(fixed, g, spec, out, scratch);
        ctx.synchronize();
      }));
      cases.add(of("warp", bytesMoved("warp", n, nc), sync, () -> {
        k.warp(moving, g, fx, fy, fz, g, Float.NaN, out);
        ctx.synchronize();
      }));
      cases.add(of("downsample2", bytesMoved("downsample2", n, nc), sync, () -> {
        k.resample(fixed, g, half, 0f, coarse);
        ctx.synchronize();
      }));
      cases.add(of("upsample2", bytesMoved("upsample2", n, nc), sync, () -> {
        k.resample(coarse, half, g, 0f, out);
        ctx.synchronize();
      }));
      cases.add(of("demons_force", bytesMoved("demons_force", n, nc), resetU,
          () -> k.demonsForce(fixed, warpedForForce, g, dp, ux, uy, uz)));
      cases.add(of("demons_iteration", bytesMoved("demons_iteration", n, nc), resetU, () -> {
        k.warp(moving, g, ux, uy, uz, g, Float.NaN, warped);
        k.demonsForce(fixed, warped, g, dp, ux, uy, uz);
        k.gaussian(ux, g, spec, sx, scratch);
        k.gaussian(uy, g, spec, sy, scratch);
        k.gaussian(uz, g, spec, sz, scratch);
        ctx.synchronize();
      }));
      cases.add(of("dvh", bytesMoved("dvh", n, nc), sync, () -> {
        k.dvh(dose, labels, table, n, DVH_BINS, counts);
        counts.download(hostCounts);
      }));
      cases.add(of("transfer", bytesMoved("transfer", n, nc), sync, () -> {
        out.upload(in.fixed());
        out.download(host);
      }));
    }

    private DeviceBuffer own(DeviceBuffer b) {
      owned.add(b);
      return b;
    }

    List<Case> list() {
      return cases;
    }

    void close() {
      kernels.releaseCaches();
      owned.forEach(DeviceBuffer::close);
    }
  }
}
