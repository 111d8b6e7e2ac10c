/**
 * GPU backends of the twin-model's volume computations (registration, dose, DVH) on the JCuda
 * driver API, with the CPU reference as oracle and fallback, and the benchmark harness.
 *
 * <p>Start from {@link org.twinsim.gpu.ComputeBackend#open}: it asks the
 * {@link org.twinsim.gpu.BackendChooser} (cpu | gpu | auto against what
 * {@link org.twinsim.gpu.cuda.DeviceProbe} found), and hands out
 * {@link org.twinsim.gpu.ops.VolumeKernels} that run on the GPU and fall back to the CPU step by
 * step, and the GPU backends of the twin-model interfaces (deformable registration, dose, DVH) with
 * the CPU references behind them ({@link org.twinsim.gpu.GpuFallback}); its
 * {@link org.twinsim.gpu.BackendChoice} goes into the run manifest. Sub-packages: {@code cuda}
 * (probe, context, buffers, PTX, the {@link org.twinsim.gpu.cuda.Device} abstraction),
 * {@code ops} (the volume operations and their two backends), {@code registration} (GPU demons
 * registration), {@code dose} (GPU pencil-beam dose and DVH), {@code compare} (gamma index),
 * {@code bench} (timing, composite workloads, bench.parquet rows, regression check),
 * {@code selftest} (CPU/GPU equivalence, runnable on a GPU machine without Maven). See
 * gpu/README.md.
 */
package org.twinsim.gpu;
