/**
 * The CUDA layer, on the JCuda driver API only (no NVRTC, no runtime beyond the probe's device
 * count): {@link org.twinsim.gpu.cuda.DeviceProbe} finds the device without ever throwing and
 * caches a {@link org.twinsim.gpu.cuda.DeviceInfo}; {@link org.twinsim.gpu.cuda.GpuContext} holds
 * the device's primary context, loads the committed PTX ({@link org.twinsim.gpu.cuda.PtxModules})
 * and pools {@link org.twinsim.gpu.cuda.DeviceBuffer}s by size; every CUDA error becomes a
 * {@link org.twinsim.gpu.cuda.GpuException} that callers catch to fall back to the CPU. The GPU
 * backends of the twin-model interfaces use the context through {@link org.twinsim.gpu.cuda.Device}
 * and {@link org.twinsim.gpu.cuda.DeviceMemory}, with launches whose typed arguments
 * ({@link org.twinsim.gpu.cuda.LaunchArgs}) are checked against the kernels' PTX signatures
 * ({@link org.twinsim.gpu.cuda.PtxSignatures}); the tests run the same backends on a host
 * emulation of that interface. Start from {@code DeviceProbe.probe()}. The recipe (probe order, PTX ISA and driver) follows
 * DEPENDENCIES.md, "GPU: JCuda 12.6.0".
 */
package org.twinsim.gpu.cuda;
