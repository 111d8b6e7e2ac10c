package org.twinsim.model.twin;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.MotionModel;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * A cohort of virtual patients from {@link MotionModel} (prostate shift relative to bone), with what
 * a registration would measure: the true shift plus an independent N(0, regSd^2) error per axis.
 */
final class MotionCohort {
  final double[][][] trueMm;     // [patient][fraction][axis]
  final double[][][] measuredMm; // [patient][fraction][axis]
  final double[][] bladderMl;    // [patient][fraction]

  MotionCohort(long seed, int patients, int fractions, double regSdMm) {
    AnatomyVariation v = AnatomyVariation.defaults();
    trueMm = new double[patients][fractions][];
    measuredMm = new double[patients][fractions][];
    bladderMl = new double[patients][fractions];
    for (int p = 0; p < patients; p++) {
      MotionModel m = new MotionModel(v, seed, 0, p);
      for (int f = 0; f < fractions; f++) {
        Vec3 s = m.fraction(f).prostateMm();
        trueMm[p][f] = new double[] {s.x(), s.y(), s.z()};
        RandomStream r = RandomStreams.stream(seed, "test.registration", p, f);
        measuredMm[p][f] = new double[3];
        for (int a = 0; a < 3; a++) {
          measuredMm[p][f][a] = trueMm[p][f][a] + regSdMm * NormalDist.inverseF01(r.nextDouble());
        }
        bladderMl[p][f] = m.fraction(f).bladderVolumeMl();
      }
    }
  }

  List<double[][]> measured() {
    return List.of(measuredMm);
  }

  List<PatientCourse> coursesWithBladder() {
    List<PatientCourse> c = new ArrayList<>();
    for (int p = 0; p < measuredMm.length; p++) {
      double[] t = new double[measuredMm[p].length];
      for (int f = 0; f < t.length; f++) {
        t[f] = f;
      }
      c.add(new PatientCourse(t, measuredMm[p], bladderMl[p]));
    }
    return c;
  }

  static Vec3 vec(double[] a) {
    return new Vec3(a[0], a[1], a[2]);
  }
}
