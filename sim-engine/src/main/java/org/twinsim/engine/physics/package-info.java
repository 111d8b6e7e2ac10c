/**
 * The course replay with the full physics: {@link org.twinsim.engine.physics.PatientCourse} drives the
 * virtual patient, its daily true anatomy and CBCT, registration, the GP twin
 * ({@link org.twinsim.engine.physics.PriorTraining} learns its population prior), the robust plans, plan-of-the-day
 * selection and every strategy's delivered dose on the truth, fraction by fraction.
 */
package org.twinsim.engine.physics;
