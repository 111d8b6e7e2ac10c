package org.twinsim.gpu.ops;

import static org.twinsim.gpu.ops.VolumeKernels.requireLength;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import org.twinsim.gpu.Backend;
import org.twinsim.gpu.cuda.DeviceBuffer;
import org.twinsim.gpu.cuda.GpuContext;
import org.twinsim.gpu.cuda.KernelArgs;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * The CUDA implementation of {@link VolumeKernels}, on a {@link GpuContext}. Two levels:
 *
 * <ul>
 *   <li>device-level methods on {@link DeviceBuffer}s (data stay on the device between steps:
 *       what a registration loop and the benchmark use); they launch and return once the work is
 *       queued, except those returning statistics or counts, which wait;</li>
 *   <li>the {@link VolumeKernels} methods on host arrays: upload the inputs into pooled buffers,
 *       run, download the outputs (which waits, so kernel faults surface as
 *       {@link org.twinsim.gpu.cuda.GpuException} inside the call).</li>
 * </ul>
 *
 * The kernels follow the rules stated in {@link VolumeKernels} and in the .cu sources, bit for bit
 * with {@link CpuVolumeKernels}. Calls are serialised on the context. Does not own the context.
 */
public final class GpuVolumeKernels implements VolumeKernels {
  /** Threads per block of every kernel (demons.cu's block reduction assumes exactly this). */
  public static final int THREADS = 256;
  private static final int MAX_CACHED_WEIGHTS = 32;

  private final GpuContext ctx;
  private final Map<WeightsKey, DeviceBuffer> weights = new LinkedHashMap<>();

  public GpuVolumeKernels(GpuContext ctx) {
    this.ctx = ctx;
  }

  public GpuContext context() {
    return ctx;
  }

  @Override
  public Backend backend() {
    return Backend.GPU;
  }

  // ---------------------------------------------------------------- device level

  /** Three passes (x: in -> out, y: out -> scratch, z: scratch -> out); all buffers hold grid.size() floats. */
  public void gaussian(DeviceBuffer in, Grid3 g, GaussianSpec spec, DeviceBuffer out, DeviceBuffer scratch) {
    synchronized (ctx) {
      CUfunction f = ctx.function("gaussian", "gaussian_pass");
      gaussianPass(f, in, out, g, 0, spec.weights(0, g.spacingXMm()));
      gaussianPass(f, out, scratch, g, 1, spec.weights(1, g.spacingYMm()));
      gaussianPass(f, scratch, out, g, 2, spec.weights(2, g.spacingZMm()));
    }
  }

  private void gaussianPass(CUfunction f, DeviceBuffer src, DeviceBuffer dst, Grid3 g, int axis, float[] w) {
    DeviceBuffer wb = weightsBuffer(w);
    ctx.launch(f, "gaussian_pass", ctx.blocksFor(g.size(), THREADS), THREADS, 0, new KernelArgs()
        .ptr(src).ptr(dst).i32(g.nx()).i32(g.ny()).i32(g.nz()).i32(axis).ptr(wb).i32(w.length / 2).pointer());
  }

  /** {@code out(p) = src(p + u(p))} on the target grid {@code g}; u and out hold g.size() floats. */
  public void warp(DeviceBuffer src, Grid3 sg, DeviceBuffer ux, DeviceBuffer uy, DeviceBuffer uz, Grid3 g,
                   float outside, DeviceBuffer out) {
    synchronized (ctx) {
      CUfunction f = ctx.function("resample", "warp_trilinear");
      KernelArgs a = sourceArgs(new KernelArgs().ptr(src), sg).ptr(ux).ptr(uy).ptr(uz).ptr(out);
      ctx.launch(f, "warp_trilinear", ctx.blocksFor(g.size(), THREADS), THREADS, 0,
          targetArgs(a, g).f32(outside).pointer());
    }
  }

  /** Trilinear resampling of {@code src} (on sg) at the voxel centres of {@code g} into {@code out}. */
  public void resample(DeviceBuffer src, Grid3 sg, Grid3 g, float outside, DeviceBuffer out) {
    synchronized (ctx) {
      CUfunction f = ctx.function("resample", "resample_trilinear");
      KernelArgs a = sourceArgs(new KernelArgs().ptr(src), sg).ptr(out);
      ctx.launch(f, "resample_trilinear", ctx.blocksFor(g.size(), THREADS), THREADS, 0,
          targetArgs(a, g).f32(outside).pointer());
    }
  }

