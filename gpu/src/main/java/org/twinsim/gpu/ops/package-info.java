/**
 * The volume operations of registration, dose and DVH, each with one exact rule and two backends:
 * {@link org.twinsim.gpu.ops.VolumeKernels} (start here: the contract of every operation),
 * {@link org.twinsim.gpu.ops.CpuVolumeKernels} (Java, the oracle and the fallback),
 * {@link org.twinsim.gpu.ops.GpuVolumeKernels} (CUDA, host-array and device-buffer levels) and
 * {@link org.twinsim.gpu.ops.FallbackVolumeKernels} (the GPU with the CPU behind it, step by step).
 * Operations: separable Gaussian smoothing ({@link org.twinsim.gpu.ops.GaussianSpec}), trilinear
 * backward warping and resampling with {@code geometry.Trilinear}'s rule, factor-2 pyramids
 * ({@link org.twinsim.gpu.ops.Pyramid}), the demons force (Thirion 1998, Med. Image Anal. 2:243;
 * {@link org.twinsim.gpu.ops.DemonsForceParams}) and DVH histograms
 * ({@link org.twinsim.gpu.ops.DvhBins}). The CUDA sources under {@code gpu/src/main/cuda} state the
 * same rules; both backends evaluate them with the same operations in the same order and without
 * fused multiply-adds, so their results agree bit for bit (sums over voxels excepted, whose order
 * differs: see {@link org.twinsim.gpu.ops.DemonsStats}).
 */
package org.twinsim.gpu.ops;
