package org.twinsim.model.registration;

import java.util.stream.IntStream;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * An analytic pelvis phantom (ellipsoids and elliptic cylinders of tissue HU) and its daily
 * version under a KNOWN smooth invertible deformation: a rigid setup shift plus Gaussian bumps of
 * displacement centred on the prostate, the bladder dome and the rectum. The planning CT, the day
 * CT and the labels are evaluated analytically (2x2x2 supersampling for the CT's partial volume),
 * so the truth does not come from any interpolation that the registration also uses. The CBCT-like
 * image adds gain, HU offset, radial cupping, Gaussian noise and a cylindrical field of view.
 *
 * <p>Coordinates: DICOM patient axes, mm; the prostate sits near the origin, the rectum posterior
 * (+y), the bladder superior (+z) and anterior (-y), the femoral heads at x = +-95 mm.
 */
final class PelvisPhantom {
  private PelvisPhantom() {
  }

  /** Labels of {@link StructureNames#prostateTree()}. */
  static final int BODY = 1;
  static final int PROSTATE = 3;
  static final int SV = 5;
  static final int BLADDER = 6;
  static final int RECTUM = 8;
  static final int FEMUR_L = 10;
  static final int FEMUR_R = 11;
  static final int BONE = 12;

  /**
   * A Gaussian bump of displacement {@code amp * exp(-|p - c|^2 / (2 sigma^2))} (mm).
   */
  record Bump(Vec3 centreMm, double sigmaMm, Vec3 ampMm) {
  }

  /**
   * Bladder filling: a radial expansion (strain > 0) or contraction about the bladder base,
   * windowed by a Gaussian around the bladder centre. Backward displacement
   * {@code -strain (p - base) exp(-|p - centre|^2 / (2 sigma^2))}.
   */
  record Filling(Vec3 baseMm, Vec3 centreMm, double sigmaMm, double strain) {
  }

  /**
   * Deformation of the day: backward field u(p) = (T(p) - p) + filling + sum of bumps, with T the
   * rigid day -> planning transform (a setup error s is {@code T(p) = p - s}); centres in day
   * coordinates.
   */
  record Deformation(RigidTransform rigid, Filling filling, Bump[] bumps) {
    /** The setup error (displacement of the anatomy in the day image) of a translation-only T. */
    Vec3 setupMm() {
      return rigid.translationMm().times(-1);
    }

    void displacement(double x, double y, double z, double[] out) {
      rigid.apply(x, y, z, out);
      double ux = out[0] - x;
      double uy = out[1] - y;
      double uz = out[2] - z;
      if (filling != null) {
        Filling f = filling;
        double dx = x - f.centreMm.x();
        double dy = y - f.centreMm.y();
        double dz = z - f.centreMm.z();
        double w = f.strain * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * f.sigmaMm * f.sigmaMm));
        ux -= w * (x - f.baseMm.x());
        uy -= w * (y - f.baseMm.y());
        uz -= w * (z - f.baseMm.z());
      }
      for (Bump b : bumps) {
        double dx = x - b.centreMm.x();
        double dy = y - b.centreMm.y();
        double dz = z - b.centreMm.z();
        double w = Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * b.sigmaMm * b.sigmaMm));
        ux += w * b.ampMm.x();
        uy += w * b.ampMm.y();
        uz += w * b.ampMm.z();
      }
      out[0] = ux;
      out[1] = uy;
      out[2] = uz;
    }

    static Deformation rigid(Vec3 setupMm) {
      return new Deformation(RigidTransform.translation(setupMm.times(-1)), null, new Bump[0]);
    }

    static Deformation rigid(RigidTransform dayToPlanning) {
      return new Deformation(dayToPlanning, null, new Bump[0]);
    }
  }

  /** CBCT artefacts. */
  record CbctModel(double gain, double offsetHu, double cuppingHu, double noiseSdHu, double fovRadiusMm,
                   double fovHalfLengthMm) {
    static final CbctModel TYPICAL = new CbctModel(0.95, 30, 45, 30, 150, 80);
    static final CbctModel NONE = new CbctModel(1, 0, 0, 0, 1e9, 1e9);
  }

  /** One synthetic fraction with its truth. */
  record Case(Grid3 grid, Volume planningCt, LabelMap planningLabels, Volume dayCt, LabelMap dayLabels,
              VectorField trueField, Volume cbct, boolean[] fov, Deformation deformation) {
  }

  private static final java.util.Map<Integer, Case> CACHE = new java.util.HashMap<>();

  /**
   * The random CBCT-like case {@code caseId} on the 4 mm grid (seed 42), built once per test JVM
   * and shared by the test classes (treat it as read-only).
   */
  static synchronized Case cbctCase(int caseId) {
    return CACHE.computeIfAbsent(caseId, c -> build(grid4mm(), randomDeformation(42, c), CbctModel.TYPICAL, 42, c));
  }

  /** The default test grid: 4 mm voxels, 96 x 64 x 50 around the pelvis. */
  static Grid3 grid4mm() {
    return Grid3.centred(384, 256, 200, 4, 4, 4, 0, 10, 5);
  }

  /**
   * A random but reproducible deformation: setup N(0, 3 mm) per axis (clipped to 8 mm); bladder
   * filling strain N(0, 0.08) (clipped to 0.15, i.e. about +-50% volume) about the bladder base,
   * window sigma 35 mm; prostate bump sigma 22 mm, amplitude N(0, 2.5 mm) per axis; rectum bump
   * sigma 16 mm, N(0, (1.5, 3, 1.5) mm); amplitudes clipped to 6 mm.
   *
   * <p>The bladder deforms by filling rather than by a bump: a bump centred in the bladder slides
   * its dome tangentially, and tangential motion inside a homogeneous organ is invisible to any
   * intensity-based registration (the aperture problem), so it would measure the prior, not the
   * method. Bladder deformation is dominated by filling (REFERENCES.md: volume CV ~35%).
   */
  static Deformation randomDeformation(long seed, int caseId) {
    RandomStream s = RandomStreams.stream(seed, "test.phantom.deformation", caseId);
    Vec3 setup = new Vec3(clip(3 * z(s), 8), clip(3 * z(s), 8), clip(3 * z(s), 8));
    Filling bladder = new Filling(new Vec3(0, -10, 12).plus(setup), new Vec3(0, -15, 40).plus(setup), 35,
        clip(0.08 * z(s), 0.15));
    Bump prostate = new Bump(new Vec3(0, 5, -5).plus(setup), 22,
        new Vec3(clip(2.5 * z(s), 6), clip(2.5 * z(s), 6), clip(2.5 * z(s), 6)));
    Bump rectum = new Bump(new Vec3(0, 42, 0).plus(setup), 16,
        new Vec3(clip(1.5 * z(s), 6), clip(3 * z(s), 6), clip(1.5 * z(s), 6)));
    return new Deformation(RigidTransform.translation(setup.times(-1)), bladder, new Bump[] {prostate, rectum});
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }

  private static double clip(double v, double m) {
    return Math.max(-m, Math.min(m, v));
  }

  /** Builds a case on {@code grid}: planning, day under {@code d}, CBCT with {@code cbct} (noise seeded). */
  static Case build(Grid3 grid, Deformation d, CbctModel cbct, long seed, int caseId) {
    Volume plan = new Volume(grid);
    Volume day = new Volume(grid);
    byte[] planLab = new byte[grid.size()];
    byte[] dayLab = new byte[grid.size()];
    VectorField truth = new VectorField(grid);
    double q = 0.25;
    IntStream.range(0, grid.nz()).parallel().forEach(k -> {
      double[] u = new double[3];
      for (int j = 0; j < grid.ny(); j++) {
        for (int i = 0; i < grid.nx(); i++) {
          int n = grid.index(i, j, k);
          double x = grid.x(i);
          double y = grid.y(j);
          double zc = grid.z(k);
          double sp = 0;
          double sd = 0;
          for (int s = 0; s < 8; s++) {
            double px = x + ((s & 1) == 0 ? -q : q) * grid.spacingXMm();
            double py = y + ((s & 2) == 0 ? -q : q) * grid.spacingYMm();
            double pz = zc + ((s & 4) == 0 ? -q : q) * grid.spacingZMm();
            sp += hu(px, py, pz);
            d.displacement(px, py, pz, u);
            sd += hu(px + u[0], py + u[1], pz + u[2]);
          }
          plan.data()[n] = (float) (sp / 8);
          day.data()[n] = (float) (sd / 8);
          planLab[n] = (byte) label(x, y, zc);
          d.displacement(x, y, zc, u);
          dayLab[n] = (byte) label(x + u[0], y + u[1], zc + u[2]);
          truth.ux()[n] = (float) u[0];
          truth.uy()[n] = (float) u[1];
          truth.uz()[n] = (float) u[2];
        }
      }
    });
    float[] det = Warp.jacobianDeterminant(truth);
    for (float v : det) {
      if (!(v > 0.2f)) {
        throw new IllegalStateException("phantom deformation folds or compresses too much: Jacobian " + v);
      }
    }
    Volume cb = new Volume(grid);
    boolean[] fov = new boolean[grid.size()];
    RandomStream noise = RandomStreams.stream(seed, "test.phantom.cbctNoise", caseId);
    for (int k = 0; k < grid.nz(); k++) {
      for (int j = 0; j < grid.ny(); j++) {
        for (int i = 0; i < grid.nx(); i++) {
          int n = grid.index(i, j, k);
          double rho = Math.hypot(grid.x(i), grid.y(j) - 10) / cbct.fovRadiusMm();
          boolean in = rho <= 1 && Math.abs(grid.z(k) - 5) <= cbct.fovHalfLengthMm();
          double e = cbct.noiseSdHu() > 0 ? cbct.noiseSdHu() * z(noise) : 0;
          fov[n] = in;
          cb.data()[n] = in
              ? (float) (cbct.gain() * day.data()[n] + cbct.offsetHu() - cbct.cuppingHu() * (1 - rho * rho) + e)
              : -1000f;
        }
      }
    }
    LabelMap pl = new LabelMap(grid, StructureNames.prostateTree(), planLab);
    LabelMap dl = new LabelMap(grid, StructureNames.prostateTree(), dayLab);
    return new Case(grid, plan, pl, day, dl, truth, cb, fov, d);
  }

  /** Edge softness of the tissue boundaries (logistic scale), mm: a CT point-spread of about 1.5 mm SD. */
  static final double EDGE_MM = 0.8;

  private static boolean ell(double x, double y, double z, double cx, double cy, double cz, double a, double b, double c) {
    double dx = (x - cx) / a;
    double dy = (y - cy) / b;
    double dz = (z - cz) / c;
    return dx * dx + dy * dy + dz * dz <= 1;
  }

  private static boolean cyl(double x, double y, double cx, double cy, double a, double b) {
    double dx = (x - cx) / a;
    double dy = (y - cy) / b;
    return dx * dx + dy * dy <= 1;
  }

  /** Soft membership of an ellipsoid: logistic in the approximate distance (mm) to its surface. */
  private static double sell(double x, double y, double z, double cx, double cy, double cz, double a, double b, double c) {
    double reach = 12 * EDGE_MM;
    if (Math.abs(x - cx) > a + reach || Math.abs(y - cy) > b + reach || Math.abs(z - cz) > c + reach) {
      return 0;
    }
    double dx = (x - cx) / a;
    double dy = (y - cy) / b;
    double dz = (z - cz) / c;
    double d = (Math.sqrt(dx * dx + dy * dy + dz * dz) - 1) * Math.min(a, Math.min(b, c));
    return soft(d);
  }

  private static double scyl(double x, double y, double cx, double cy, double a, double b) {
    double dx = (x - cx) / a;
    double dy = (y - cy) / b;
    double d = (Math.sqrt(dx * dx + dy * dy) - 1) * Math.min(a, b);
    return soft(d);
  }

  private static double soft(double dMm) {
    double t = dMm / EDGE_MM;
    return t > 12 ? 0 : (t < -12 ? 1 : 1 / (1 + Math.exp(t)));
  }

  private static double paint(double v, double membership, double hu) {
    return v + membership * (hu - v);
  }

  /** Tissue HU at a planning point: shapes painted in order with soft edges. */
  static double hu(double x, double y, double z) {
    double v = -1000;
    v = paint(v, scyl(x, y, 0, 10, 170, 110), -90); // subcutaneous fat
    v = paint(v, scyl(x, y, 0, 10, 155, 95), 40); // muscle
    v = paint(v, sell(x, y, z, 0, 10, 10, 65, 55, 90), -70); // pelvic fat
    v = paint(v, sell(x, y, z, 0, -15, 40, 42, 32, 30), 5); // bladder (urine)
    v = paint(v, scyl(x, y, 0, 42, 17, 14) * soft(-55 - z) * soft(z - 45), 40); // rectal wall
    v = paint(v, sell(x, y, z, 0, 43, 0, 8, 6, 22), -800); // rectal gas
    v = paint(v, Math.max(sell(x, y, z, 14, 25, 18, 14, 6, 8), sell(x, y, z, -14, 25, 18, 14, 6, 8)), 35); // seminal vesicles
    v = paint(v, sell(x, y, z, 0, 5, -5, 22, 17, 19), 50); // prostate
    v = paint(v, sell(x, y, z, 0, -55, -20, 35, 12, 20), 900); // pubic symphysis
    v = paint(v, sell(x, y, z, 0, -55, -20, 28, 7, 14), 250);
    for (int side = -1; side <= 1; side += 2) {
      v = paint(v, sell(x, y, z, side * 75, 20, 10, 18, 55, 60), 800); // ilium / ischium
      v = paint(v, sell(x, y, z, side * 75, 20, 10, 12, 47, 52), 250);
      v = paint(v, sell(x, y, z, side * 95, 5, -15, 24, 24, 24), 700); // femoral head
      v = paint(v, sell(x, y, z, side * 95, 5, -15, 17, 17, 17), 300);
    }
    v = paint(v, sell(x, y, z, 0, 90, 45, 45, 15, 50), 600); // sacrum
    v = paint(v, sell(x, y, z, 0, 90, 45, 38, 9, 43), 200);
    return v;
  }

  /** Structure label at a planning point (most specific structure). */
  static int label(double x, double y, double z) {
    if (!cyl(x, y, 0, 10, 170, 110)) {
      return 0;
    }
    int l = BODY;
    if (ell(x, y, z, 0, -15, 40, 42, 32, 30)) {
      l = BLADDER;
    }
    if (cyl(x, y, 0, 42, 17, 14) && z > -55 && z < 45) {
      l = RECTUM;
    }
    if (ell(x, y, z, 14, 25, 18, 14, 6, 8) || ell(x, y, z, -14, 25, 18, 14, 6, 8)) {
      l = SV;
    }
    if (ell(x, y, z, 0, 5, -5, 22, 17, 19)) {
      l = PROSTATE;
    }
    if (ell(x, y, z, 0, -55, -20, 35, 12, 20) || ell(x, y, z, 75, 20, 10, 18, 55, 60)
        || ell(x, y, z, -75, 20, 10, 18, 55, 60) || ell(x, y, z, 0, 90, 45, 45, 15, 50)) {
      l = BONE;
    }
    if (ell(x, y, z, 95, 5, -15, 24, 24, 24)) {
      l = FEMUR_L;
    }
    if (ell(x, y, z, -95, 5, -15, 24, 24, 24)) {
      l = FEMUR_R;
    }
    return l;
  }

  /** The deformable ROI of the tests: prostate, seminal vesicles, bladder and rectum plus 30 mm. */
  static RegionOfInterest roi(Case c) {
    return RegionOfInterest.ofStructures(c.planningLabels(), 30, StructureNames.PROSTATE,
        StructureNames.SEMINAL_VESICLES, StructureNames.BLADDER, StructureNames.RECTUM);
  }
}
