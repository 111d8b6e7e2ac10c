package org.twinsim.engine.physics;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.Axes3;
import org.twinsim.model.anatomy.MotionModel;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.random.RandomStreams;
import org.twinsim.model.twin.PopulationPrior;
import org.twinsim.model.twin.TwinParameters;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * The twin's population prior, learned from previous virtual patients: a training cohort drawn
 * from the scenario's motion model with its own streams (seed, "twin.prior", replication), never
 * the patients being treated, whose registrations are simulated as the true prostate shift plus
 * the registration noise the twin assumes. One prior per replication, shared by its patients.
 */
public final class PriorTraining {
  private PriorTraining() {
  }

  public static PopulationPrior train(Scenario s, int replication) {
    int n = s.twin().priorPatients();
    int fractions = s.fractionation().fractions();
    double noise = s.twin().registrationNoiseSdMm();
    List<double[][]> cohort = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      // a distinct stream family: training patients are not the treated ones
      long trainingSeed = RandomStreams.stream(s.seed(), "twin.prior.cohort", replication, p).nextInt(0, Integer.MAX_VALUE);
      MotionModel m = new MotionModel(s.anatomy(), trainingSeed, replication, p);
      RandomStream e = RandomStreams.stream(s.seed(), "twin.prior.registration", replication, p);
      double[][] rows = new double[fractions][];
      for (int f = 0; f < fractions; f++) {
        Vec3 v = m.fraction(f).prostateMm();
        rows[f] = new double[] {v.x() + noise * z(e), v.y() + noise * z(e), v.z() + noise * z(e)};
      }
      cohort.add(rows);
    }
    TwinParameters tp = TwinParameters.DEFAULT.withRegistrationNoiseSdMm(Axes3.of(noise, noise, noise));
    return PopulationPrior.fit(cohort, tp);
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }
}
