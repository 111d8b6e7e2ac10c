/**
 * Registration of the day's CBCT to the planning CT: rigid bone registration for the couch
 * correction ({@link org.twinsim.model.registration.RigidRegistration}), multi-resolution demons
 * for the deformation ({@link org.twinsim.model.registration.DeformableRegistration}, CPU reference
 * {@link org.twinsim.model.registration.DemonsRegistration}: Thirion 1998; symmetric forces and
 * diffeomorphic updates of Vercauteren et al. 2009), contour propagation, and the accuracy checks
 * against a known truth ({@link org.twinsim.model.registration.RegistrationAccuracy}: TRE, Dice).
 *
 * <p>Start from {@link org.twinsim.model.registration.DailyRegistration}, the registration step of
 * one fraction (couch correction, deformable registration on a region of interest around the
 * targets, propagated contours). The parts follow ITK/elastix: a transform
 * ({@link org.twinsim.model.registration.RigidTransform}), a metric (mean squares, after
 * {@link org.twinsim.model.registration.HistogramMatching} of the CBCT grey values), an optimiser
 * (Levenberg-Marquardt for the rigid step, demons forces for the deformable one), a regulariser
 * ({@link org.twinsim.model.registration.GaussianSmoother}) and a resolution pyramid; one
 * parameters record per method; progress to a
 * {@link org.twinsim.model.registration.RegistrationListener}.
 *
 * <p>Accuracy on known deformations (tests and {@code bench/registration}): on CBCT-like pelvis
 * phantoms at 4 mm, TRE inside prostate + bladder + rectum 0.8 mm mean, 2.0 mm 95th percentile,
 * against 2.0 / 3.1 mm for plastimatch's CPU demons on the same pairs.
 *
 * <p>Fields follow {@link org.twinsim.model.geometry.VectorField}: the CBCT -> CT field lives on
 * the CBCT grid and points into the CT; {@link org.twinsim.model.registration.FieldInversion}
 * gives the inverse where a CT-grid field is needed. Ill-posed input throws
 * {@link org.twinsim.model.registration.RegistrationException}; no returned field contains NaN.
 */
package org.twinsim.model.registration;
