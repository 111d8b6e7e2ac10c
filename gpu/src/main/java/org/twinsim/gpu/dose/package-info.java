/**
 * The GPU backends of the twin-model's dose interfaces:
 * {@link org.twinsim.gpu.dose.GpuPencilBeamEngine} (start here) implements
 * {@link org.twinsim.model.dose.DoseEngine}'s forward dose with the CPU engine's arithmetic
 * (WEPL by voxel traversal after Siddon 1985 / Amanatides and Woo 1987, the ray-casting pencil-beam
 * gather over the dose voxels, spots binned as on the CPU), agreeing with
 * {@link org.twinsim.model.dose.CpuPencilBeamEngine} to float precision (acceptance: gamma 1%/1 mm
 * pass rate >= 99%, {@link org.twinsim.gpu.compare.GammaIndex}); the influence matrix is delegated
 * to the CPU. {@link org.twinsim.gpu.dose.GpuDvhEngine} implements
 * {@link org.twinsim.model.dose.DvhEngine} with {@link org.twinsim.model.dose.DoseMetrics}'s bin
 * rule (equal counts). Kernels in dose.cu; device failures fall back to the CPU references
 * ({@link org.twinsim.gpu.GpuFallback}).
 */
package org.twinsim.gpu.dose;
