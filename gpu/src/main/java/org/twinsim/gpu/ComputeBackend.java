package org.twinsim.gpu;

import java.util.function.Consumer;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceProbe;
import org.twinsim.gpu.cuda.GpuContext;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.gpu.ops.CpuVolumeKernels;
import org.twinsim.gpu.ops.FallbackVolumeKernels;
import org.twinsim.gpu.ops.GpuVolumeKernels;
import org.twinsim.gpu.ops.VolumeKernels;
import org.twinsim.gpu.dose.GpuDvhEngine;
import org.twinsim.gpu.dose.GpuPencilBeamEngine;
import org.twinsim.gpu.registration.GpuDemonsRegistration;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.DoseEngineParams;
import org.twinsim.model.dose.DvhEngine;
import org.twinsim.model.registration.DeformableRegistration;
import org.twinsim.model.registration.DemonsRegistration;

/**
 * The kernels a run computes with, opened from a {@link BackendPreference}: the CPU kernels, or
 * the GPU kernels with the CPU behind them ({@link FallbackVolumeKernels}); and the backends of the
 * twin-model interfaces: {@link #deformableRegistration()}, {@link #doseEngine} and
 * {@link #dvhEngine()} (the GPU implementations with the CPU references behind them, sharing one
 * {@link GpuFallback}, or the CPU references). Owns the GPU context when there is one; close it at
 * the end of the run (or of the patient, to free device memory).
 *
 * <pre>{@code
 * try (ComputeBackend b = ComputeBackend.open(BackendPreference.AUTO, System.err::println)) {
 *   manifestBackends.putAll(b.choice().manifestEntries());
 *   b.kernels().gaussian(field, grid, GaussianSpec.isotropic(2.0), smoothed);
 * }
 * }</pre>
 */
public final class ComputeBackend implements AutoCloseable {
  private final BackendChoice choice;
  private final VolumeKernels kernels;
  private final GpuContext context;
  private final GpuFallback fallback;

  private ComputeBackend(BackendChoice choice, VolumeKernels kernels, GpuContext context, Consumer<String> warnings) {
    this.choice = choice;
    this.kernels = kernels;
    this.context = context;
    this.fallback = new GpuFallback(warnings);
  }

  /** Opens the backend for this process's probed device; warnings (fallbacks) go to {@code warnings}. */
  public static ComputeBackend open(BackendPreference requested, Consumer<String> warnings) {
    return open(requested, DeviceProbe.probe(), warnings);
  }

  /**
   * Opens the backend for {@code device}. If the choice is the GPU but its context cannot be
   * opened, returns the CPU backend with a choice whose reason says why. Never throws for want of
   * a GPU.
   */
  public static ComputeBackend open(BackendPreference requested, DeviceInfo device, Consumer<String> warnings) {
    BackendChoice c = BackendChooser.choose(requested, device);
    CpuVolumeKernels cpu = new CpuVolumeKernels();
    if (c.backend() == Backend.CPU) {
      if (c.isDowngrade()) {
        warnings.accept(c.reason());
      }
      return new ComputeBackend(c, cpu, null, warnings);
    }
    GpuContext ctx;
    try {
      ctx = GpuContext.open(device);
    } catch (GpuException | LinkageError e) {
      BackendChoice cpuChoice = new BackendChoice(requested, Backend.CPU, HostInfo.describe(),
          "GPU context could not be opened, using the CPU: " + GpuException.firstLine(e));
      warnings.accept(cpuChoice.reason());
      return new ComputeBackend(cpuChoice, cpu, null, warnings);
    }
    return new ComputeBackend(c, new FallbackVolumeKernels(new GpuVolumeKernels(ctx), cpu, warnings), ctx, warnings);
  }

  /** What was chosen and why (for the manifest). */
  public BackendChoice choice() {
    return choice;
  }

  /** The kernels to compute with. */
  public VolumeKernels kernels() {
    return kernels;
  }

  /** Whether the GPU computes (a context is open). */
  public boolean onGpu() {
    return context != null;
  }

  /** The fallback rule shared by the GPU backends handed out here. */
  public GpuFallback fallback() {
    return fallback;
  }

  /**
   * A new deformable registration: {@link GpuDemonsRegistration} on the GPU, else the CPU reference
   * {@link DemonsRegistration}. Not thread-safe: one per thread (or patient).
   */
  public DeformableRegistration deformableRegistration() {
    return context != null ? new GpuDemonsRegistration(context, fallback) : new DemonsRegistration();
  }

  /** A dose engine: {@link GpuPencilBeamEngine} on the GPU, else {@link CpuPencilBeamEngine}. */
  public DoseEngine doseEngine(BeamModel model, DoseEngineParams params) {
    return context != null ? new GpuPencilBeamEngine(context, model, params, fallback)
        : new CpuPencilBeamEngine(model, params);
  }

  /** A DVH engine: {@link GpuDvhEngine} on the GPU, else {@link DvhEngine#cpu()}. */
  public DvhEngine dvhEngine() {
    return context != null ? new GpuDvhEngine(context, fallback) : DvhEngine.cpu();
  }

  /** Releases the GPU context (device memory, modules); no-op on the CPU. */
  @Override
  public void close() {
    if (context != null) {
      context.close();
    }
  }
}
