package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

/**
 * The TRUE correspondence between the planning anatomy and one day's anatomy, as a map of points.
 *
 * <p>In the forward direction (planning to day) the day's anatomy arises from four motions, each
 * the time-one flow of a smooth velocity field, composed in this order:
 * <ol>
 *   <li>prostate: the CTV (prostate and proximal seminal vesicles) rotates about the left-right
 *       axis through the planning prostate centroid by {@code prostateRotationDeg} and translates
 *       by {@code prostateMm} (relative to bone); the velocity is the rigid motion's, times a
 *       weight that is 1 on the CTV and its margin and fades smoothly into the surrounding tissue
 *       (which drags the bladder base and the anterior rectal wall along);
 *   <li>bladder filling: an anisotropic scaling about an anchor at the bladder outlet (which moved
 *       with the prostate), shifted towards the posterior wall so that the bladder fills
 *       anteriorly and superiorly; its log volume change is shared between the axes; it fades
 *       outside the bladder (slowly above it: bowel is pushed along), vanishes near the day's CTV
 *       and slides along the rectum without deforming it;
 *   <li>rectal filling: each axial cross-section of the rectum scales about its most anterior
 *       point, fading outside the rectum, near the CTV and near the day's bladder;
 *   <li>setup: the whole patient translates by {@code setupMm} in the room (isocentre fixed).
 * </ol>
 * The filling rates are chosen so that the organs reach the drawn volumes: the volume change that
 * the prostate motion drags along is measured on a lattice first. Bone is rigid: every soft-tissue
 * velocity is multiplied by a mobility that is 0 at bone (and within the bone distance map's
 * interpolation error of it) and 1 beyond {@code boneClearanceMm}. Each organ's weight is
 * evaluated in that organ's own moving frame (at the point pulled back by the organ's motion at
 * time tau), so an organ is carried exactly by its motion wherever its weight is 1: the CTV moves
 * exactly rigidly, the bladder and rectum scale exactly away from the constraints. The flow of a
 * smooth, bounded velocity field is a diffeomorphism (e.g. Younes, <i>Shapes and
 * Diffeomorphisms</i>, 2010, ch. 7); it is integrated with the classical 4th-order Runge-Kutta
 * method, with as many steps as each day's flow needs to keep each step a small perturbation of
 * the identity (velocity Lipschitz constant times step at most 0.6, measured on a lattice).
 *
 * <p>Evaluation: the composed organ motion is integrated exactly at the nodes of a control
 * lattice ({@code controlSpacingMm}, default 8 mm) and interpolated trilinearly between them,
 * except on the day's CTV and its rigid margin, where it is integrated exactly at every point (so
 * the CTV moves exactly rigidly), blending smoothly over half a lattice spacing; near bone the
 * motion fades to exactly zero over half a lattice spacing. The map is therefore continuous and
 * piecewise smooth (its Jacobian may jump across lattice cell faces), and invertible.
 *
 * <p>{@link #toPlanning} is the backward (pull) map of {@link org.twinsim.model.geometry.VectorField}:
 * day point p -> planning point p + u(p). Thread-safe.
 */
public final class DailyDeformation {
  private static final int PROSTATE = 0;
  private static final int BLADDER = 1;
  private static final int RECTUM = 2;
  /** The bladder's filling motion fades this many times more slowly above the bladder (bowel is pushed along). */
  static final double BLADDER_SUPERIOR_BLEND_FACTOR = 2.0;
  /**
   * Bone clearance of the bladder's filling motion relative to {@code boneClearanceMm}: the bowel
   * that a filling bladder pushes slides along the sacrum and iliac bones over a wider layer.
   */
  static final double BLADDER_BONE_CLEARANCE_FACTOR = 2.5;
  /** Fraction of the way from the outlet to the bladder's posterior wall where the AP filling is anchored. */
  static final double BLADDER_POSTERIOR_ANCHOR = 0.6;
  /** The rectum, as bowel, continues this far beyond its delineated ends for the bladder's exclusion, mm. */
  static final double RECTUM_CONTINUATION_MM = 30;
  /** Width of the box taper that bounds each weight's support, as a fraction of its blend distance. */
  private static final double TAPER_FRACTION = 0.3;
  /** Largest Lipschitz constant of the velocity times the step (keeps each RK4 step invertible). */
  private static final double MAX_STEP_LIPSCHITZ = 0.6;
  private static final int MAX_STEPS = 32;

  private final PelvisPhantom ph;
  private final DailyAnatomySpec spec;
  private final FractionMotion motion;
  private final Grid3 boneGrid;
  private final float[] boneDist;
  private final GridSampler boneSampler;
  private final double immobileMm;
  private final Flow[] flows = new Flow[3];

