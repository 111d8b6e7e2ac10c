package org.twinsim.gpu.cuda;

/**
 * What the GPU backends of the twin-model interfaces ({@code GpuDemonsRegistration},
 * {@code GpuPencilBeamEngine}, {@code GpuDvhEngine}) need from a CUDA device: pooled memory, kernel
 * launches by module and name with typed arguments, and a barrier. {@link GpuContext} is the real
 * device (JCuda driver API); the tests also run the same backends on a host emulation of the
 * device that executes the committed {@code .cu} sources compiled for the CPU, so that the
 * orchestration, the argument lists (checked against the PTX signatures) and the kernels are
 * exercised without a GPU.
 *
 * <p>Launches are 1-D grids of {@code blocks} x {@code threads}; every kernel of this module is a
 * grid-stride loop whose block reductions use {@code blockDim.x} (a power of two), so any grid size
 * covers all items. Errors surface as {@link GpuException}, at the latest at {@link #synchronize()}
 * or at a download. Not thread-safe by itself: callers serialise on the device object.
 */
public interface Device {
  /** The device as the probe described it. */
  DeviceInfo info();

  /**
   * Device memory of exactly {@code bytes} bytes, from the pool when a buffer of that size is idle;
   * close it to return it to the pool.
   */
  DeviceMemory buffer(long bytes);

  /**
   * Queues {@code kernel} of PTX module {@code module} on a grid of {@code blocks} blocks of
   * {@code threads} threads with {@code sharedBytes} of dynamic shared memory. The argument kinds
   * must match the kernel's PTX parameters ({@link PtxSignatures}); a mismatch throws
   * {@link IllegalArgumentException} before anything is launched.
   */
  void launch(String module, String kernel, int blocks, int threads, int sharedBytes, LaunchArgs args);

  /** Waits for all queued work; kernel faults surface here as {@link GpuException}. */
  void synchronize();

  /** cuMemAlloc calls made so far (a pool that works keeps this flat across repeated calls). */
  long allocations();

  /** Bytes currently allocated (in use or idle in the pool). */
  long allocatedBytes();

  /**
   * Blocks for a grid-stride kernel over {@code n} items with {@code threads} per block: enough to
   * fill the device (16 blocks per multiprocessor), no more than the items need.
   */
  default int blocksFor(long n, int threads) {
    long needed = (n + threads - 1) / threads;
    long fill = 16L * Math.max(1, info().multiprocessors());
    return (int) Math.max(1, Math.min(needed, fill));
  }
}
