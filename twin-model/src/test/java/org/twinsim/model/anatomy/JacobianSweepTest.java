package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Warp;

/**
 * (b) Invertibility over many days and patients, and under extreme motion: every true field has a
 * positive Jacobian determinant everywhere. The fields are sampled on an 8 mm grid here (the map
 * does not depend on the CT's voxel size; DailyAnatomyTest and HighResolutionTest check 4 and 2 mm).
 */
class JacobianSweepTest {

  private static float minJacobian(DailyDeformation d, Grid3 g) {
    float[] ux = new float[g.size()];
    float[] uy = new float[g.size()];
    float[] uz = new float[g.size()];
    double[] q = new double[3];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int n = g.index(i, j, k);
          d.toPlanning(g.x(i), g.y(j), g.z(k), q);
          ux[n] = (float) (q[0] - g.x(i));
          uy[n] = (float) (q[1] - g.y(j));
          uz[n] = (float) (q[2] - g.z(k));
        }
      }
    }
    float min = Float.POSITIVE_INFINITY;
    for (float v : Warp.jacobianDeterminant(new VectorField(g, ux, uy, uz))) {
      min = Math.min(min, v);
    }
    return min;
  }

  @Test
  void manyPatientsAndFractions() {
    VirtualPatientGenerator gen = new VirtualPatientGenerator(PhantomSpec.withSpacing(8), AnatomyVariation.defaults());
    DailyAnatomySpec spec = DailyAnatomySpec.defaults();
    float worst = Float.POSITIVE_INFINITY;
    int n = 0;
    for (int p = 0; p < 5; p++) {
      VirtualPatient vp = gen.generate(77, 1, p);
      Grid3 g = vp.spec().grid();
      for (int f = 0; f < 12; f++) {
        float min = minJacobian(new DailyDeformation(vp, vp.motion().fraction(f), spec), g);
        assertTrue(min > 0, "patient " + p + " fx " + f + ": min Jacobian " + min);
        worst = Math.min(worst, min);
        n++;
      }
    }
    System.out.printf(Locale.ROOT, "Jacobian sweep: min %.3f over %d fields (5 patients x 12 fractions)%n", worst, n);
  }

  /**
   * Beyond 3 SD of the published variation: prostate 12 mm posterior and 10 mm superior with 20
   * deg rotation, setup 10 mm, the bladder tripled or shrunk to a third, the rectum doubled or
   * halved. Still invertible, and the CTV still moves rigidly (centroid moves by the motion).
   */
  @Test
  void extremeDaysStayInvertible() {
    VirtualPatient vp = new VirtualPatientGenerator(PhantomSpec.withSpacing(8), AnatomyVariation.defaults())
        .generate(78, 0, 0);
    Grid3 g = vp.spec().grid();
    double b = vp.motion().bladderPlanningMl();
    double r = vp.motion().rectumPlanningMl();
    FractionMotion[] days = {
        new FractionMotion(0, new Vec3(10, -10, 10), new Vec3(4, 12, 10), 20, 3 * b, 2 * r),
        new FractionMotion(1, new Vec3(-10, 10, -10), new Vec3(-4, -10, -10), -20, b / 3, r / 2),
        new FractionMotion(2, Vec3.ZERO, new Vec3(0, 12, 0), 0, 3 * b, 0.5 * r),
        new FractionMotion(3, Vec3.ZERO, new Vec3(0, -10, 8), 15, b / 3, 2 * r)};
    for (FractionMotion m : days) {
      DailyDeformation d = new DailyDeformation(vp, m, DailyAnatomySpec.defaults());
      float min = minJacobian(d, g);
      System.out.printf(Locale.ROOT, "extreme day %d: min Jacobian %.3f, flow steps %s%n", m.fraction(), min,
          java.util.Arrays.toString(d.flowSteps()));
      assertTrue(min > 0, "extreme day " + m.fraction() + ": min Jacobian " + min);
      double[] q = new double[3];
      Vec3 c = d.prostateCentroidMm();
      d.toPlanning(c.x(), c.y(), c.z(), q);
      assertTrue(Math.abs(q[0]) + Math.abs(q[1]) + Math.abs(q[2]) < 1e-3, "centroid maps back to the isocentre");
    }
  }
}