  private final double sx;
  private final double sy;
  private final double sz;
  // prostate: rotation centre c, translation t, angle theta (rad)
  private final double cx;
  private final double cy;
  private final double cz;
  private final double tx;
  private final double ty;
  private final double tz;
  private final double theta;
  private final double cosT;
  private final double sinT;
  private final Box ctvReach;
  private final Box exclReach;
  private final org.twinsim.model.geometry.Volume prostateOnly;
  private final Grid3 lattice;
  private final GridSampler latticeSampler;
  private final Box latticeBox;
  private final float[] nodeUx;
  private final float[] nodeUy;
  private final float[] nodeUz;
  private final Box protectReach;
  private final double bladderAfterProstateMl;
  private final double rectumAfterProstateMl;
  private final Box rectumExclReach;
  private final Box bladderExclReach;
  // bladder: anchor a, rates l
  private final double ax;
  private final double ay;
  private final double az;
  private final double lx;
  private final double ly;
  private final double lz;
  private final Box bladderReach;
  private final double[] leverLo = new double[3];
  private final double[] leverHi = new double[3];
  // rectum: rate
  private final double lr;
  private final Box rectumReach;

  /** Per flow: support box, number of RK4 steps, and per half-step tables. */
  private static final class Flow {
    Box support;
    int steps;
    double dTau;
    double[] a; // prostate: cos(tau theta); bladder: exp(-tau lx); rectum: exp(-tau lr)
    double[] b; // prostate: sin(tau theta); bladder: exp(-tau ly)
    double[] c; // bladder: exp(-tau lz)
  }

