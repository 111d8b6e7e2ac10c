package org.twinsim.gpu.dose;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.cuda.Device;
import org.twinsim.gpu.cuda.DeviceMemory;
import org.twinsim.gpu.cuda.LaunchArgs;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.DoseEngineParams;
import org.twinsim.model.dose.InfluenceMatrix;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;

/**
 * Proton pencil-beam forward dose on a CUDA device: the GPU backend of {@link DoseEngine}, with
 * {@link CpuPencilBeamEngine} as reference and fallback. The semantics are {@link DoseEngine}'s
 * (ray-casting pencil beam, voxel-driven gather over {@link DoseContext#doseVoxels()}); dose.cu
 * ports the CPU's arithmetic: WEPL by the same voxel traversal (bit-identical depths), the same
 * spot binning and visiting order, sums in double. The one operation that differs is exp(), within
 * one unit in the last place on both sides, so doses agree to within one float rounding (checked by
 * the self-test with a tolerance of 1e-5 of the maximum dose per voxel and by the dose gamma
 * 1%/1 mm pass rate, {@link org.twinsim.gpu.compare.GammaIndex}).
 *
 * <p>{@link #computeInfluence} (plan optimisation) is delegated to the CPU engine: a forward dose
 * is what the plan of the day recomputes.
 *
 * <p><b>Transfers and memory.</b> Per context (one CT): its stopping-power map and dose-voxel list
 * go up once; each beam source's depth map is traced on the device once per context and kept (up to
 * {@value #MAX_DEPTH_MAPS} maps, least recently used out), so the plans of a library on the same CT
 * trace each ray once, as the CPU's context cache does. Per call: the plan's spots and the tables
 * of its energies go up (kilobytes), the compact dose comes down. Buffers are kept between calls and
 * reused while large enough; {@link #close()} returns them to the device's pool.
 *
 * <p><b>Fallback.</b> A {@link org.twinsim.gpu.cuda.GpuException} or {@link LinkageError} makes the
 * call compute on the CPU engine (one warning through the {@link GpuFallback}); bad input (an
 * energy outside the beam model, a beam that misses the patient) throws as on the CPU. Calls on one
 * device are serialised on it; thread-safe in that sense.
 */
public final class GpuPencilBeamEngine implements DoseEngine, AutoCloseable {
  /** Depth maps kept on the device per context. */
  public static final int MAX_DEPTH_MAPS = 16;
  static final String MODULE = "dose";
  private static final int THREADS = 256;
  /** Gy per (MeV cm2/g * 1/mm2) per 10^6 protons, over 2 pi (the CPU engine's constant). */
  static final double UNIT = 100.0 * 1.602176634e-10 * 1e6 / (2.0 * Math.PI);

  private final Device device;
  private final GpuFallback fallback;
  private final CpuPencilBeamEngine cpu;
  private final BeamModel model;
  private final DoseEngineParams params;
  // per-context device state
  private DoseContext context;
  private DeviceMemory rsp;
  private DeviceMemory voxels;
  /** Source -> slot of the depth-map slab, least recently used first. */
  private final LinkedHashMap<String, Integer> slots = new LinkedHashMap<>(16, 0.75f, true);
  private DeviceMemory slab;
  private int slabCapacity;
  // per-call buffers, grown on demand
  private final Map<String, DeviceMemory> scratch = new LinkedHashMap<>();

  /**
   * @param device the device, or null for the CPU engine only
   * @param model the machine (null: defaults)
   * @param params engine settings (null: defaults; the lateral cutoff applies to both backends,
   *     the thread count to the CPU fallback)
   * @param fallback the fallback rule shared with the other GPU backends of the run
   */
  public GpuPencilBeamEngine(Device device, BeamModel model, DoseEngineParams params, GpuFallback fallback) {
    this.device = device;
    this.model = model == null ? BeamModel.defaults() : model;
    this.params = params == null ? DoseEngineParams.defaults() : params;
    this.cpu = new CpuPencilBeamEngine(this.model, this.params);
    this.fallback = fallback == null ? new GpuFallback(null) : fallback;
  }

  @Override
  public String name() {
    return device == null ? cpu.name() : "gpu-pencil-beam (" + device.info().name() + ")";
  }

