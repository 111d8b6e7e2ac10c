/**
 * Registration of the day's CBCT to the planning CT: rigid bone registration for the couch
 * correction ({@link org.twinsim.model.registration.RigidRegistration}), multi-resolution demons
 * for the deformation ({@link org.twinsim.model.registration.DeformableRegistration}, CPU reference
 * {@link org.twinsim.model.registration.DemonsRegistration}: Thirion 1998; symmetric and
 * moving-gradient forces, diffeomorphic updates of Vercauteren et al. 2009), contour propagation,
 * and the accuracy checks against a known truth
 * ({@link org.twinsim.model.registration.RegistrationAccuracy}: TRE, Dice).
 *
 * <p>Start from {@link org.twinsim.model.registration.DailyRegistration}, the registration step of
 * one fraction: the CBCT's field of view ({@link org.twinsim.model.registration.FieldOfView},
 * given or detected from its fill value: voxels beyond the reconstruction cylinder take part in no
 * metric), the couch correction (capture-range search, then Levenberg-Marquardt on bone with a
 * bounded grey-value gain; absurd results are refused with a
 * {@link org.twinsim.model.registration.RegistrationException}), deformable registration on a
 * region of interest around the targets cut to the field of view, propagated contours. The parts
 * follow ITK/elastix: a transform ({@link org.twinsim.model.registration.RigidTransform}), a metric
 * (mean squares, after {@link org.twinsim.model.registration.ShadingCorrection} and
 * {@link org.twinsim.model.registration.HistogramMatching} of the CBCT grey values), an optimiser
 * (Levenberg-Marquardt for the rigid step, demons forces for the deformable one), a regulariser
 * ({@link org.twinsim.model.registration.GaussianSmoother}) and a resolution pyramid; one
 * parameters record per method; progress to a
 * {@link org.twinsim.model.registration.RegistrationListener}.
 *
 * <p>Accuracy on the virtual patients of the anatomy package (4 mm, default CBCT: 20 HU noise,
 * 40 HU cupping, -25 HU bias, 450 x 180 mm field of view; 5 patients x 4 fractions of a seed not
 * used for tuning, {@code bench/registration} {@code validate}): couch shift within 0.06 mm of the
 * true setup; TRE inside prostate + bladder + rectum within the field of view 4.7 mm mean, 9.9 mm
 * 95th percentile (rigid alone 5.8 / 11.7), prostate 1.8 / 2.9 mm, rectum 1.4 / 2.4 mm, bladder
 * 5.8 / 10.1 mm; propagated Dice prostate 0.92, rectum 0.90, bladder 0.87. Issue 5's TRE and
 * bladder targets are not met: the bladder's daily filling moves its dome by centimetres against
 * bowel of nearly its grey value under CBCT noise larger than that contrast. plastimatch's CPU
 * demons given the same corrected CBCT reaches the same TRE (5.0 mm on 6 pairs); on the raw CBCT
 * 14 mm. On the CBCT-like pelvis phantom of the tests: 0.6-0.9 mm mean, 1.2-2.1 mm p95.
 *
 * <p>Fields follow {@link org.twinsim.model.geometry.VectorField}: the CBCT -> CT field lives on
 * the CBCT grid and points into the CT; {@link org.twinsim.model.registration.FieldInversion}
 * gives the inverse where a CT-grid field is needed. Ill-posed input throws
 * {@link org.twinsim.model.registration.RegistrationException}; no returned field contains NaN.
 */
package org.twinsim.model.registration;
