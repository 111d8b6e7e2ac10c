package org.twinsim.gpu.cuda;

import jcuda.driver.CUresult;

/**
 * A CUDA operation failed (or no usable GPU is present). Unchecked: callers that can fall back to
 * the CPU catch it around one step (see {@code org.twinsim.gpu.ops.FallbackVolumeKernels}); the
 * message names the operation and the CUDA error.
 */
public final class GpuException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** {@link #code()} when the failure is not a CUDA error code (no device, bad PTX resource...). */
  public static final int NO_CODE = -1;
  private final int code;
  private final String operation;

  public GpuException(String operation, int code, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.code = code;
  }

  /** No usable GPU for this process; {@code reason} comes from the probe. */
  public static GpuException unavailable(String reason) {
    return new GpuException("probe", NO_CODE, "no usable GPU: " + reason, null);
  }

  /** Throws unless {@code rc} is CUDA_SUCCESS; {@code operation} says what was attempted. */
  public static void check(int rc, String operation) {
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new GpuException(operation, rc, operation + " failed: " + CUresult.stringFor(rc) + " (" + rc + ")", null);
    }
  }

  /** The first line of a throwable's message, with its class (JCuda's link errors span many lines). */
  public static String firstLine(Throwable t) {
    String m = t instanceof GpuException ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /** The CUresult code, or {@link #NO_CODE}. */
  public int code() {
    return code;
  }

  /** The operation that failed, e.g. "cuLaunchKernel(warp_trilinear)". */
  public String operation() {
    return operation;
  }

  public boolean isOutOfMemory() {
    return code == CUresult.CUDA_ERROR_OUT_OF_MEMORY;
  }

  /**
   * Whether the error leaves the CUDA context unusable for the rest of the process (an illegal
   * address, a failed or timed-out launch, a hardware error): every later call fails too.
   */
  public boolean isSticky() {
    return code == CUresult.CUDA_ERROR_ILLEGAL_ADDRESS || code == CUresult.CUDA_ERROR_LAUNCH_FAILED
        || code == CUresult.CUDA_ERROR_LAUNCH_TIMEOUT || code == CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR
        || code == CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION || code == CUresult.CUDA_ERROR_MISALIGNED_ADDRESS
        || code == CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE || code == CUresult.CUDA_ERROR_INVALID_PC
        || code == CUresult.CUDA_ERROR_ECC_UNCORRECTABLE || code == CUresult.CUDA_ERROR_CONTEXT_IS_DESTROYED;
  }
}