  /** Demons force and update of (ux, uy, uz) in place; waits for the statistics. */
  public DemonsStats demonsForce(DeviceBuffer fixed, DeviceBuffer moving, Grid3 g, DemonsForceParams p,
                                 DeviceBuffer ux, DeviceBuffer uy, DeviceBuffer uz) {
    synchronized (ctx) {
      CUfunction f = ctx.function("demons", "demons_force");
      int blocks = ctx.blocksFor(g.size(), THREADS);
      try (DeviceBuffer partial = ctx.buffer(3L * 8 * blocks)) {
        ctx.launch(f, "demons_force", blocks, THREADS, 0, new KernelArgs()
            .ptr(fixed).ptr(moving).ptr(ux).ptr(uy).ptr(uz).i32(g.nx()).i32(g.ny()).i32(g.nz())
            .f32((float) g.spacingXMm()).f32((float) g.spacingYMm()).f32((float) g.spacingZMm())
            .f32(p.alphaSquared()).ptr(partial).pointer());
        double[] h = new double[3 * blocks];
        partial.download(h);
        double ssd = 0;
        double cnt = 0;
        double mx = 0;
        for (int b = 0; b < blocks; b++) {
          ssd += h[3 * b];
          cnt += h[3 * b + 1];
          mx = Math.max(mx, h[3 * b + 2]);
        }
        return new DemonsStats(ssd, Math.round(cnt), mx);
      }
    }
  }

  /**
   * DVH counts into {@code counts} (a device buffer of at least bins*4 bytes, zeroed here) over
   * {@code n} voxels; {@code inStructure} holds 256 bytes (1 = in the structure). Queued, not waited.
   */
  public void dvh(DeviceBuffer dose, DeviceBuffer labels, DeviceBuffer inStructure, int n, DvhBins bins,
                  DeviceBuffer counts) {
    synchronized (ctx) {
      CUfunction f = ctx.function("dvh", "dvh_histogram");
      counts.zero(4L * bins.bins());
      ctx.launch(f, "dvh_histogram", ctx.blocksFor(n, THREADS), THREADS, 4 * bins.bins(), new KernelArgs()
          .ptr(dose).ptr(labels).ptr(inStructure).i64(n).f32(bins.binWidthFloat()).i32(bins.bins()).ptr(counts)
          .pointer());
    }
  }

  // ---------------------------------------------------------------- host level

  @Override
  public void gaussian(float[] in, Grid3 g, GaussianSpec spec, float[] out) {
    int n = g.size();
    requireLength("gaussian input", in, n);
    requireLength("gaussian output", out, n);
    if (in == out) {
      throw new IllegalArgumentException("gaussian: output must not be the input array");
    }
    synchronized (ctx) {
      try (DeviceBuffer a = ctx.buffer(4L * n); DeviceBuffer b = ctx.buffer(4L * n); DeviceBuffer c = ctx.buffer(4L * n)) {
        a.upload(in);
        gaussian(a, g, spec, b, c);
        b.download(out);
      }
    }
  }

  @Override
  public void warp(float[] source, Grid3 sg, VectorField field, float outside, float[] out) {
    Grid3 g = field.grid();
    requireLength("warp source", source, sg.size());
    requireLength("warp output", out, g.size());
    long nb = 4L * g.size();
    synchronized (ctx) {
      try (DeviceBuffer s = ctx.buffer(4L * sg.size()); DeviceBuffer x = ctx.buffer(nb); DeviceBuffer y = ctx.buffer(nb);
           DeviceBuffer z = ctx.buffer(nb); DeviceBuffer o = ctx.buffer(nb)) {
        s.upload(source);
        x.upload(field.ux());
        y.upload(field.uy());
        z.upload(field.uz());
        warp(s, sg, x, y, z, g, outside, o);
        o.download(out);
      }
    }
  }

