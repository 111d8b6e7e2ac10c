/**
 * Comparison of dose distributions: {@link org.twinsim.gpu.compare.GammaIndex} (start here), the
 * gamma index of Low et al. 1998 (Med Phys 25:656) with global normalisation, a low-dose threshold
 * and a distance-ordered search over the trilinearly interpolated evaluated dose (Wendling et al.
 * 2007, Med Phys 34:1647), configured by {@link org.twinsim.gpu.compare.GammaCriteria} (default
 * 1%/1 mm, threshold 10%) and summarised by {@link org.twinsim.gpu.compare.GammaResult}. The GPU
 * self-test and the tests use it to accept a GPU dose against the CPU reference (pass rate >= 99%).
 */
package org.twinsim.gpu.compare;
