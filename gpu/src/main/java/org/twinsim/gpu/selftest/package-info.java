/**
 * CPU/GPU equivalence: {@link org.twinsim.gpu.selftest.EquivalenceChecks} (every operation on both
 * backends, with the documented tolerances) and {@link org.twinsim.gpu.selftest.GpuSelfTest}, a
 * main class that runs them from the packaged jar on a GPU machine without Maven.
 */
package org.twinsim.gpu.selftest;