  @Override
  public void resample(float[] source, Grid3 sg, Grid3 g, float outside, float[] out) {
    requireLength("resample source", source, sg.size());
    requireLength("resample output", out, g.size());
    synchronized (ctx) {
      try (DeviceBuffer s = ctx.buffer(4L * sg.size()); DeviceBuffer o = ctx.buffer(4L * g.size())) {
        s.upload(source);
        resample(s, sg, g, outside, o);
        o.download(out);
      }
    }
  }

  @Override
  public DemonsStats demonsForce(float[] fixed, float[] moving, DemonsForceParams params, VectorField u) {
    Grid3 g = u.grid();
    requireLength("demons fixed image", fixed, g.size());
    requireLength("demons warped moving image", moving, g.size());
    long nb = 4L * g.size();
    synchronized (ctx) {
      try (DeviceBuffer f = ctx.buffer(nb); DeviceBuffer m = ctx.buffer(nb); DeviceBuffer x = ctx.buffer(nb);
           DeviceBuffer y = ctx.buffer(nb); DeviceBuffer z = ctx.buffer(nb)) {
        f.upload(fixed);
        m.upload(moving);
        x.upload(u.ux());
        y.upload(u.uy());
        z.upload(u.uz());
        DemonsStats st = demonsForce(f, m, g, params, x, y, z);
        x.download(u.ux());
        y.download(u.uy());
        z.download(u.uz());
        return st;
      }
    }
  }

  @Override
  public void dvh(float[] dose, byte[] labels, boolean[] inStructure, DvhBins bins, int[] counts) {
    int n = dose.length;
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("dvh: " + n + " dose values but " + (labels == null ? "no" : labels.length) + " labels");
    }
    if (inStructure == null || inStructure.length != 256) {
      throw new IllegalArgumentException("dvh: the structure's label table must have 256 entries");
    }
    if (counts == null || counts.length != bins.bins()) {
      throw new IllegalArgumentException("dvh: counts must have " + bins.bins() + " entries, got "
          + (counts == null ? "null" : counts.length));
    }
    byte[] lut = new byte[256];
    for (int l = 0; l < 256; l++) {
      lut[l] = (byte) (inStructure[l] ? 1 : 0);
    }
    synchronized (ctx) {
      try (DeviceBuffer d = ctx.buffer(4L * n); DeviceBuffer l = ctx.buffer(n); DeviceBuffer t = ctx.buffer(256);
           DeviceBuffer c = ctx.buffer(4L * bins.bins())) {
        d.upload(dose);
        l.upload(labels);
        t.upload(lut);
        dvh(d, l, t, n, bins, c);
        c.download(counts);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static KernelArgs sourceArgs(KernelArgs a, Grid3 sg) {
    return a.i32(sg.nx()).i32(sg.ny()).i32(sg.nz())
        .f64(sg.originXMm()).f64(sg.originYMm()).f64(sg.originZMm())
        .f64(sg.spacingXMm()).f64(sg.spacingYMm()).f64(sg.spacingZMm());
  }

  private static KernelArgs targetArgs(KernelArgs a, Grid3 g) {
    return a.i32(g.nx()).i32(g.ny()).i32(g.nz())
        .f64(g.originXMm()).f64(g.originYMm()).f64(g.originZMm())
        .f64(g.spacingXMm()).f64(g.spacingYMm()).f64(g.spacingZMm());
  }

  /** The weights on the device, uploaded once per distinct kernel (a small cache). */
  private DeviceBuffer weightsBuffer(float[] w) {
    WeightsKey key = new WeightsKey(w);
    DeviceBuffer b = weights.get(key);
    if (b == null) {
      if (weights.size() >= MAX_CACHED_WEIGHTS) {
        weights.values().forEach(DeviceBuffer::close);
        weights.clear();
      }
      b = ctx.buffer(4L * w.length).upload(w);
      weights.put(key, b);
    }
    return b;
  }

  /** Frees the cached weight buffers back to the context's pool. */
  public void releaseCaches() {
    synchronized (ctx) {
      weights.values().forEach(DeviceBuffer::close);
      weights.clear();
    }
  }

  private record WeightsKey(float[] w) {
    @Override
    public boolean equals(Object o) {
      return o instanceof WeightsKey k && Arrays.equals(w, k.w);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(w);
    }

    @Override
    public String toString() {
      return "weights" + Arrays.toString(w);
    }
  }
}
