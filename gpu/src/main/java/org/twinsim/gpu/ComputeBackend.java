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

/**
 * The kernels a run computes with, opened from a {@link BackendPreference}: the CPU kernels, or
 * the GPU kernels with the CPU behind them ({@link FallbackVolumeKernels}). Owns the GPU context
 * when there is one; close it at the end of the run (or of the patient, to free device memory).
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

  private ComputeBackend(BackendChoice choice, VolumeKernels kernels, GpuContext context) {
    this.choice = choice;
    this.kernels = kernels;
    this.context = context;
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
      return new ComputeBackend(c, cpu, null);
    }
    GpuContext ctx;
    try {
      ctx = GpuContext.open(device);
    } catch (GpuException | LinkageError e) {
      BackendChoice cpuChoice = new BackendChoice(requested, Backend.CPU, HostInfo.describe(),
          "GPU context could not be opened, using the CPU: " + GpuException.firstLine(e));
      warnings.accept(cpuChoice.reason());
      return new ComputeBackend(cpuChoice, cpu, null);
    }
    return new ComputeBackend(c, new FallbackVolumeKernels(new GpuVolumeKernels(ctx), cpu, warnings), ctx);
  }

  /** What was chosen and why (for the manifest). */
  public BackendChoice choice() {
    return choice;
  }

  /** The kernels to compute with. */
  public VolumeKernels kernels() {
    return kernels;
  }

  /** Releases the GPU context (device memory, modules); no-op on the CPU. */
  @Override
  public void close() {
    if (context != null) {
      context.close();
    }
  }
}
