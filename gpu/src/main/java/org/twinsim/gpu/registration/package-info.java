/**
 * The GPU backend of the twin-model's deformable registration:
 * {@link org.twinsim.gpu.registration.GpuDemonsRegistration} (start here) implements
 * {@link org.twinsim.model.registration.DeformableRegistration} by porting, step by step, the exact
 * algorithm documented on the CPU reference {@link org.twinsim.model.registration.DemonsRegistration}
 * (Thirion 1998, Med Image Anal 2:243; symmetric forces and diffeomorphic updates: Vercauteren et
 * al. 2009, NeuroImage 45:S61): the host preparation (region, moving region, overlap checks,
 * shading correction and intensity matching, number of levels, coarse masks) and the output on the
 * full fixed grid are the reference's own public code
 * ({@link org.twinsim.model.registration.DemonsSetup},
 * {@link org.twinsim.model.registration.DemonsRegistration#assembleField}); the pyramid's images
 * and the iterations run on the device (registration.cu, gaussian.cu). The field is expected to be bit-identical to the CPU's; the
 * accepted deviation is the registration package's backend tolerance (0.05 mm RMS, 0.5 mm maximum
 * over the region, with {@code convergenceMm = 0}). A device failure falls back to the CPU
 * reference ({@link org.twinsim.gpu.GpuFallback}).
 */
package org.twinsim.gpu.registration;
