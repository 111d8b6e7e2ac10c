package org.twinsim.engine.observe;

import org.twinsim.model.anatomy.FractionMotion;
import org.twinsim.model.anatomy.MotionModel;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Registration as a measurement-error model: the measured bony and prostate shifts are the true
 * ones plus independent Gaussian errors per axis (no images are registered). Used where a
 * scenario asks for {@code registration.method: error-model}; the error SDs are the scenario's.
 */
public final class ErrorModelObserver implements ClinicObserver {
  private final MotionModel motion;
  private final long seed;
  private final int replication;
  private final int patient;
  private final double boneSdMm;
  private final double prostateSdMm;

  public ErrorModelObserver(MotionModel motion, long seed, int replication, int patient,
                            double boneSdMm, double prostateSdMm) {
    this.motion = motion;
    this.seed = seed;
    this.replication = replication;
    this.patient = patient;
    this.boneSdMm = boneSdMm;
    this.prostateSdMm = prostateSdMm;
  }

  @Override
  public FractionObservation observe(int fraction) {
    long t0 = System.nanoTime();
    FractionMotion truth = motion.fraction(fraction);
    RandomStream s = RandomStreams.stream(seed, "registration.error", replication, patient, fraction);
    Vec3 bone = truth.setupMm().plus(noise(s, boneSdMm));
    Vec3 prostate = truth.prostateMm().plus(noise(s, prostateSdMm));
    return new FractionObservation(fraction, truth, bone, prostate, "error-model", Double.NaN, Double.NaN,
        Double.NaN, (System.nanoTime() - t0) * 1e-9);
  }

  private static Vec3 noise(RandomStream s, double sd) {
    return new Vec3(sd * NormalDist.inverseF01(s.nextDouble()), sd * NormalDist.inverseF01(s.nextDouble()),
        sd * NormalDist.inverseF01(s.nextDouble()));
  }
}
