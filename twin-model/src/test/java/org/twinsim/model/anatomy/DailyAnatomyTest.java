package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;

/**
 * The daily anatomy against truths known from outside the generator's voxel loops: the drawn
 * motion (setup + prostate motion moves the prostate centroid; the drawn volumes are the organ
 * volumes), rigid-body geometry (the CTV transformed analytically), invertibility, and the
 * planning anatomy carried by the true field.
 */
class DailyAnatomyTest {
  private static final long SEED = 20261126L;
  private static final int PATIENTS = 3;
  private static final int FRACTIONS = 6;
  private static final VirtualPatientGenerator GEN = VirtualPatientGenerator.defaults();
  private static final DailyAnatomyGenerator DAYS = DailyAnatomyGenerator.defaults();
  private static final List<VirtualPatient> PATIENT_LIST = new ArrayList<>();
  /** Per (patient, fraction): what the tests below check, computed once. */
  private static final List<DaySummary> SUMMARIES = new ArrayList<>();

  private record DaySummary(int patient, int fraction, FractionMotion motion, double[] centroidShiftMm,
                            double bladderMl, double rectumMl, double minJacobian, boolean bladderInsideFov,
                            double[] gridBounds) {
  }

  @BeforeAll
  static void generate() {
    for (int p = 0; p < PATIENTS; p++) {
      VirtualPatient vp = GEN.generate(SEED, 0, p);
      PATIENT_LIST.add(vp);
      double[] c0 = Occupancy.centroid(vp.planningLabels(), StructureNames.PROSTATE);
      Grid3 g = vp.planningLabels().grid();
      for (int f = 0; f < FRACTIONS; f++) {
        DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(f));
        double[] c = Occupancy.centroid(d.trueLabels(), StructureNames.PROSTATE);
        float[] jac = Warp.jacobianDeterminant(d.trueField());
        float min = Float.POSITIVE_INFINITY;
        for (float v : jac) {
          min = Math.min(min, v);
        }
        boolean inside = touchesTopOrBottom(d.trueLabels(), StructureNames.BLADDER) == 0;
        SUMMARIES.add(new DaySummary(p, f, d.motion(), new double[] {c[0] - c0[0], c[1] - c0[1], c[2] - c0[2]},
            d.trueLabels().volumeCc(StructureNames.BLADDER), d.trueLabels().volumeCc(StructureNames.RECTUM), min,
            inside, new double[] {g.spacingXMm()}));
      }
    }
  }

  @Test
  void aDayRealisesTheMotionModelsDrawNotANewOne() {
    VirtualPatient vp = PATIENT_LIST.get(0);
    DailyAnatomy d = DAYS.day(vp, 3);
    assertEquals(vp.motion().fraction(3), d.motion());
    assertSame(d.trueCt().grid(), d.trueField().grid());
    assertTrue(d.trueLabels().grid().sameAs(vp.planningCt().grid()));
    assertNotNull(d.cbct());
    assertEquals(3, d.fraction());
  }

  /** (c) The prostate centroid of the daily labels moves by setupMm + prostateMm (rotation is about the centroid). */
  @Test
  void prostateCentroidMovesBySetupPlusProstateMotion() {
    double worst = 0;
    for (DaySummary s : SUMMARIES) {
      Vec3 expected = s.motion().prostateTotalMm();
      for (int a = 0; a < 3; a++) {
        double err = Math.abs(s.centroidShiftMm()[a] - expected.get(a));
        worst = Math.max(worst, err);
        assertTrue(err < 1.0, String.format(Locale.ROOT, "patient %d fx %d axis %d: centroid moved %.2f mm, drawn %.2f mm",
            s.patient(), s.fraction(), a, s.centroidShiftMm()[a], expected.get(a)));
      }
    }
    System.out.printf(Locale.ROOT, "prostate centroid: worst |error| %.2f mm over %d days (4 mm voxels)%n", worst, SUMMARIES.size());
  }

  /** (c) The daily bladder and rectum volumes are the drawn ones (within a few per cent). */
  @Test
  void organVolumesFollowTheDrawnFilling() {
    double worstB = 0;
    double worstR = 0;
    int checked = 0;
    for (DaySummary s : SUMMARIES) {
      double eb = s.bladderMl() / s.motion().bladderVolumeMl() - 1;
      double er = s.rectumMl() / s.motion().rectumVolumeMl() - 1;
      worstR = Math.max(worstR, Math.abs(er));
      assertTrue(Math.abs(er) < 0.08, String.format(Locale.ROOT, "patient %d fx %d: rectum %.1f mL in labels, drawn %.1f mL",
          s.patient(), s.fraction(), s.rectumMl(), s.motion().rectumVolumeMl()));
      if (!s.bladderInsideFov()) {
        continue; // a bladder cut by the end of the scan cannot show its whole volume
      }
      checked++;
      worstB = Math.max(worstB, Math.abs(eb));
      assertTrue(Math.abs(eb) < 0.04, String.format(Locale.ROOT, "patient %d fx %d: bladder %.1f mL in labels, drawn %.1f mL",
          s.patient(), s.fraction(), s.bladderMl(), s.motion().bladderVolumeMl()));
    }
    assertTrue(checked >= SUMMARIES.size() - 2, "too many bladders leave the scan: " + checked + " of " + SUMMARIES.size());
    System.out.printf(Locale.ROOT, "volumes: worst bladder error %.1f%% (%d days), worst rectum error %.1f%% (%d days)%n",
        100 * worstB, checked, 100 * worstR, SUMMARIES.size());
  }

  /** (b) Every generated field is invertible: Jacobian determinant > 0 at every voxel. */
  @Test
  void everyFieldHasAPositiveJacobian() {
    double min = Double.POSITIVE_INFINITY;
    for (DaySummary s : SUMMARIES) {
      assertTrue(s.minJacobian() > 0, "patient " + s.patient() + " fx " + s.fraction() + ": min Jacobian " + s.minJacobian());
      min = Math.min(min, s.minJacobian());
    }
    System.out.printf(Locale.ROOT, "Jacobian: min %.3f over %d fields%n", min, SUMMARIES.size());
  }

  /** The field stored on the grid is the point map, and the forward map inverts it. */
  @Test
  void fieldIsThePointMapAndToDayInvertsIt() {
    VirtualPatient vp = PATIENT_LIST.get(1);
    DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(2));
    Grid3 g = d.trueField().grid();
    double[] q = new double[3];
    double[] back = new double[3];
    double worst = 0;
    for (int k = 5; k < g.nz(); k += 7) {
      for (int j = 3; j < g.ny(); j += 5) {
        for (int i = 2; i < g.nx(); i += 6) {
          int n = g.index(i, j, k);
          d.deformation().toPlanning(g.x(i), g.y(j), g.z(k), q);
          assertEquals(q[0] - g.x(i), d.trueField().ux()[n], 1e-3);
          assertEquals(q[1] - g.y(j), d.trueField().uy()[n], 1e-3);
          assertEquals(q[2] - g.z(k), d.trueField().uz()[n], 1e-3);
          d.deformation().toDay(q[0], q[1], q[2], back);
          worst = Math.max(worst, Math.abs(back[0] - g.x(i)) + Math.abs(back[1] - g.y(j)) + Math.abs(back[2] - g.z(k)));
        }
      }
    }
    assertTrue(worst < 0.01, "toDay(toPlanning(p)) differs from p by " + worst + " mm");
  }

  /**
   * (a) Truth self-consistency, part 1: on the day's CTV the stored field is the analytic rigid
   * motion (setup + rotation about the planning centroid + translation), and on bone it is the
   * setup shift, to 0.01 mm at every voxel.
   */
  @Test
  void onTheCtvTheFieldIsTheAnalyticRigidMotionAndOnBoneTheSetup() {
    for (VirtualPatient vp : PATIENT_LIST) {
      for (int f : new int[] {0, 5}) {
        DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(f));
        double[] worst = worstRigidError(d);
        assertTrue(worst[0] < 0.01, "patient " + vp.patient() + " fx " + f + ": field differs from the rigid CTV motion by " + worst[0] + " mm");
        assertTrue(worst[1] < 0.01, "patient " + vp.patient() + " fx " + f + ": field differs from the setup shift on bone by " + worst[1] + " mm");
      }
    }
  }

  /**
   * (a) Truth self-consistency, part 2: the planning anatomy pulled back through the stored field
   * (trilinearly interpolated at 1 mm sub-points) reproduces the day's anatomy rasterised
   * independently at the same points: rigid structures through the analytic rigid transform,
   * bones through the setup shift, bladder and rectum through the deformation's point map. Dice on
   * the 1 mm lattice; the label maps themselves are compared too (nearest-neighbour warping of the
   * 4 mm planning labels vs the day labels), which the 4 mm voxels limit (reported, loosely bounded).
   * Measured (seed 20261126, patient 0, fx 0 and 2): every structure above 0.997 (urethra and
   * seminal vesicles included); the nearest-neighbour label maps reach 0.97 (bladder), 0.91-0.96
   * (rectum), 0.90-0.92 (prostate, CTV, femoral head), 0.73-0.84 (seminal vesicles), 0.76-0.84
   * (urethra, 7 mm wide).
   */
  @Test
  void planningAnatomyThroughTheTrueFieldIsTheDay() {
    VirtualPatient vp = PATIENT_LIST.get(0);
    PelvisPhantom ph = vp.anatomy();
    LabelMap pl = vp.planningLabels();
    StringBuilder report = new StringBuilder("Dice, planning anatomy through the stored field vs independent day anatomy:\n");
    for (int f : new int[] {0, 2}) {
      DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(f));
      FractionMotion m = d.motion();
      double th = Math.toRadians(m.prostateRotationDeg());
      Vec3 s = m.setupMm();
      Vec3 t = m.prostateMm();
      Occupancy.PointMap rigid = (x, y, z, out) -> {
        double qx = x - s.x() - t.x();
        double qy = y - s.y() - t.y();
        double qz = z - s.z() - t.z();
        out[0] = qx;
        out[1] = qy * Math.cos(th) - qz * Math.sin(th);
        out[2] = qy * Math.sin(th) + qz * Math.cos(th);
      };
      Occupancy.PointMap setupOnly = (x, y, z, out) -> {
        out[0] = x - s.x();
        out[1] = y - s.y();
        out[2] = z - s.z();
      };
      Occupancy.PointMap truthMap = (x, y, z, out) -> d.deformation().toPlanning(x, y, z, out);
      Occupancy.PointMap storedField = (x, y, z, out) -> {
        double[] u = new double[3]; // per call: the lattice is evaluated in parallel
        d.trueField().sample(x, y, z, u);
        out[0] = x + u[0];
        out[1] = y + u[1];
        out[2] = z + u[2];
      };
      Object[][] cases = {
          {StructureNames.PROSTATE, rigid, ph.prostate.box, 0.995, 0.85},
          {StructureNames.URETHRA, rigid, ph.prostate.box, 0.99, 0.0},
          {StructureNames.SEMINAL_VESICLES, rigid, ph.ctvBox, 0.99, 0.6},
          {StructureNames.CTV, rigid, ph.ctvBox, 0.995, 0.85},
          {StructureNames.FEMORAL_HEAD_L, setupOnly, ph.femoralHeadLeft.box.union(ph.femoralNeckLeft.box), 0.995, 0.85},
          {StructureNames.BLADDER, truthMap, ph.bladder.box, 0.99, 0.9},
          {StructureNames.RECTUM, truthMap, ph.rectum.box, 0.99, 0.85},
      };
      LabelMap warpedLabels = Warp.labels(pl, d.trueField());
      for (Object[] c : cases) {
        String name = (String) c[0];
        Box box = ((Box) c[2]).grow(15);
        boolean[] within = pl.labelsWithin(name);
        double dice = Occupancy.latticeDice(box, 1.0, ph, within, storedField, (Occupancy.PointMap) c[1]);
        double hard = Warp.dice(warpedLabels.mask(name), d.trueLabels().mask(name));
        report.append(String.format(Locale.ROOT, "  fx %d %-16s 1 mm: %.4f   4 mm label maps (nearest neighbour): %.3f%n",
            f, name, dice, hard));
        assertTrue(dice > (double) c[3], "fx " + f + " " + name + ": Dice " + dice + " <= " + c[3]);
        assertTrue(hard >= (double) c[4], "fx " + f + " " + name + ": label-map Dice " + hard + " < " + c[4]);
      }
    }
    System.out.print(report);
  }

  /** Largest distance between p + u(p) and the analytic map on CTV voxels {0} and on bone voxels {1}. */
  private static double[] worstRigidError(DailyAnatomy d) {
    FractionMotion m = d.motion();
    double th = Math.toRadians(m.prostateRotationDeg());
    Vec3 s = m.setupMm();
    Vec3 t = m.prostateMm();
    LabelMap lab = d.trueLabels();
    boolean[] ctv = lab.labelsWithin(StructureNames.CTV);
    boolean[] bone = lab.labelsWithin(StructureNames.PELVIC_BONE).clone();
    boolean[] fl = lab.labelsWithin(StructureNames.FEMORAL_HEAD_L);
    boolean[] fr = lab.labelsWithin(StructureNames.FEMORAL_HEAD_R);
    Grid3 g = lab.grid();
    double[] worst = new double[2];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int n = g.index(i, j, k);
          int l = lab.labels()[n] & 0xFF;
          double x = g.x(i) + d.trueField().ux()[n];
          double y = g.y(j) + d.trueField().uy()[n];
          double z = g.z(k) + d.trueField().uz()[n];
          if (ctv[l]) {
            double qx = g.x(i) - s.x() - t.x();
            double qy = g.y(j) - s.y() - t.y();
            double qz = g.z(k) - s.z() - t.z();
            double ex = qx;
            double ey = qy * Math.cos(th) - qz * Math.sin(th);
            double ez = qy * Math.sin(th) + qz * Math.cos(th);
            worst[0] = Math.max(worst[0], Math.sqrt((x - ex) * (x - ex) + (y - ey) * (y - ey) + (z - ez) * (z - ez)));
          } else if (bone[l] || fl[l] || fr[l]) {
            double ex = g.x(i) - s.x();
            double ey = g.y(j) - s.y();
            double ez = g.z(k) - s.z();
            worst[1] = Math.max(worst[1], Math.sqrt((x - ex) * (x - ex) + (y - ey) * (y - ey) + (z - ez) * (z - ez)));
          }
        }
      }
    }
    return worst;
  }

  /** The prostate keeps its volume (fractional occupancy, so that rasterisation noise does not hide a change). */
  @Test
  void prostateKeepsItsVolume() {
    VirtualPatient vp = PATIENT_LIST.get(2);
    Grid3 g = vp.planningLabels().grid();
    boolean[] within = vp.planningLabels().labelsWithin(StructureNames.PROSTATE);
    Box box = vp.anatomy().prostate.box.grow(25);
    float[] plan = Occupancy.occupancy(g, box, vp.anatomy(), within, (x, y, z, o) -> {
      o[0] = x;
      o[1] = y;
      o[2] = z;
    }, 4);
    double v0 = Occupancy.sum(plan) * g.voxelVolumeCc();
    assertEquals(vp.anatomy().prostateVolumeCc(), v0, 0.01 * v0, "planning prostate occupancy vs drawn volume");
    for (int f = 0; f < 3; f++) {
      DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(f));
      float[] day = Occupancy.occupancy(g, box, vp.anatomy(), within, (x, y, z, o) -> d.deformation().toPlanning(x, y, z, o), 4);
      double v = Occupancy.sum(day) * g.voxelVolumeCc();
      assertEquals(v0, v, 0.005 * v0, "fx " + f + " prostate volume");
    }
  }

  /** The true CT is the planning anatomy carried by the true field: warping the planning CT by it matches. */
  @Test
  void warpedPlanningCtMatchesTheTrueCt() {
    VirtualPatient vp = PATIENT_LIST.get(1);
    DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(5));
    Volume warped = Warp.volume(vp.sourceCt(), d.trueField(), -1000f);
    float[] a = warped.data();
    float[] b = d.trueCt().data();
    float[] p = vp.planningCt().data();
    byte[] lab = d.trueLabels().labels();
    double withField = 0;
    double without = 0;
    long n = 0;
    for (int i = 0; i < a.length; i++) {
      if (lab[i] == 0 || b[i] < -900) {
        continue; // outside the body, or rectal gas (content, not anatomy)
      }
      withField += Math.abs(a[i] - b[i]);
      without += Math.abs(p[i] - b[i]);
      n++;
    }
    withField /= n;
    without /= n;
    System.out.printf(Locale.ROOT, "mean |HU difference| in the body: warped planning vs true %.2f, unwarped %.1f%n", withField, without);
    assertTrue(withField < 1.0, "warped planning model differs from the true CT by " + withField + " HU on average");
    assertTrue(without > 10 * withField, "the day should differ from the planning CT without the field");
  }

  /** (d) The same seed gives the same patient and the same day, bit for bit. */
  @Test
  void sameSeedSameAnatomy() {
    VirtualPatient a = GEN.generate(SEED, 0, 1);
    VirtualPatient b = PATIENT_LIST.get(1);
    assertArrayEquals(a.planningCt().data(), b.planningCt().data());
    assertArrayEquals(a.planningLabels().labels(), b.planningLabels().labels());
    DailyAnatomy da = DAYS.day(a, 4);
    DailyAnatomy db = DAYS.day(b, 4);
    assertArrayEquals(da.trueCt().data(), db.trueCt().data());
    assertArrayEquals(da.trueField().ux(), db.trueField().ux());
    assertArrayEquals(da.trueField().uz(), db.trueField().uz());
    assertArrayEquals(da.trueLabels().labels(), db.trueLabels().labels());
    assertArrayEquals(da.cbct().data(), db.cbct().data());
    assertEquals(da.trueLabels().volumeCc(StructureNames.BLADDER), db.trueLabels().volumeCc(StructureNames.BLADDER));
    VirtualPatient other = GEN.generate(SEED + 1, 0, 1);
    assertTrue(other.anatomy().prostateVolumeCc() != a.anatomy().prostateVolumeCc(), "another seed, another patient");
  }

  /**
   * Rectal gas: drawn on the configured share of days (binomial, 4 SD), only inside the rectal lumen,
   * at -1000 HU in the true CT.
   */
  @Test
  void rectalGasAppearsOnTheConfiguredShareOfDaysInsideTheLumen() {
    VirtualPatient vp = PATIENT_LIST.get(0);
    PhantomSpec spec = vp.spec();
    int days = 600;
    int withGas = 0;
    for (int f = 0; f < days; f++) {
      if (GasPocket.draw(vp.anatomy(), spec, org.twinsim.model.random.RandomStreams.stream(SEED, "anatomy.gas", 0, 0, f)) != null) {
        withGas++;
      }
    }
    double pr = spec.rectalGasProbability();
    double sd = Math.sqrt(days * pr * (1 - pr));
    assertEquals(days * pr, withGas, 4 * sd, "days with rectal gas");
    int f = 0;
    while (GasPocket.draw(vp.anatomy(), spec, org.twinsim.model.random.RandomStreams.stream(SEED, "anatomy.gas", 0, 0, f)) == null) {
      f++;
    }
    DailyAnatomy d = DAYS.anatomy(vp, vp.motion().fraction(f));
    assertTrue(d.rectalGasCc() > 0.1, "gas drawn on fx " + f + " but " + d.rectalGasCc() + " cc in the CT");
    boolean[] rectum = d.trueLabels().mask(StructureNames.RECTUM);
    float[] ct = d.trueCt().data();
    byte[] lab = d.trueLabels().labels();
    Grid3 g = d.trueLabels().grid();
    int dark = 0;
    for (int k = 1; k < g.nz() - 1; k++) {
      for (int j = 1; j < g.ny() - 1; j++) {
        for (int i = 1; i < g.nx() - 1; i++) {
          int n = g.index(i, j, k);
          boolean deepInBody = lab[n] != 0 && lab[n - 1] != 0 && lab[n + 1] != 0 && lab[n - g.nx()] != 0
              && lab[n + g.nx()] != 0 && lab[n - g.nx() * g.ny()] != 0 && lab[n + g.nx() * g.ny()] != 0;
          if (ct[n] < -600 && deepInBody) {
            dark++;
            assertTrue(rectum[n], "gas-dark voxel inside the body but outside the rectum at (" + i + "," + j + "," + k + ")");
          }
        }
      }
    }
    assertTrue(dark > 0, "no gas-dark voxel although " + d.rectalGasCc() + " cc were drawn");
  }

  /** At delivery the prostate has drifted by the fraction's drift path; setup and filling are those of the CBCT. */
  @Test
  void atDeliveryTheProstateHasDriftedByTheDrawnPath() {
    VirtualPatient vp = PATIENT_LIST.get(2);
    int f = 1;
    double minutes = 12;
    DailyAnatomy atCbct = DAYS.anatomy(vp, vp.motion().fraction(f));
    DailyAnatomy later = DAYS.atDelivery(vp, f, minutes);
    Vec3 drift = vp.motion().drift(f).at(minutes);
    double[] c0 = Occupancy.centroid(atCbct.trueLabels(), StructureNames.PROSTATE);
    double[] c1 = Occupancy.centroid(later.trueLabels(), StructureNames.PROSTATE);
    for (int a = 0; a < 3; a++) {
      assertEquals(drift.get(a), c1[a] - c0[a], 0.7, "drift axis " + a);
    }
    assertEquals(atCbct.motion().setupMm(), later.motion().setupMm());
    assertEquals(atCbct.motion().bladderVolumeMl(), later.motion().bladderVolumeMl());
    Vec3 expected = vp.motion().fraction(f).prostateTotalMm().plus(drift);
    for (int a = 0; a < 3; a++) {
      assertEquals(expected.get(a), later.prostateCentroidMm().get(a), 1e-9);
    }
  }

  @Test
  void badArgumentsAreRejectedWithAClearMessage() {
    VirtualPatient vp = PATIENT_LIST.get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DAYS.day(vp, -1));
    assertTrue(e.getMessage().contains("fraction"), e.getMessage());
    FractionMotion bad = new FractionMotion(0, Vec3.ZERO, Vec3.ZERO, 0, 0, 50);
    e = assertThrows(IllegalArgumentException.class, () -> DAYS.anatomy(vp, bad));
    assertTrue(e.getMessage().contains("bladder"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DailyAnatomyGenerator(null, CbctSpec.defaults()));
    e = assertThrows(IllegalArgumentException.class, () -> DAYS.atDelivery(vp, 0, Double.NaN));
    assertTrue(e.getMessage().contains("minutes"), e.getMessage());
  }

  /** Number of the structure's voxels in the first or last slice. */
  private static int touchesTopOrBottom(LabelMap m, String name) {
    boolean[] t = m.labelsWithin(name);
    Grid3 g = m.grid();
    int n = 0;
    for (int k : new int[] {0, g.nz() - 1}) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          if (t[m.labels()[g.index(i, j, k)] & 0xFF]) {
            n++;
          }
        }
      }
    }
    return n;
  }
}
