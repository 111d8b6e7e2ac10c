/**
 * The digital twin's Gaussian-process model of the patient (Rasmussen and Williams 2006, "Gaussian
 * Processes for Machine Learning", GPML). Kernels ({@link org.twinsim.model.twin.Kernel}) with
 * log-space hyperparameters and analytic gradients; {@link org.twinsim.model.twin.GaussianProcess}
 * (fit, predict); {@link org.twinsim.model.twin.MarginalLikelihood} and
 * {@link org.twinsim.model.twin.HyperparameterOptimizer} (type-II maximum likelihood with bounds and
 * seeded restarts). Verified against scikit-learn fixtures.
 */
package org.twinsim.model.twin;
