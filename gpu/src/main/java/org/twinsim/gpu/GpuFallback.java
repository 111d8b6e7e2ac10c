package org.twinsim.gpu;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.twinsim.gpu.cuda.GpuException;

/**
 * The fallback rule of the GPU backends of whole computations (registration, dose, DVH): a step
 * runs on the GPU; when that throws a {@link GpuException} (launch failure, out of memory, lost
 * device) or a {@link LinkageError}, the same step is computed by the CPU reference from its
 * inputs (the GPU path writes nothing the caller sees before it succeeds, so no result is lost) and
 * one warning line names the step and the error. After a sticky CUDA error (the context is
 * unusable) or {@value #MAX_CONSECUTIVE_FAILURES} consecutive failures the GPU is given up: every
 * later step of every backend sharing this object goes straight to the CPU. Any other exception
 * (bad input, an ill-posed registration) is the caller's and propagates unchanged.
 *
 * <p>Thread-safe. One instance is shared by the backends of one {@link ComputeBackend}.
 */
public final class GpuFallback {
  /** Consecutive GPU failures after which the GPU is given up. */
  public static final int MAX_CONSECUTIVE_FAILURES = 3;

  private final Consumer<String> warnings;
  private int consecutiveFailures;
  private long fallbacks;
  private volatile boolean disabled;

  /** @param warnings receives one line per fallback (e.g. System.err::println) */
  public GpuFallback(Consumer<String> warnings) {
    this.warnings = warnings == null ? s -> { } : warnings;
  }

  /** Whether the GPU is still tried. */
  public boolean gpuEnabled() {
    return !disabled;
  }

  /** Steps computed on the CPU after a GPU failure so far. */
  public synchronized long fallbacks() {
    return fallbacks;
  }

  /**
   * Runs {@code onGpu}; on a GPU failure runs {@code onCpu} and returns its result. Once the GPU
   * has been given up, runs {@code onCpu} directly.
   */
  public <T> T run(String step, Supplier<T> onGpu, Supplier<T> onCpu) {
    if (disabled) {
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
          disabled = true;
          disable = sticky ? "; the CUDA context is unusable, the GPU is not used again in this run"
              : "; " + consecutiveFailures + " consecutive GPU failures, the GPU is not used again in this run";
        }
      }
      warnings.accept("GPU step " + step + " failed (" + GpuException.firstLine(e) + "); computed on the CPU instead"
          + disable);
      return onCpu.get();
    }
  }
}