  @Override
  public BeamModel beamModel() {
    return model;
  }

  /** The CPU engine behind this one (same model and parameters). */
  public CpuPencilBeamEngine cpuEngine() {
    return cpu;
  }

  @Override
  public void computeDose(DoseContext ctx, Plan plan, Scenario scenario, float[] outDoseGy) {
    Grid3 g = ctx.grid();
    if (outDoseGy.length != g.size()) {
      throw new IllegalArgumentException("dose output has " + outDoseGy.length + " voxels, grid needs " + g.size());
    }
    if (device == null || !fallback.gpuEnabled()) {
      cpu.computeDose(ctx, plan, scenario, outDoseGy);
      return;
    }
    PencilBeamPlanData data = PencilBeamPlanData.of(plan, scenario, model, params.lateralCutoffSigmas());
    float[] compact = fallback.run("pencil-beam dose", () -> {
      synchronized (device) {
        return onDevice(ctx, data, scenario);
      }
    }, () -> null);
    if (compact == null) {
      cpu.computeDose(ctx, plan, scenario, outDoseGy);
      return;
    }
    java.util.Arrays.fill(outDoseGy, 0f);
    int[] vox = ctx.doseVoxels();
    for (int q = 0; q < vox.length; q++) {
      outDoseGy[vox[q]] = compact[q];
    }
  }

  /** Delegated to the CPU engine (optimisation is not on the device). */
  @Override
  public InfluenceMatrix computeInfluence(DoseContext ctx, Plan plan, Scenario scenario, int[] voxels) {
    return cpu.computeInfluence(ctx, plan, scenario, voxels);
  }

  /** The compact dose on the device; throws IllegalArgumentException when a beam misses the patient. */
  private float[] onDevice(DoseContext ctx, PencilBeamPlanData data, Scenario scenario) {
    Grid3 g = ctx.grid();
    bindContext(ctx);
    int nvox = ctx.doseVoxels().length;
    int[] hitsHost = new int[data.beams];
    float[] out = new float[nvox];
    if (nvox > 0) {
      ensureSlab(nvox, data.beams);
      for (int b = 0; b < data.beams; b++) {
        data.beamI[b * PencilBeamPlanData.BEAM_I + 3] = depthSlot(ctx, data.sources[b], nvox);
      }
      DeviceMemory beamD = grow("beamD", 8L * data.beamD.length).upload(data.beamD);
      DeviceMemory beamI = grow("beamI", 4L * data.beamI.length).upload(data.beamI);
      DeviceMemory layerD = grow("layerD", 8L * data.layerD.length).upload(data.layerD);
      DeviceMemory layerI = grow("layerI", 4L * data.layerI.length).upload(data.layerI);
      DeviceMemory idd = grow("idd", 4L * data.idd.length).upload(data.idd);
      DeviceMemory sig = grow("sigma", 4L * data.sigma.length).upload(data.sigma);
      DeviceMemory su = grow("spotU", 8L * data.spotU.length).upload(data.spotU);
      DeviceMemory sv = grow("spotV", 8L * data.spotV.length).upload(data.spotV);
      DeviceMemory sw = grow("spotW", 8L * data.spotW.length).upload(data.spotW);
      DeviceMemory bins = grow("binStart", 4L * data.binStart.length).upload(data.binStart);
      DeviceMemory dose = grow("dose", 4L * nvox);
      DeviceMemory hits = grow("hits", 4L * data.beams);
      hits.zero(4L * data.beams);
      double k = params.lateralCutoffSigmas();
      device.launch(MODULE, "pencil_dose", device.blocksFor(nvox, THREADS), THREADS, 0, new LaunchArgs()
          .i32(g.nx()).i32(g.ny())
          .f64(g.originXMm(), g.originYMm(), g.originZMm(), g.spacingXMm(), g.spacingYMm(), g.spacingZMm())
          .ptr(voxels).i64(nvox).i32(data.beams).ptr(beamD).ptr(beamI).ptr(layerD).ptr(layerI).ptr(idd).ptr(sig)
          .ptr(su).ptr(sv).ptr(sw).ptr(bins).ptr(slab).f64(1.0 + scenario.rangeError()).f64(k * k).f64(UNIT)
          .ptr(dose).ptr(hits));
      dose.download(out);
      hits.download(hitsHost);
    }
    for (int b = 0; b < data.beams; b++) {
      if (hitsHost[b] == 0 && data.delivers[b]) {
        throw new IllegalArgumentException("beam " + b + " of the plan: no spot deposits dose in any voxel of the "
            + "patient; the beam misses the patient (check the isocentre and spot positions against the CT " + g + ")");
      }
    }
    return out;
  }

