/**
 * CPU/GPU equivalence: {@link org.twinsim.gpu.selftest.EquivalenceChecks} (every volume kernel on
 * both backends, with the documented tolerances), {@link org.twinsim.gpu.selftest.BackendChecks}
 * (the GPU registration, dose and DVH backends against their CPU references on a virtual patient:
 * field RMS and maximum over the region, dose difference and gamma pass rate, DVH counts) and
 * {@link org.twinsim.gpu.selftest.GpuSelfTest}, a main class that runs both from the packaged jar on
 * a GPU machine without Maven.
 */
package org.twinsim.gpu.selftest;
