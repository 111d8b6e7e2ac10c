package org.twinsim.gpu.ops;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.twinsim.gpu.Backend;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * The GPU with the CPU behind it: each call runs on {@code gpu}; when that throws a
 * {@link GpuException} (launch failure, out of memory, a lost device) or a {@link LinkageError},
 * the same call is computed on {@code cpu} into the same outputs and a warning naming the step and
 * the error goes to the listener. No result is lost: outputs are entirely rewritten by the CPU, and
 * the one in-place operation ({@link #demonsForce}) restores its field from a copy taken before the
 * GPU attempt. After a sticky CUDA error (the context is unusable) or {@value #MAX_CONSECUTIVE_FAILURES}
 * consecutive failures, the GPU is not tried again and every later call goes straight to the CPU.
 *
 * <p>Thread-safe as far as its delegates are.
 */
public final class FallbackVolumeKernels implements VolumeKernels {
  /** Consecutive GPU failures after which the GPU is given up for this instance. */
  public static final int MAX_CONSECUTIVE_FAILURES = 3;

  private final VolumeKernels gpu;
  private final VolumeKernels cpu;
  private final Consumer<String> warnings;
  private int consecutiveFailures;
  private long fallbacks;
  private volatile boolean gpuDisabled;

  /**
   * @param gpu the primary kernels (normally {@link GpuVolumeKernels})
   * @param cpu the fallback (normally {@link CpuVolumeKernels})
   * @param warnings receives one line per fallback
   */
  public FallbackVolumeKernels(VolumeKernels gpu, VolumeKernels cpu, Consumer<String> warnings) {
    this.gpu = gpu;
    this.cpu = cpu;
    this.warnings = warnings;
  }

  @Override
  public Backend backend() {
    return gpuDisabled ? Backend.CPU : gpu.backend();
  }

  /** Calls that fell back to the CPU so far. */
  public synchronized long fallbacks() {
    return fallbacks;
  }

  /** Whether the GPU has been given up (every call now runs on the CPU). */
  public boolean gpuDisabled() {
    return gpuDisabled;
  }

  @Override
  public void gaussian(float[] in, Grid3 grid, GaussianSpec spec, float[] out) {
    run("gaussian", () -> {
      gpu.gaussian(in, grid, spec, out);
      return null;
    }, () -> {
      cpu.gaussian(in, grid, spec, out);
      return null;
    }, null);
  }

  @Override
  public void warp(float[] source, Grid3 sourceGrid, VectorField field, float outside, float[] out) {
    run("warp", () -> {
      gpu.warp(source, sourceGrid, field, outside, out);
      return null;
    }, () -> {
      cpu.warp(source, sourceGrid, field, outside, out);
      return null;
    }, null);
  }

  @Override
  public void resample(float[] source, Grid3 sourceGrid, Grid3 target, float outside, float[] out) {
    run("resample", () -> {
      gpu.resample(source, sourceGrid, target, outside, out);
      return null;
    }, () -> {
      cpu.resample(source, sourceGrid, target, outside, out);
      return null;
    }, null);
  }

  @Override
  public DemonsStats demonsForce(float[] fixed, float[] warpedMoving, DemonsForceParams params, VectorField u) {
    if (gpuDisabled) {
      return cpu.demonsForce(fixed, warpedMoving, params, u);
    }
    float[][] before = {u.ux().clone(), u.uy().clone(), u.uz().clone()};
    return run("demons_force", () -> gpu.demonsForce(fixed, warpedMoving, params, u),
        () -> cpu.demonsForce(fixed, warpedMoving, params, u), () -> {
      System.arraycopy(before[0], 0, u.ux(), 0, before[0].length);
      System.arraycopy(before[1], 0, u.uy(), 0, before[1].length);
      System.arraycopy(before[2], 0, u.uz(), 0, before[2].length);
      return cpu.demonsForce(fixed, warpedMoving, params, u);
    });
  }

  @Override
  public void dvh(float[] dose, byte[] labels, boolean[] inStructure, DvhBins bins, int[] counts) {
    run("dvh", () -> {
      gpu.dvh(dose, labels, inStructure, bins, counts);
      return null;
    }, () -> {
      cpu.dvh(dose, labels, inStructure, bins, counts);
      return null;
    }, null);
  }

  /**
   * Runs {@code onGpu}; on a GPU failure runs {@code recover} (or {@code onCpu} when null) and
   * returns its result. When the GPU is disabled runs {@code onCpu} directly.
   */
  private <T> T run(String step, Supplier<T> onGpu, Supplier<T> onCpu, Supplier<T> recover) {
    if (gpuDisabled) {
      return onCpu.get();
    }
    try {
      T t = onGpu.get();
      synchronized (this) {
        consecutiveFailures = 0;
      }
      return t;
    } catch (GpuException | LinkageError e) {
      boolean sticky = e instanceof GpuException ge && ge.isSticky();
      String disable = "";
      synchronized (this) {
        fallbacks++;
        consecutiveFailures++;
        if (sticky || consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
          gpuDisabled = true;
          disable = sticky ? "; the CUDA context is unusable, the GPU is not used again in this run"
              : "; " + consecutiveFailures + " consecutive GPU failures, the GPU is not used again in this run";
        }
      }
      warnings.accept("GPU step " + step + " failed (" + GpuException.firstLine(e) + "); computed on the CPU instead"
          + disable);
      return (recover != null ? recover : onCpu).get();
    }
  }
}
