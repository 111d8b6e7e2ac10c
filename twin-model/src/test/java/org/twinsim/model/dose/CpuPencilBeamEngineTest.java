package org.twinsim.model.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

class CpuPencilBeamEngineTest {
  private static final StoppingPowerCalibration CAL = StoppingPowerCalibration.defaults();
  private final CpuPencilBeamEngine engine = new CpuPencilBeamEngine();

  /** Done-when: R80 of a single pencil beam in water within 1% of the PSTAR CSDA range. */
  @Test
  void rangeInWaterMatchesPstar() {
    for (double[] e : WaterRangeEnergyTest.PSTAR) {
      double rangeMm = e[1] * 10;
      Grid3 g = WaterPhantoms.grid(4.0, 40, 0.5, rangeMm + 15);
      DoseContext ctx = DoseContext.fromCt(WaterPhantoms.ct(g, 0, 0, 0f), CAL);
      Volume dose = engine.computeDose(ctx, WaterPhantoms.singleSpot(e[0]), Scenario.NOMINAL);
      double r80 = WaterPhantoms.r80(WaterPhantoms.integratedDepthDose(dose.data(), g), g);
      assertEquals(rangeMm, r80, 0.01 * rangeMm, "R80 at " + e[0] + " MeV");
    }
  }

  /**
   * Done-when: lateral sigma at three depths equals in-air sigma in quadrature with the generalised
   * Highland formula (Gottschalk et al. 1993; Hong et al. 1996), here integrated independently with
   * Simpson's rule; the measured sigma is the Gaussian fit (ln D against r^2) of the computed dose.
   */
  @Test
  void lateralSigmaFollowsHighlandAtThreeDepths() {
    double energy = 150;
    Grid3 g = new Grid3(101, 80, 101, 0.5, 2.0, 0.5, -25, 1.0, -25);
    int[] planes = {25, 50, 70}; // depths 51, 101, 141 mm
    boolean[] region = new boolean[g.size()];
    for (int j : planes) {
      for (int k = 0; k < g.nz(); k++) {
        for (int i = 0; i < g.nx(); i++) {
          region[g.index(i, j, k)] = true;
        }
      }
    }
    Volume rsp = CAL.toRsp(WaterPhantoms.ct(g, 0, 0, 0f));
    DoseContext ctx = new DoseContext(rsp, region, 0.02, 4);
    float[] dose = engine.computeDose(ctx, WaterPhantoms.singleSpot(energy), Scenario.NOMINAL).data();
    double sigmaAir = 3.9; // BeamModelParams default in-air sigma at 150 MeV (documented table)
    for (int j : planes) {
      double depth = g.y(j);
      double expected = Math.hypot(sigmaAir, highlandSigmaMm(energy, depth));
      double measuredX = fitSigma(dose, g, j, true);
      double measuredZ = fitSigma(dose, g, j, false);
      assertEquals(expected, measuredX, 0.01 * expected, "sigma along x at depth " + depth);
      assertEquals(expected, measuredZ, 0.01 * expected, "sigma along z at depth " + depth);
    }
    // and scattering does widen the beam: at 141 mm the spread is clearly above the in-air value
    assertTrue(fitSigma(dose, g, 70, true) > sigmaAir + 0.8, "scattering must widen the beam at 141 mm");
  }

  /**
   * The same with a nearly ideal beam (in-air sigma 0.5 mm), so that the measured spread is the
   * scattering alone: this pins the Highland term itself to 1%, not only its sum with the in-air size.
   */
  @Test
  void scatteringAloneFollowsHighland() {
    double energy = 150;
    double[] e = {70, 250};
    double[] s = {0.5, 0.5};
    BeamModel sharp = new BeamModel(new BeamModelParams(null, null, null, null, e, s, null, null, null, null));
    CpuPencilBeamEngine eng = new CpuPencilBeamEngine(sharp, DoseEngineParams.defaults());
    Grid3 g = new Grid3(97, 80, 97, 0.25, 2.0, 0.25, -12, 1.0, -12);
    int[] planes = {35, 50, 70}; // depths 71, 101, 141 mm
    boolean[] region = new boolean[g.size()];
    for (int j : planes) {
      for (int k = 0; k < g.nz(); k++) {
        for (int i = 0; i < g.nx(); i++) {
          region[g.index(i, j, k)] = true;
        }
      }
    }
    DoseContext ctx = new DoseContext(CAL.toRsp(WaterPhantoms.ct(g, 0, 0, 0f)), region, 0.02, 4);
    float[] dose = eng.computeDose(ctx, WaterPhantoms.singleSpot(energy), Scenario.NOMINAL).data();
    for (int j : planes) {
      double expected = Math.hypot(0.5, highlandSigmaMm(energy, g.y(j)));
      assertEquals(expected, fitSigma(dose, g, j, true), 0.01 * expected, "scattering sigma at depth " + g.y(j));
    }
  }

