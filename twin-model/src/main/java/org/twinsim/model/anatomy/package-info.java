/**
 * Virtual prostate patients and their daily anatomy with its ground truth.
 *
 * <p>Where to start:
 * <ul>
 *   <li>{@link org.twinsim.model.anatomy.MotionModel}: the per-patient systematic and per-fraction
 *       random setup error, prostate motion, rotation and organ filling drawn from
 *       {@link org.twinsim.model.anatomy.AnatomyVariation} (defaults: Graf et al. 2009, van Herk
 *       2004), and {@link org.twinsim.model.anatomy.DriftPath} for intra-fraction drift (random
 *       walk, Ballhausen et al. 2015);
 *   <li>{@link org.twinsim.model.anatomy.VirtualPatientGenerator}: a patient from (seed,
 *       replication, patient): the implicit pelvis ({@link org.twinsim.model.anatomy.PelvisPhantom}:
 *       body, fat, muscle, pelvic bones and femora, prostate with urethra, seminal vesicles,
 *       bladder with neck, rectum with wall), the planning CT and structures on the grid of
 *       {@link org.twinsim.model.anatomy.PhantomSpec};
 *   <li>{@link org.twinsim.model.anatomy.DailyAnatomyGenerator}: fraction k of a patient: the
 *       true CT, the true planning-to-day field, the true structures and the simulated CBCT
 *       ({@link org.twinsim.model.anatomy.CbctSimulator}, {@link org.twinsim.model.anatomy.CbctSpec}),
 *       as a {@link org.twinsim.model.anatomy.DailyAnatomy};
 *   <li>{@link org.twinsim.model.anatomy.DailyDeformation}: the exact point map behind the field:
 *       prostate rigid motion, bladder and rectal filling and setup as flows of smooth velocity
 *       fields (invertible by construction), tuned by
 *       {@link org.twinsim.model.anatomy.DailyAnatomySpec}.
 * </ul>
 *
 * <p>Usage: {@code patient = VirtualPatientGenerator.defaults().generate(seed, rep, p);
 * day = DailyAnatomyGenerator.defaults().day(patient, k);}. {@code AnatomyBenchmark} prints the
 * times of both at 4 and 2 mm; {@code org.twinsim.model.viz.AnatomyFigures} draws them.
 */
package org.twinsim.model.anatomy;