  /**
   * The deformation of one day.
   *
   * @param patient the patient (its implicit anatomy and bone map are used)
   * @param motion the day's drawn motion and filling (used as given)
   * @param spec how motion and filling spread into the tissue
   */
  public DailyDeformation(VirtualPatient patient, FractionMotion motion, DailyAnatomySpec spec) {
    this.ph = patient.anatomy();
    this.spec = spec;
    this.motion = motion;
    Volume bd = patient.boneDistance();
    this.boneGrid = bd.grid();
    this.boneDist = bd.data();
    this.boneSampler = new GridSampler(bd.grid());
    this.immobileMm = patient.boneImmobileMm();
    if (!(motion.bladderVolumeMl() > 0) || !(motion.rectumVolumeMl() > 0)) {
      throw new IllegalArgumentException("fraction " + motion.fraction() + ": organ volumes must be positive, got bladder "
          + motion.bladderVolumeMl() + " mL, rectum " + motion.rectumVolumeMl() + " mL");
    }
    sx = motion.setupMm().x();
    sy = motion.setupMm().y();
    sz = motion.setupMm().z();
    // rotation centre: the planning prostate centroid, which the generator put at the isocentre
    cx = 0;
    cy = 0;
    cz = 0;
    tx = motion.prostateMm().x();
    ty = motion.prostateMm().y();
    tz = motion.prostateMm().z();
    theta = Math.toRadians(motion.prostateRotationDeg());
    cosT = Math.cos(theta);
    sinT = Math.sin(theta);
    double e = spec.organExclusionMm();
    exclReach = ph.ctvBox.grow(1 + e);
    Box rb = ph.rectum.box.grow(1 + e);
    double ew = BLADDER_BONE_CLEARANCE_FACTOR * e;
    rectumExclReach = new Box(rb.x0() - ew, rb.y0() - ew, rb.z0() - RECTUM_CONTINUATION_MM,
        rb.x1() + ew, rb.y1() + 30 + ew, rb.z1() + RECTUM_CONTINUATION_MM);
    bladderExclReach = ph.bladder.box.grow(1 + e);

    // --- prostate
    double mP = spec.prostateMarginMm();
    double bP = spec.prostateBlendMm();
    ctvReach = ph.ctvBox.grow(mP + bP);
    Box pPlan = ctvReach.grow(TAPER_FRACTION * bP);
    double tNorm = Math.sqrt(tx * tx + ty * ty + tz * tz);
    double rP = pPlan.maxDistanceFrom(cx, cy, cz);
    Flow fp = new Flow();
    fp.support = pPlan.grow(tNorm + Math.abs(theta) * rP + 1);
    flows[PROSTATE] = fp;
    tables(PROSTATE, 1);
    tables(PROSTATE, steps(lipschitz(PROSTATE), spec.flowSteps()));

    // --- bladder: anchor = outlet after the prostate motion
    // anchor: the outlet after the prostate motion, moved part of the way towards the bladder's
    // posterior wall along y, so that the bladder fills mostly anteriorly (the seminal vesicles and
    // rectum lie behind it)
    double[] a = rigid(ph.neckX, ph.neckY, ph.neckZ);
    ax = a[0];
    ay = a[1] + BLADDER_POSTERIOR_ANCHOR * Math.max(0, ph.bladder.box.y1() - ph.neckY);
    az = a[2];
    prostateOnly = nodeMagnitudes(PROSTATE);
    // the prostate's motion drags the bladder base and the anterior rectal wall along: measure the
    // organ volumes after it, so that the fillings reach the drawn volumes exactly
    double[] afterP = volumesAfterProstate(patient.motion().bladderPlanningMl(), patient.motion().rectumPlanningMl());
    bladderAfterProstateMl = afterP[0];
    rectumAfterProstateMl = afterP[1];
    double logV = Math.log(motion.bladderVolumeMl() / bladderAfterProstateMl);
    lx = spec.bladderShareLr() * logV;
    ly = spec.bladderShareAp() * logV;
    lz = spec.bladderShareSi() * logV;
    double mB = spec.bladderMarginMm();
    double bB = spec.bladderBlendMm();
    Box bb = ph.bladder.box;
    double up = (BLADDER_SUPERIOR_BLEND_FACTOR - 1) * bB;
    bladderReach = new Box(bb.x0() - mB - bB, bb.y0() - mB - bB, bb.z0() - mB - bB,
        bb.x1() + mB + bB, bb.y1() + mB + bB, bb.z1() + mB + bB + up);
    Box bPlan = bladderReach.grow(TAPER_FRACTION * bB);
    // lever limits: the bladder (with its margin) at its largest over the day's filling, relative to the anchor
    double[] anchor = {ax, ay, az};
    double[] lo = {bb.x0() - mB, bb.y0() - mB, bb.z0() - mB};
    double[] hi = {bb.x1() + mB, bb.y1() + mB, bb.z1() + mB};
    double[] rates = {lx, ly, lz};
    for (int i = 0; i < 3; i++) {
      double grow = Math.exp(Math.max(0, rates[i]));
      leverLo[i] = Math.min(-1, (lo[i] - anchor[i]) * grow);
      leverHi[i] = Math.max(1, (hi[i] - anchor[i]) * grow);
    }
    Flow fb = new Flow();
    fb.support = bPlan.union(scaled(bPlan, ax, ay, az, Math.exp(lx), Math.exp(ly), Math.exp(lz))).grow(1);
    flows[BLADDER] = fb;
    tables(BLADDER, 1);
    tables(BLADDER, steps(lipschitz(BLADDER), spec.flowSteps()));

    // --- rectum
    lr = 0.5 * Math.log(motion.rectumVolumeMl() / rectumAfterProstateMl);
    double mR = spec.rectumMarginMm();
    double bR = spec.rectumBlendMm();
    rectumReach = ph.rectum.box.grow(mR + bR);
    Box rPlan = rectumReach.grow(TAPER_FRACTION * bR);
    // axial planes scale about (0, anchorY(z)) and z does not move: grow x and y only
    double ext = Math.max(Math.max(-rPlan.x0(), rPlan.x1()), rPlan.y1() - rPlan.y0());
    double grow = Math.abs(Math.exp(lr) - 1) * ext + 1;
    Flow fr = new Flow();
    fr.support = new Box(rPlan.x0() - grow, rPlan.y0() - grow, rPlan.z0(), rPlan.x1() + grow, rPlan.y1() + grow, rPlan.z1());
    flows[RECTUM] = fr;
    tables(RECTUM, 1);
    tables(RECTUM, steps(lipschitz(RECTUM), spec.flowSteps()));

    // control lattice of the composed organ motion (patient frame, setup excluded)
    Box u = fp.support.union(fb.support).union(fr.support);
    double hc = spec.controlSpacingMm();
    int nx = (int) Math.ceil((u.x1() - u.x0()) / hc) + 1;
    int ny = (int) Math.ceil((u.y1() - u.y0()) / hc) + 1;
    int nz = (int) Math.ceil((u.z1() - u.z0()) / hc) + 1;
    lattice = new Grid3(nx, ny, nz, hc, hc, hc, u.x0(), u.y0(), u.z0());
    latticeBox = new Box(u.x0(), u.y0(), u.z0(), u.x0() + (nx - 1) * hc, u.y0() + (ny - 1) * hc,
        u.z0() + (nz - 1) * hc);
    int nn = lattice.size();
    float[] nux = new float[nn];
    float[] nuy = new float[nn];
    float[] nuz = new float[nn];
    Grid3 lat = lattice;
    java.util.stream.IntStream.range(0, nz).parallel().forEach(k -> {
      double[] q = new double[3];
      double[] w = new double[15];
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          double x = lat.x(i);
          double y = lat.y(j);
          double z = lat.z(k);
          q[0] = x;
          q[1] = y;
          q[2] = z;
          exactOrgans(q, w);
          int n = lat.index(i, j, k);
          nux[n] = (float) (q[0] - x);
          nuy[n] = (float) (q[1] - y);
          nuz[n] = (float) (q[2] - z);
        }
      }
    });
    nodeUx = nux;
    nodeUy = nuy;
    nodeUz = nuz;
    protectReach = ph.ctvBox.grow(spec.prostateMarginMm() + 0.5 * hc);
    latticeSampler = new GridSampler(lattice);
  }

  /** Spacing of the lattice that measures organ volumes after the prostate motion, mm. */
  private static final double VOLUME_LATTICE_MM = 2.5;

  /**
   * Bladder and rectum volumes (as delineated: overlaps resolved by the label priorities) after
   * the prostate flow alone, mL: the planning volumes plus, on a 2.5 mm lattice over the prostate
   * flow's support, the count of lattice points whose label changes under the flow (only points
   * within the flow's largest displacement of an organ surface can change).
   */
  private double[] volumesAfterProstate(double bladderMl, double rectumMl) {
    Box sup = flows[PROSTATE].support;
    double tNorm = Math.sqrt(tx * tx + ty * ty + tz * tz);
    double h = VOLUME_LATTICE_MM;
    int nz = (int) Math.ceil((sup.z1() - sup.z0()) / h);
    long[][] perPlane = new long[nz][2];
    java.util.stream.IntStream.range(0, nz).parallel().forEach(k -> {
      double z = sup.z0() + (k + 0.5) * h;
      double[] q = new double[3];
      double[] w = new double[15];
      long db = 0;
      long dr = 0;
      for (double y = sup.y0() + 0.5 * h; y < sup.y1(); y += h) {
        for (double x = sup.x0() + 0.5 * h; x < sup.x1(); x += h) {
          float moved = Trilinear.sample(prostateOnly.data(), prostateOnly.grid(), prostateOnly.grid().fi(x),
              prostateOnly.grid().fj(y), prostateOnly.grid().fk(z), 0f);
          if (moved < 0.01f) {
            continue;
          }
          double reach = moved + 1.0 + h;
          boolean nearB = ph.bladder.box.grow(reach).contains(x, y, z) && Math.abs(ph.bladder.distance(x, y, z)) <= reach;
          boolean nearR = ph.rectum.box.grow(reach).contains(x, y, z) && Math.abs(ph.rectum.distance(x, y, z)) <= reach;
          if (!nearB && !nearR) {
            continue;
          }
          q[0] = x;
          q[1] = y;
          q[2] = z;
          integrate(PROSTATE, q, true, w);
          int before = ph.label(x, y, z);
          int after = ph.label(q[0], q[1], q[2]);
          db += (isBladder(after) ? 1 : 0) - (isBladder(before) ? 1 : 0);
          dr += (isRectum(after) ? 1 : 0) - (isRectum(before) ? 1 : 0);
        }
      }
      perPlane[k][0] = db;
      perPlane[k][1] = dr;
    });
    long db = 0;
    long dr = 0;
    for (long[] c : perPlane) {
      db += c[0];
      dr += c[1];
    }
    double cc = h * h * h * 1e-3;
    return new double[] {Math.max(0.2 * bladderMl, bladderMl + db * cc), Math.max(0.2 * rectumMl, rectumMl + dr * cc)};
  }

  /**
   * Displacement magnitudes (mm) of one flow alone at the nodes of a control lattice over its
   * support: used to skip points that the flow does not move.
   */
  private org.twinsim.model.geometry.Volume nodeMagnitudes(int kind) {
    Box u = flows[kind].support;
    double hc = spec.controlSpacingMm();
    int nx = (int) Math.ceil((u.x1() - u.x0()) / hc) + 1;
    int ny = (int) Math.ceil((u.y1() - u.y0()) / hc) + 1;
    int nz = (int) Math.ceil((u.z1() - u.z0()) / hc) + 1;
    Grid3 g = new Grid3(nx, ny, nz, hc, hc, hc, u.x0(), u.y0(), u.z0());
    float[] mag = new float[g.size()];
    java.util.stream.IntStream.range(0, nz).parallel().forEach(k -> {
      double[] q = new double[3];
      double[] w = new double[15];
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          q[0] = g.x(i);
          q[1] = g.y(j);
          q[2] = g.z(k);
          integrate(kind, q, true, w);
          mag[g.index(i, j, k)] = (float) Math.sqrt(sq(q[0] - g.x(i)) + sq(q[1] - g.y(j)) + sq(q[2] - g.z(k)));
        }
      }
    });
    // a node's value stands for its cell: take the largest of each node's neighbours
    float[] out = mag.clone();
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          float m = 0;
          for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
              for (int di = -1; di <= 1; di++) {
                if (g.containsIndex(i + di, j + dj, k + dk)) {
                  m = Math.max(m, mag[g.index(i + di, j + dj, k + dk)]);
                }
              }
            }
          }
          out[g.index(i, j, k)] = m;
        }
      }
    }
    return new org.twinsim.model.geometry.Volume(g, out);
  }

  private static boolean isBladder(int label) {
    return label == PelvisPhantom.BLADDER || label == PelvisPhantom.BLADDER_NECK;
  }

  private static boolean isRectum(int label) {
    return label == PelvisPhantom.RECTUM || label == PelvisPhantom.RECTAL_WALL;
  }

  private static double sq(double v) {
    return v * v;
  }

  private static int steps(double lipschitz, int min) {
    return Math.max(min, Math.min(MAX_STEPS, (int) Math.ceil(lipschitz / MAX_STEP_LIPSCHITZ)));
  }

  /** Fills the per-half-step tables of flow {@code kind} for {@code steps} RK4 steps. */
  private void tables(int kind, int steps) {
    Flow f = flows[kind];
    f.steps = steps;
    f.dTau = 1.0 / (2 * steps);
    int n = 2 * steps + 1;
    f.a = new double[n];
    f.b = new double[n];
    f.c = new double[n];
    for (int j = 0; j < n; j++) {
      double tau = j * f.dTau;
      switch (kind) {
        case PROSTATE -> {
          f.a[j] = Math.cos(tau * theta);
          f.b[j] = Math.sin(tau * theta);
        }
        case BLADDER -> {
          f.a[j] = Math.exp(-tau * lx);
          f.b[j] = Math.exp(-tau * ly);
          f.c[j] = Math.exp(-tau * lz);
        }
        default -> f.a[j] = Math.exp(-tau * lr);
      }
    }
  }

  /**
   * An estimate of the largest spatial Lipschitz constant of flow {@code kind}'s velocity over
   * tau in [0, 1]: the Frobenius norm (an upper bound of the spectral norm) of its Jacobian by
   * forward differences (1.5 mm) on a lattice (about 5000 points) over the flow's support, at
   * tau = 0 and 1.
   */
  private double lipschitz(int kind) {
    Flow fl = flows[kind];
    Box b = fl.support;
    double h = Math.max(6.0, Math.cbrt((b.x1() - b.x0()) * (b.y1() - b.y0()) * (b.z1() - b.z0()) / 5000.0));
    double d = 1.5;
    double[] o = new double[12];
    double max = 0;
    for (int j = 0; j <= 2; j += 2) {
      for (double z = b.z0() + 0.5 * h; z < b.z1(); z += h) {
        for (double y = b.y0() + 0.5 * h; y < b.y1(); y += h) {
          for (double x = b.x0() + 0.5 * h; x < b.x1(); x += h) {
            velocity(kind, fl, x, y, z, j, o, 0);
            velocity(kind, fl, x + d, y, z, j, o, 3);
            velocity(kind, fl, x, y + d, z, j, o, 6);
            velocity(kind, fl, x, y, z + d, j, o, 9);
            double f2 = 0;
            for (int c = 0; c < 3; c++) {
              for (int ax3 = 1; ax3 <= 3; ax3++) {
                double g = (o[3 * ax3 + c] - o[c]) / d;
                f2 += g * g;
              }
            }
            max = Math.max(max, f2);
          }
        }
      }
    }
    return Math.sqrt(max);
  }

  /** The day's drawn motion this deformation realises. */
  public FractionMotion motion() {
    return motion;
  }

  /** Where the planning prostate centroid is on this day, room coordinates, mm. */
  public Vec3 prostateCentroidMm() {
    return new Vec3(cx + tx + sx, cy + ty + sy, cz + tz + sz);
  }

  /** Runge-Kutta steps used for the prostate, bladder and rectum flows of this day. */
  public int[] flowSteps() {
    return new int[] {flows[PROSTATE].steps, flows[BLADDER].steps, flows[RECTUM].steps};
  }

  /**
   * The planning point that the day's point (x, y, z) (room coordinates, mm) came from, written
   * into {@code out} (length >= 3; modified).
   */
  public void toPlanning(double x, double y, double z, double[] out) {
    toPlanning(x, y, z, out, new double[15]);
  }

  /**
   * The day's point (room coordinates, mm) that the planning point (x, y, z) moved to, written
   * into {@code out} (length >= 3; modified): the inverse of {@link #toPlanning}, found from the
   * exact forward flows and refined by fixed-point iteration on {@code toPlanning} until the
   * residual is below 0.001 mm (at most 20 iterations).
   */
  public void toDay(double x, double y, double z, double[] out) {
    double[] w = new double[15];
    out[0] = x;
    out[1] = y;
    out[2] = z;
    for (int kind = PROSTATE; kind <= RECTUM; kind++) {
      if (flows[kind].support.contains(out[0], out[1], out[2])) {
        integrate(kind, out, false, w);
      }
    }
    out[0] += sx;
    out[1] += sy;
    out[2] += sz;
    double[] q = new double[3];
    for (int it = 0; it < 20; it++) {
      toPlanning(out[0], out[1], out[2], q, w);
      double rx = q[0] - x;
      double ry = q[1] - y;
      double rz = q[2] - z;
      out[0] -= rx;
      out[1] -= ry;
      out[2] -= rz;
      if (rx * rx + ry * ry + rz * rz < 1e-6) {
        break;
      }
    }
  }

  /** As {@link #toPlanning(double, double, double, double[])} with caller-owned scratch (length >= 15). */
  void toPlanning(double x, double y, double z, double[] out, double[] scratch) {
    double qx = x - sx;
    double qy = y - sy;
    double qz = z - sz;
    out[0] = qx;
    out[1] = qy;
    out[2] = qz;
    if (!latticeBox.contains(qx, qy, qz)) {
      return;
    }
    // at and near bone the tissue is held still: fade the organ motion to exactly nothing
    double still = Smooth.plateau(boneDistance(qx, qy, qz), immobileMm, 0.5 * spec.controlSpacingMm());
    if (still >= 1) {
      return;
    }
    double sigma = ctvProtection(qx, qy, qz);
    if (sigma >= 1) {
      exactOrgans(out, scratch);
    } else {
      double ix = qx;
      double iy = qy;
      double iz = qz;
      if (latticeSampler.sample3(nodeUx, nodeUy, nodeUz, qx, qy, qz, scratch)) {
        ix += scratch[0];
        iy += scratch[1];
        iz += scratch[2];
      }
      if (sigma <= 0) {
        out[0] = ix;
        out[1] = iy;
        out[2] = iz;
      } else {
        exactOrgans(out, scratch);
        out[0] = sigma * out[0] + (1 - sigma) * ix;
        out[1] = sigma * out[1] + (1 - sigma) * iy;
        out[2] = sigma * out[2] + (1 - sigma) * iz;
      }
    }
    if (still > 0) {
      out[0] = still * qx + (1 - still) * out[0];
      out[1] = still * qy + (1 - still) * out[1];
      out[2] = still * qz + (1 - still) * out[2];
    }
  }

  /** The exact composed organ flows (rectum, bladder, prostate, backward), in place on q (patient frame). */
  private void exactOrgans(double[] q, double[] scratch) {
    for (int kind = RECTUM; kind >= PROSTATE; kind--) {
      if (flows[kind].support.contains(q[0], q[1], q[2])) {
        integrate(kind, q, true, scratch);
      }
    }
  }

  /**
   * Weight of the exact map against the control-lattice interpolation at a day point (patient
   * frame): 1 on the day's CTV and its rigid margin (so the CTV moves exactly rigidly), 0 from half
   * a lattice spacing beyond, smooth in between. (Near bone the motion is faded to zero instead,
   * in {@code toPlanning}, so that bone is exactly rigid.)
   */
  private double ctvProtection(double x, double y, double z) {
    double qx = x - cx - tx;
    double qy = y - cy - ty;
    double qz = z - cz - tz;
    double px = cx + qx;
    double py = cy + qy * cosT - qz * sinT;
    double pz = cz + qy * sinT + qz * cosT;
    if (!protectReach.contains(px, py, pz)) {
      return 0;
    }
    return Smooth.plateau(ph.ctvDistance(px, py, pz), spec.prostateMarginMm(), 0.5 * spec.controlSpacingMm());
  }

  /** RK4 over tau in [0, 1] (backward: from 1 to 0), in place on p; w is scratch of length >= 15. */
  private void integrate(int kind, double[] p, boolean backward, double[] w) {
    Flow fl = flows[kind];
    int steps = fl.steps;
    double h = 1.0 / steps;
    double sgn = backward ? -1 : 1;
    for (int s = 0; s < steps; s++) {
      int j0 = backward ? 2 * (steps - s) : 2 * s;
      int j1 = backward ? j0 - 1 : j0 + 1;
      int j2 = backward ? j0 - 2 : j0 + 2;
      double x = p[0];
      double y = p[1];
      double z = p[2];
      velocity(kind, fl, x, y, z, j0, w, 3);
      double hh = 0.5 * h * sgn;
      velocity(kind, fl, x + hh * w[3], y + hh * w[4], z + hh * w[5], j1, w, 6);
      velocity(kind, fl, x + hh * w[6], y + hh * w[7], z + hh * w[8], j1, w, 9);
      double hf = h * sgn;
      velocity(kind, fl, x + hf * w[9], y + hf * w[10], z + hf * w[11], j2, w, 12);
      double f = h * sgn / 6;
      p[0] = x + f * (w[3] + 2 * w[6] + 2 * w[9] + w[12]);
      p[1] = y + f * (w[4] + 2 * w[7] + 2 * w[10] + w[13]);
      p[2] = z + f * (w[5] + 2 * w[8] + 2 * w[11] + w[14]);
    }
  }

  /** Velocity of flow {@code kind} at point (x,y,z) and time tau = j dTau, into o[off..off+2]. */
  private void velocity(int kind, Flow fl, double x, double y, double z, int j, double[] o, int off) {
    o[off] = 0;
    o[off + 1] = 0;
    o[off + 2] = 0;
    switch (kind) {
      case PROSTATE -> {
        double tau = j * fl.dTau;
        double qx = x - cx - tau * tx;
        double qy = y - cy - tau * ty;
        double qz = z - cz - tau * tz;
        double co = fl.a[j];
        double si = fl.b[j];
        // planning point: c + R(-tau theta) q
        double px = cx + qx;
        double py = cy + qy * co - qz * si;
        double pz = cz + qy * si + qz * co;
        double bP = spec.prostateBlendMm();
        double t = boxTaper(ctvReach, px, py, pz, TAPER_FRACTION * bP);
        if (t <= 0) {
          return;
        }
        double mob = mobility(x, y, z, spec.boneClearanceMm());
        if (mob <= 0) {
          return;
        }
        double w = t * Smooth.plateau(ph.ctvDistance(px, py, pz), spec.prostateMarginMm(), bP);
        if (w <= 0) {
          return;
        }
        double f = w * mob;
        o[off] = f * tx;
        o[off + 1] = f * (ty + theta * qz);
        o[off + 2] = f * (tz - theta * qy);
      }
      case BLADDER -> {
        double px = ax + fl.a[j] * (x - ax);
        double py = ay + fl.b[j] * (y - ay);
        double pz = az + fl.c[j] * (z - az);
        double bB = spec.bladderBlendMm();
        double t = boxTaper(bladderReach, px, py, pz, TAPER_FRACTION * bB);
        if (t <= 0) {
          return;
        }
        Ellipsoid bl = ph.bladder;
        double blend = bB * (1 + (BLADDER_SUPERIOR_BLEND_FACTOR - 1) * Smooth.step((pz - bl.cz) / bl.c));
        double w = t * Smooth.plateau(bl.distance(px, py, pz), spec.bladderMarginMm(), blend);
        if (w <= 0) {
          return;
        }
        double f = w * exclusion(x, y, z);
        if (f <= 0) {
          return;
        }
        f *= rectumExclusion(x, y, z);
        if (f <= 0) {
          return;
        }
        f *= mobility(x, y, z, BLADDER_BONE_CLEARANCE_FACTOR * spec.boneClearanceMm());
        // the lever arm saturates beyond the bladder: tissue outside moves at most as the wall next to it
        o[off] = f * lx * softClamp(x - ax, leverLo[0], leverHi[0]);
        o[off + 1] = f * ly * softClamp(y - ay, leverLo[1], leverHi[1]);
        o[off + 2] = f * lz * softClamp(z - az, leverLo[2], leverHi[2]);
      }
      default -> {
        if (lr == 0) {
          return;
        }
        RectumShape r = ph.rectum;
        double ya = r.anchorY(z);
        double k = fl.a[j];
        double px = k * x;
        double py = ya + k * (y - ya);
        double bR = spec.rectumBlendMm();
        double t = boxTaper(rectumReach, px, py, z, TAPER_FRACTION * bR);
        if (t <= 0) {
          return;
        }
        double w = t * Smooth.plateau(r.distance(px, py, z), spec.rectumMarginMm(), bR);
        if (w <= 0) {
          return;
        }
        double f = w * exclusion(x, y, z);
        if (f <= 0) {
          return;
        }
        f *= bladderExclusion(x, y, z);
        if (f <= 0) {
          return;
        }
        f *= mobility(x, y, z, spec.boneClearanceMm()) * lr;
        o[off] = f * x;
        o[off + 1] = f * (y - ya);
      }
    }
  }

  /**
   * {@code d} within [lo, hi]; beyond, a C1 saturation that approaches the limit plus 10 mm:
   * identity where an organ's lever arm must be exact, bounded outside.
   */
  static double softClamp(double d, double lo, double hi) {
    final double s = 10.0;
    if (d > hi) {
      return hi + s * (1 - Math.exp(-(d - hi) / s));
    }
    if (d < lo) {
      return lo - s * (1 - Math.exp((d - lo) / s));
    }
    return d;
  }

  /** 1 far from the day's CTV, 0 within 1 mm of it, smooth in between. */
  private double exclusion(double x, double y, double z) {
    // day point -> planning frame of the rigidly moved CTV: c + R(-theta)(p - c - t)
    double qx = x - cx - tx;
    double qy = y - cy - ty;
    double qz = z - cz - tz;
    double px = cx + qx;
    double py = cy + qy * cosT - qz * sinT;
    double pz = cz + qy * sinT + qz * cosT;
    double e = spec.organExclusionMm();
    double t = boxTaper(exclReach, px, py, pz, e);
    if (t <= 0) {
      return 1;
    }
    return 1 - t * Smooth.plateau(ph.ctvDistance(px, py, pz), 1, e);
  }

  /**
   * 1 far from the rectum, 0 within 1 mm of it, smooth in between: the bladder's filling does not
   * deform the rectum (whose volume is its own filling). The rectum is taken at its shape when the
   * bladder fills (before the rectal filling, which comes later), and as the bowel it is, continued
   * beyond the ends of its delineation (fading out over {@value #RECTUM_CONTINUATION_MM} mm): the
   * bladder's push slides along it instead of stretching the tissue above a blunt end. The sliding
   * layer is as wide as the bladder's bone clearance, so that even a bladder emptying to a third
   * of its volume shears the tissue behind it over more than its displacement.
   */
  private double rectumExclusion(double x, double y, double z) {
    double e = BLADDER_BONE_CLEARANCE_FACTOR * spec.organExclusionMm();
    double t = boxTaper(rectumExclReach, x, y, z, e);
    if (t <= 0) {
      return 1;
    }
    // the continuation beyond the delineated ends fades out over 30 mm
    RectumShape r = ph.rectum;
    double beyond = Math.max(r.zLo - z, z - r.zHi);
    double hold = Smooth.plateau(beyond, 0, RECTUM_CONTINUATION_MM);
    if (hold <= 0) {
      return 1;
    }
    return 1 - t * hold * Smooth.plateau(r.tubeDistance(x, y, z), 1, e);
  }

  /**
   * 1 far from the day's bladder, 0 within 1 mm of it, smooth in between: rectal filling does not
   * deform the bladder. The bladder is taken at its filled shape (its filling came first).
   */
  private double bladderExclusion(double x, double y, double z) {
    Flow fb = flows[BLADDER];
    int last = fb.a.length - 1;
    double px = ax + fb.a[last] * (x - ax);
    double py = ay + fb.b[last] * (y - ay);
    double pz = az + fb.c[last] * (z - az);
    double e = spec.organExclusionMm();
    double t = boxTaper(bladderExclReach, px, py, pz, e);
    if (t <= 0) {
      return 1;
    }
    return 1 - t * Smooth.plateau(ph.bladder.distance(px, py, pz), 1, e);
  }

  /** Product over axes of plateau(distance outside the box along that axis; 0, width). */
  private static double boxTaper(Box b, double x, double y, double z, double width) {
    double ox = Math.max(0, Math.max(b.x0() - x, x - b.x1()));
    double oy = Math.max(0, Math.max(b.y0() - y, y - b.y1()));
    double oz = Math.max(0, Math.max(b.z0() - z, z - b.z1()));
    if (ox >= width || oy >= width || oz >= width) {
      return 0;
    }
    if (ox == 0 && oy == 0 && oz == 0) {
      return 1;
    }
    return Smooth.plateau(ox, 0, width) * Smooth.plateau(oy, 0, width) * Smooth.plateau(oz, 0, width);
  }

  /** 0 at bone, 1 beyond the clearance, from the patient's bone distance map. */
  private double mobility(double x, double y, double z, double clearanceMm) {
    float d = boneSampler.sample(boneDist, x, y, z, Float.POSITIVE_INFINITY);
    return Smooth.step((d - immobileMm) / clearanceMm);
  }

  /** Interpolated distance to bone, mm (+infinity beyond the bone map). */
  private double boneDistance(double x, double y, double z) {
    return boneSampler.sample(boneDist, x, y, z, Float.POSITIVE_INFINITY);
  }

  /** The rigid prostate motion of a planning point (patient frame, no setup). */
  private double[] rigid(double x, double y, double z) {
    double qx = x - cx;
    double qy = y - cy;
    double qz = z - cz;
    // R(theta): y' = y cos + z sin, z' = -y sin + z cos
    return new double[] {cx + qx + tx, cy + qy * cosT + qz * sinT + ty, cz - qy * sinT + qz * cosT + tz};
  }

  private static Box scaled(Box b, double ax, double ay, double az, double fx, double fy, double fz) {
    double x0 = ax + fx * (b.x0() - ax);
    double x1 = ax + fx * (b.x1() - ax);
    double y0 = ay + fy * (b.y0() - ay);
    double y1 = ay + fy * (b.y1() - ay);
    double z0 = az + fz * (b.z0() - az);
    double z1 = az + fz * (b.z1() - az);
    return new Box(Math.min(x0, x1), Math.min(y0, y1), Math.min(z0, z1),
        Math.max(x0, x1), Math.max(y0, y1), Math.max(z0, z1));
  }
}