  /** Independent generalised Highland integral with Simpson's rule (2000 intervals). */
  static double highlandSigmaMm(double energyMeV, double depthMm) {
    WaterRangeEnergy t = WaterRangeEnergy.instance();
    double r0 = t.csdaRangeMm(energyMeV);
    int n = 2000;
    double h = depthMm / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double z = i * h;
      double e = t.energyMeV(r0 - z);
      double pv = e * (e + 2 * 938.272) / (e + 938.272);
      double f = (depthMm - z) * (depthMm - z) / (pv * pv);
      sum += (i == 0 || i == n) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
    }
    double integral = sum * h / 3 / 360.8;
    double factor = 14.1 * (1 + Math.log10(depthMm / 360.8) / 9);
    return factor * Math.sqrt(integral);
  }

  /** Gaussian width from a least-squares fit of ln D against r^2 through the beam axis, points above 10% of the maximum. */
  static double fitSigma(float[] dose, Grid3 g, int j, boolean alongX) {
    int c = g.nx() / 2;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = 0;
    double max = dose[g.index(c, j, c)];
    for (int a = 0; a < g.nx(); a++) {
      int idx = alongX ? g.index(a, j, c) : g.index(c, j, a);
      double d = dose[idx];
      if (d > 0.1 * max) {
        double r = alongX ? g.x(a) : g.z(a);
        double x = r * r;
        double y = Math.log(d);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        n++;
      }
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return Math.sqrt(-1 / (2 * slope));
  }

  /**
   * Done-when: a bone slab before the peak shortens the range by its water-equivalent thickness
   * minus its geometric thickness, thickness * (RSP - 1), within 1 mm.
   */
  @Test
  void boneSlabShortensTheRangeByItsWaterEquivalentExcess() {
    double energy = 150;
    Grid3 g = WaterPhantoms.grid(4.0, 40, 0.5, 175);
    float boneHu = 1000f;
    DoseContext water = DoseContext.fromCt(WaterPhantoms.ct(g, 0, 0, 0f), CAL);
    DoseContext slab = DoseContext.fromCt(WaterPhantoms.ct(g, 30, 50, boneHu), CAL);
    Plan plan = WaterPhantoms.singleSpot(energy);
    double r80Water = WaterPhantoms.r80(WaterPhantoms.integratedDepthDose(engine.computeDose(water, plan, Scenario.NOMINAL).data(), g), g);
    double r80Slab = WaterPhantoms.r80(WaterPhantoms.integratedDepthDose(engine.computeDose(slab, plan, Scenario.NOMINAL).data(), g), g);
    double expectedShift = 20.0 * (CAL.toRsp(boneHu) - 1.0);
    assertTrue(expectedShift > 10, "bone RSP should be well above water, shift " + expectedShift);
    assertEquals(expectedShift, r80Water - r80Slab, 1.0, "range shortening by a 20 mm bone slab");
  }

  /** A range error of +3.5% shortens the range by 3.5% of it (WEPL scaled by 1.035). */
  @Test
  void rangeErrorScenarioScalesTheRange() {
    Grid3 g = WaterPhantoms.grid(4.0, 40, 0.5, 175);
    DoseContext ctx = DoseContext.fromCt(WaterPhantoms.ct(g, 0, 0, 0f), CAL);
    Plan plan = WaterPhantoms.singleSpot(150);
    double nominal = WaterPhantoms.r80(WaterPhantoms.integratedDepthDose(engine.computeDose(ctx, plan, Scenario.NOMINAL).data(), g), g);
    double shorter = WaterPhantoms.r80(WaterPhantoms.integratedDepthDose(
        engine.computeDose(ctx, plan, new Scenario(Vec3.ZERO, 0.035)).data(), g), g);
    assertEquals(nominal / 1.035, shorter, 0.3);
  }

  /** The influence matrix times the weights is the forward dose; threads do not change the result. */
  @Test
  void influenceMatrixReproducesForwardDoseAndThreadsAgree() {
    Grid3 g = new Grid3(30, 40, 24, 3, 3, 3, -45, 1.5, -36);
    Volume ct = WaterPhantoms.ct(g, 20, 35, 700f);
    DoseContext ctx = DoseContext.fromCt(ct, CAL);
    java.util.List<Spot> spots = new java.util.ArrayList<>();
    double w = 0.5;
    for (double u = -12; u <= 12; u += 6) {
      for (double v = -12; v <= 12; v += 6) {
        spots.add(new Spot(u, v, w));
        w += 0.25;
      }
    }
    Plan plan = new Plan("grid", List.of(new Beam("G0", 0, new Vec3(0, 60, 0),
        List.of(new EnergyLayer(100, spots), new EnergyLayer(110, spots.subList(3, 20)))),
        new Beam("G20", 20, new Vec3(0, 60, 0), List.of(new EnergyLayer(120, spots)))));
    Scenario sc = new Scenario(new Vec3(1.5, -2, 3), 0.02);
    float[] single = new float[g.size()];
    float[] multi = new float[g.size()];
    engine.withThreads(1).computeDose(ctx, plan, sc, single);
    engine.withThreads(2).computeDose(ctx, plan, sc, multi);
    assertTrue(java.util.Arrays.equals(single, multi), "single- and multi-threaded dose differ");
    InfluenceMatrix a = engine.computeInfluence(ctx, plan, sc, ctx.doseVoxels());
    double[] d = new double[a.rows()];
    a.multiply(plan.weights(), d, 2);
    double max = 0;
    for (float f : single) {
      max = Math.max(max, f);
    }
    assertTrue(max > 0);
    for (int r = 0; r < a.rows(); r++) {
      assertEquals(single[a.voxel(r)], d[r], 1e-5 * max);
    }
    // transpose against a dense computation
    double[] gvec = new double[a.rows()];
    for (int r = 0; r < gvec.length; r++) {
      gvec[r] = Math.sin(r * 0.37);
    }
    double[] at = new double[a.columns()];
    a.multiplyTranspose(gvec, at, 2);
    double[] dense = new double[a.columns()];
    for (int r = 0; r < a.rows(); r++) {
      for (int e = a.rowStart()[r]; e < a.rowStart()[r + 1]; e++) {
        dense[a.colIndex()[e]] += a.values()[e] * gvec[r];
      }
    }
    for (int c = 0; c < dense.length; c++) {
      assertEquals(dense[c], at[c], 1e-9 * (1 + Math.abs(dense[c])));
    }
  }

  @Test
  void badPlansGiveClearErrors() {
    Grid3 g = WaterPhantoms.grid(4.0, 40, 2, 100);
    DoseContext ctx = DoseContext.fromCt(WaterPhantoms.ct(g, 0, 0, 0f), CAL);
    // no spots
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> new EnergyLayer(100, List.of()));
    assertTrue(e1.getMessage().contains("no spots"), e1.getMessage());
    IllegalArgumentException e1b = assertThrows(IllegalArgumentException.class,
        () -> new Beam("G0", 0, Vec3.ZERO, List.of()));
    assertTrue(e1b.getMessage().contains("no energy layers"), e1b.getMessage());
    // energy out of the table
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> engine.computeDose(ctx, WaterPhantoms.singleSpot(300), Scenario.NOMINAL));
    assertTrue(e2.getMessage().contains("300.0 MeV") && e2.getMessage().contains("[70.0, 250.0]"), e2.getMessage());
    IllegalArgumentException e2b = assertThrows(IllegalArgumentException.class,
        () -> engine.computeDose(ctx, WaterPhantoms.singleSpot(50), Scenario.NOMINAL));
    assertTrue(e2b.getMessage().contains("outside the beam model's energy table"), e2b.getMessage());
    // beam missing the patient: spots 300 mm off the phantom laterally
    Plan miss = new Plan("miss", List.of(new Beam("G0", 0, new Vec3(0, 50, 0),
        List.of(new EnergyLayer(100, List.of(new Spot(300, 0, 1)))))));
    IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
        () -> engine.computeDose(ctx, miss, Scenario.NOMINAL));
    assertTrue(e3.getMessage().contains("misses the patient"), e3.getMessage());
    // negative weight
    assertThrows(IllegalArgumentException.class, () -> new Spot(0, 0, -1));
  }
}
