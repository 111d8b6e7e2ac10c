package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * The statistical model of one patient's rigid motion and organ filling over a course, following
 * the systematic/random error model of radiotherapy (van Herk 2004, Semin Radiat Oncol 14:52):
 * each component is a per-patient systematic offset ~ N(0, Sigma^2) plus a per-fraction random
 * deviation ~ N(0, sigma^2), independently per axis. Organ volumes are log-normal around the
 * patient's planning volume with the configured coefficient of variation.
 *
 * <p>Draws come from named streams keyed by (seed, replication, patient[, fraction]) only, so a
 * fraction's motion is the same whichever strategy asks, and whatever order fractions are asked in.
 */
public final class MotionModel {
  private final AnatomyVariation variation;
  private final long seed;
  private final int replication;
  private final int patient;
  private final Vec3 setupSystematicMm;
  private final Vec3 prostateSystematicMm;
  private final double rotationSystematicDeg;
  private final double bladderPlanningMl;
  private final double rectumPlanningMl;

  public MotionModel(AnatomyVariation variation, long seed, int replication, int patient) {
    this.variation = variation;
    this.seed = seed;
    this.replication = replication;
    this.patient = patient;
    RandomStream s = RandomStreams.stream(seed, "anatomy.systematic", replication, patient);
    setupSystematicMm = normal3(s, variation.setup().systematicMm());
    prostateSystematicMm = normal3(s, variation.prostate().systematicMm());
    rotationSystematicDeg = variation.prostate().rotationSystematicDeg() * z(s);
    bladderPlanningMl = truncatedVolume(s, variation.bladder());
    rectumPlanningMl = truncatedVolume(s, variation.rectum());
  }

  public AnatomyVariation variation() {
    return variation;
  }

  /** The patient's systematic setup error, patient axes, mm. */
  public Vec3 setupSystematicMm() {
    return setupSystematicMm;
  }

  /** The patient's systematic prostate displacement relative to bone, patient axes, mm. */
  public Vec3 prostateSystematicMm() {
    return prostateSystematicMm;
  }

  public double rotationSystematicDeg() {
    return rotationSystematicDeg;
  }

  /** Bladder volume at the planning CT, mL. */
  public double bladderPlanningMl() {
    return bladderPlanningMl;
  }

  /** Rectum volume at the planning CT, mL. */
  public double rectumPlanningMl() {
    return rectumPlanningMl;
  }

  /** The true motion of fraction {@code fraction} (0-based) at the time of imaging. */
  public FractionMotion fraction(int fraction) {
    RandomStream s = RandomStreams.stream(seed, "anatomy.daily", replication, patient, fraction);
    Vec3 setup = setupSystematicMm.plus(normal3(s, variation.setup().randomMm()));
    Vec3 prostate = prostateSystematicMm.plus(normal3(s, variation.prostate().randomMm()));
    double rot = rotationSystematicDeg + variation.prostate().rotationRandomDeg() * z(s);
    double bladder = bladderPlanningMl * logNormalFactor(s, variation.bladder().volumeCv());
    double rectum = rectumPlanningMl * logNormalFactor(s, variation.rectum().volumeCv());
    return new FractionMotion(fraction, setup, prostate, rot, bladder, rectum);
  }

  /** The intra-fraction drift path of fraction {@code fraction}, starting at the CBCT. */
  public DriftPath drift(int fraction) {
    return new DriftPath(variation.intrafraction(),
        RandomStreams.stream(seed, "anatomy.drift", replication, patient, fraction));
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }

  /** Independent normals per anatomical axis with the given SDs, returned in patient axes. */
  private static Vec3 normal3(RandomStream s, Axes3 sd) {
    double lr = sd.lr() * z(s);
    double si = sd.si() * z(s);
    double ap = sd.ap() * z(s);
    return new Vec3(lr, ap, si);
  }

  /** Log-normal factor with mean 1 and coefficient of variation cv. */
  private static double logNormalFactor(RandomStream s, double cv) {
    double sigma2 = Math.log(1 + cv * cv);
    return Math.exp(-0.5 * sigma2 + Math.sqrt(sigma2) * z(s));
  }

  /** Planning volume ~ N(mean, sd) truncated to [0.4, 2] x mean (plausible anatomy). */
  private static double truncatedVolume(RandomStream s, AnatomyVariation.Filling f) {
    double mean = f.planningVolumeMl();
    double v = mean + f.planningVolumeSdMl() * z(s);
    return Math.max(0.4 * mean, Math.min(2.0 * mean, v));
  }
}
