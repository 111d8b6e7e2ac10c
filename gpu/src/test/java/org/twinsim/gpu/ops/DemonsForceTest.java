package org.twinsim.gpu.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.gpu.bench.SyntheticInputs;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

class DemonsForceTest {
  private final CpuVolumeKernels cpu = new CpuVolumeKernels();

  /**
   * Ramp f = a x, and a warped moving image lagging by d: m = a (x - d). Then f - m = a d,
   * grad f = (a, 0, 0) everywhere (the one-sided edge differences of a ramp are exact too), and
   * Thirion's update is d / (1 + alpha^2 d^2) along +x: towards the backward field u = +d that
   * makes moving(p + u) = f(p).
   */
  @Test
  void rampGivesTheClosedFormStep() {
    Grid3 g = new Grid3(12, 5, 4, 1.5, 2, 2.5, 0, 0, 0);
    double a = 8.0;
    double d = 0.7;
    float[] f = new float[g.size()];
    float[] m = new float[g.size()];
    for (int v = 0; v < f.length; v++) {
      double x = g.x(v % g.nx());
      f[v] = (float) (a * x);
      m[v] = (float) (a * (x - d));
    }
    DemonsForceParams p = new DemonsForceParams(2.0);
    double alpha2 = 1.0 / 16;
    VectorField u = new VectorField(g);
    DemonsStats s = cpu.demonsForce(f, m, p, u);
    double expected = d / (1 + alpha2 * d * d);
    for (int v = 0; v < f.length; v++) {
      assertEquals(expected, u.ux()[v], 1e-4, "voxel " + v);
      assertEquals(0f, u.uy()[v]);
      assertEquals(0f, u.uz()[v]);
    }
    assertEquals(g.size(), s.voxels());
    assertEquals(a * d * a * d, s.meanSquaredDiff(), 1e-3);
    assertEquals(expected, s.maxStepMm(), 1e-4);
  }

  @Test
  void stepsAreBoundedAndNanVoxelsSkipped() {
    Grid3 g = new Grid3(20, 18, 9, 2, 2, 2, 0, 0, 0);
    SyntheticInputs in = SyntheticInputs.create(g, 11);
    float[] m = in.moving().clone();
    for (int v = 0; v < m.length; v += 7) {
      m[v] = Float.NaN;
    }
    VectorField u = new VectorField(g);
    DemonsForceParams p = new DemonsForceParams(0.5);
    DemonsStats s = cpu.demonsForce(in.fixed(), m, p, u);
    long counted = 0;
    double ssd = 0;
    for (int v = 0; v < m.length; v++) {
      double step = Math.sqrt(u.ux()[v] * u.ux()[v] + u.uy()[v] * u.uy()[v] + u.uz()[v] * u.uz()[v]);
      assertTrue(step <= 0.5 * (1 + 1e-5), "step " + step + " at " + v + " exceeds the 0.5 mm bound");
      if (Float.isNaN(m[v])) {
        assertEquals(0f, u.ux()[v]);
      } else {
        counted++;
        double diff = in.fixed()[v] - m[v];
        ssd += diff * diff;
      }
    }
    assertEquals(counted, s.voxels());
    assertEquals(ssd, s.sumSquaredDiff(), 1e-9 * ssd);
    assertTrue(s.maxStepMm() > 0.25 && s.maxStepMm() <= 0.5 * (1 + 1e-5), "max step " + s.maxStepMm());
  }

  /**
   * A known deformation: the moving image is the fixed one translated by t, so the backward field
   * that aligns them is u = t. Thirty demons iterations (warp, force, Gaussian smoothing of the
   * field: Thirion's diffusion-like demons) on a textured image must find it to 0.1 mm (mean) away from
   * the borders, and the metric must fall by two orders of magnitude.
   */
  @Test
  void demonsIterationsRecoverAKnownTranslation() {
    Grid3 g = new Grid3(40, 40, 40, 2, 2, 2, -39, -39, -39);
    double[] t = {2.0, -1.5, 1.0};
    RandomStream r = RandomStreams.stream(2, "test.demons.texture");
    float[] noise = new float[g.size()];
    for (int v = 0; v < noise.length; v++) {
      noise[v] = (float) (1000 * (r.nextDouble() - 0.5));
    }
    float[] fixed = new float[g.size()];
    cpu.gaussian(noise, g, GaussianSpec.isotropic(4.0), fixed);
    // moving(q) = fixed(q - t): a pull through the constant field -t; NaN where q - t leaves the grid
    VectorField minusT = new VectorField(g);
    java.util.Arrays.fill(minusT.ux(), (float) -t[0]);
    java.util.Arrays.fill(minusT.uy(), (float) -t[1]);
    java.util.Arrays.fill(minusT.uz(), (float) -t[2]);
    float[] moving = new float[g.size()];
    cpu.warp(fixed, g, minusT, Float.NaN, moving);

    VectorField u = new VectorField(g);
    float[] warped = new float[g.size()];
    float[] tmp = new float[g.size()];
    DemonsForceParams p = new DemonsForceParams(1.0);
    GaussianSpec smooth = GaussianSpec.isotropic(2.0);
    double first = Double.NaN;
    double last = Double.NaN;
    for (int it = 0; it < 30; it++) {
      cpu.warp(moving, g, u, Float.NaN, warped);
      DemonsStats s = cpu.demonsForce(fixed, warped, p, u);
      if (it == 0) {
        first = s.meanSquaredDiff();
      }
      last = s.meanSquaredDiff();
      for (float[] c : new float[][] {u.ux(), u.uy(), u.uz()}) {
        cpu.gaussian(c, g, smooth, tmp);
        System.arraycopy(tmp, 0, c, 0, tmp.length);
      }
    }
    assertTrue(last < 0.01 * first, "the metric fell from " + first + " to " + last);
    double[] sum = new double[3];
    double[] worst = new double[3];
    int n = 0;
    int margin = 6;
    for (int k = margin; k < g.nz() - margin; k++) {
      for (int j = margin; j < g.ny() - margin; j++) {
        for (int i = margin; i < g.nx() - margin; i++) {
          int v = g.index(i, j, k);
          float[] uv = {u.ux()[v], u.uy()[v], u.uz()[v]};
          for (int a = 0; a < 3; a++) {
            sum[a] += uv[a];
            worst[a] = Math.max(worst[a], Math.abs(uv[a] - t[a]));
          }
          n++;
        }
      }
    }
    for (int a = 0; a < 3; a++) {
      assertEquals(t[a], sum[a] / n, 0.1, "mean displacement along axis " + a + " (worst voxel off by " + worst[a] + ")");
    }
  }
}