  /** Uploads the context's stopping powers and dose voxels unless it is the bound one. */
  private void bindContext(DoseContext ctx) {
    if (ctx == context) {
      return;
    }
    slots.clear();
    context = null;
    float[] r = ctx.rsp().data();
    int[] vox = ctx.doseVoxels();
    rsp = replace(rsp, 4L * r.length).upload(r);
    voxels = replace(voxels, 4L * Math.max(1, vox.length));
    if (vox.length > 0) {
      voxels.upload(vox);
    }
    context = ctx;
  }

  /** The depth-map slab of the bound context: {@code capacity} compact maps of nvox floats. */
  private void ensureSlab(int nvox, int beams) {
    int capacity = Math.max(MAX_DEPTH_MAPS, beams);
    long bytes = 4L * nvox * capacity;
    if (slab == null || slab.bytes() < bytes || slabCapacity < beams) {
      if (slab != null) {
        slab.close();
      }
      slab = device.buffer(bytes);
      slabCapacity = capacity;
      slots.clear();
    }
  }

  /** The slab slot holding the compact depth map of source {@code s} on the bound context, traced on first use. */
  private int depthSlot(DoseContext ctx, Vec3 s, int nvox) {
    String key = String.format(Locale.ROOT, "%.6f,%.6f,%.6f", s.x() + 0.0, s.y() + 0.0, s.z() + 0.0);
    Integer slot = slots.get(key);
    if (slot != null) {
      return slot;
    }
    int free;
    if (slots.size() < slabCapacity) {
      boolean[] used = new boolean[slabCapacity];
      slots.values().forEach(v -> used[v] = true);
      free = 0;
      while (used[free]) {
        free++;
      }
    } else {
      String eldest = slots.keySet().iterator().next(); // least recently used; not a beam of this call
      free = slots.remove(eldest);
    }
    Grid3 g = ctx.grid();
    device.launch(MODULE, "wepl_trace", device.blocksFor(nvox, THREADS), THREADS, 0, new LaunchArgs()
        .ptr(rsp).i32(g.nx()).i32(g.ny()).i32(g.nz())
        .f64(g.originXMm(), g.originYMm(), g.originZMm(), g.spacingXMm(), g.spacingYMm(), g.spacingZMm())
        .ptr(voxels).i64(nvox).f64(s.x(), s.y(), s.z()).i64((long) free * nvox).ptr(slab));
    slots.put(key, free);
    return free;
  }

  private DeviceMemory replace(DeviceMemory old, long bytes) {
    if (old != null && old.bytes() == bytes) {
      return old;
    }
    if (old != null) {
      old.close();
    }
    return device.buffer(bytes);
  }

  /** A named per-call buffer of at least {@code bytes}, kept and reused while large enough. */
  private DeviceMemory grow(String name, long bytes) {
    DeviceMemory b = scratch.get(name);
    if (b != null && b.bytes() >= bytes) {
      return b;
    }
    if (b != null) {
      b.close();
    }
    long cap = Long.highestOneBit(Math.max(64, bytes - 1)) << 1;
    b = device.buffer(cap);
    scratch.put(name, b);
    return b;
  }

  /** Returns every device buffer to the pool and forgets the bound context. */
  @Override
  public void close() {
    if (device == null) {
      return;
    }
    synchronized (device) {
      slots.clear();
      if (slab != null) {
        slab.close();
      }
      slab = null;
      scratch.values().forEach(DeviceMemory::close);
      scratch.clear();
      if (rsp != null) {
        rsp.close();
      }
      if (voxels != null) {
        voxels.close();
      }
      rsp = voxels = null;
      context = null;
    }
  }
}
