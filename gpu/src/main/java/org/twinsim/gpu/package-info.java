/**
 * GPU backends (JCuda driver API) of the twin-model interfaces: registration, dose and DVH, with a
 * device probe that never throws and the CPU reference as fallback and oracle. The kernels land with
 * the GPU issue; until then every run uses the CPU.
 */
package org.twinsim.gpu;
