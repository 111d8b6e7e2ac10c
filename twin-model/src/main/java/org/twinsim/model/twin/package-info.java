/**
 * The digital twin's model of the patient: Gaussian-process regression (Rasmussen and Williams
 * 2006, "Gaussian Processes for Machine Learning", GPML) of the prostate shift relative to bone per
 * patient axis (and optionally the bladder volume) over the course, learned from previous patients
 * and updated with each fraction's registration.
 *
 * <p>Where to start: {@link org.twinsim.model.twin.PopulationPrior#fit(java.util.List)} learns the
 * prior from a training cohort's measured shifts; {@link org.twinsim.model.twin.PatientTwin} takes
 * one patient through the course ({@code observe(fraction, shiftMm)} after each registration,
 * {@code forecast(nextFraction, level)} before the next); {@link org.twinsim.model.twin.Forecast}
 * gives per axis the mean, SD and central interval, quantiles, a robustness margin and seven shift
 * scenarios for the plan library.
 *
 * <p>The model, per axis: k(t, t') = Sigma^2 + tau^2 Matern52(|t - t'| / l) + s^2 delta(t, t') with a
 * constant mean. The bias term is van Herk's per-patient systematic error, the white term the
 * per-fraction random error plus the registration's error, the Matern term a slow trend; with only
 * bias and white the update is exactly the conjugate-normal Bayes estimate of van Herk's model
 * (van Herk 2004, Semin Radiat Oncol 14:52). Hyperparameters and mean are learned once from the
 * cohort (summed type-II maximum likelihood, GPML sec. 5.4.1) and kept for each patient, whose own
 * measurements only condition the GP (see {@link org.twinsim.model.twin.PatientTwin} for why).
 * Forecasts target the next measurement, the next TRUE shift (registration error removed) or the
 * latent position ({@link org.twinsim.model.twin.ForecastTarget}).
 *
 * <p>The GP layer underneath: kernels ({@link org.twinsim.model.twin.Kernel}: squared exponential
 * GPML eq. 4.9, Matern 5/2 eq. 4.17, white noise, constant, sums and products, sec. 4.2.4) with
 * log-space hyperparameters and analytic gradients; {@link org.twinsim.model.twin.GaussianProcess}
 * (Cholesky fit, GPML Algorithm 2.1; predictive mean and variance eqs. 2.25-2.26, covariance
 * eq. 2.24) with jitter for ill-conditioned covariances;
 * {@link org.twinsim.model.twin.MarginalLikelihood} (eq. 5.8, gradient eq. 5.9, summed over
 * datasets, mean fixed or profiled) and {@link org.twinsim.model.twin.HyperparameterOptimizer}
 * (commons-math3 conjugate gradients, bounds, seeded restarts). Posterior mean, variance,
 * covariance, likelihood and gradient agree with scikit-learn to about 1e-12 relative (test fixture
 * written by src/test/python/make_gp_fixture.py). {@link org.twinsim.model.twin.TwinBenchmark}
 * measures coverage, accuracy and cost on MotionModel cohorts.
 */
package org.twinsim.model.twin;
