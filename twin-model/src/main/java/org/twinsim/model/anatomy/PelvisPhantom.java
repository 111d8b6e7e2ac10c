package org.twinsim.model.anatomy;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Vec3;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * The implicit (continuous) anatomy of one virtual prostate patient at planning: smooth shapes for
 * the body outline, subcutaneous fat, pelvic and abdominal cavities, muscles, pelvic bones with
 * femora, prostate with urethra, proximal seminal vesicles, bladder with bladder neck and rectum
 * with rectal wall. Everything is a function of a patient position (mm, DICOM axes, isocentre =
 * planning prostate centroid at the origin), so the anatomy can be re-evaluated at any point, in
 * particular at {@code p + u(p)} under a deformation.
 *
 * <p>Dimensions follow adult male pelvic anatomy (e.g. inter-femoral-head distance ~176 mm,
 * prostate 30-60 cc, rectum ~70 mL, bladder 150-750 mL); the tissue values follow the usual CT
 * numbers (fat about -100 HU, muscle about 40-50 HU, urine about 10 HU, trabecular bone
 * 200-350 HU, cortical bone 900-1300 HU, air and gas -1000 HU; Schneider et al. 2000, Phys Med
 * Biol 45:459, for the tissue compositions behind these numbers).
 *
 * <p>Start from {@link #label} and {@link #hu}. Instances are immutable and thread-safe.
 */
public final class PelvisPhantom {
  /** CT number of air and of rectal gas, HU. */
  public static final float AIR_HU = -1000f;
  static final float FAT_HU = -100f;
  static final float INNER_FAT_HU = -85f;
  static final float MUSCLE_HU = 45f;
  static final float BOWEL_HU = 20f;
  static final float PROSTATE_HU = 42f;
  static final float URETHRA_HU = 32f;
  static final float SV_HU = 30f;
  static final float BLADDER_WALL_HU = 38f;
  static final float URINE_HU = 8f;
  static final float RECTAL_WALL_HU = 40f;
  static final float RECTAL_CONTENT_HU = 5f;
  static final double BLADDER_WALL_MM = 3.5;
  static final double CORTEX_MM = 2.5;

  static final int BODY;
  static final int PROSTATE;
  static final int URETHRA;
  static final int SEMINAL_VESICLES;
  static final int BLADDER;
  static final int BLADDER_NECK;
  static final int RECTUM;
  static final int RECTAL_WALL;
  static final int FEMORAL_HEAD_L;
  static final int FEMORAL_HEAD_R;
  static final int PELVIC_BONE;

  static {
    List<Structure> t = StructureNames.prostateTree();
    BODY = labelOf(t, StructureNames.BODY);
    PROSTATE = labelOf(t, StructureNames.PROSTATE);
    URETHRA = labelOf(t, StructureNames.URETHRA);
    SEMINAL_VESICLES = labelOf(t, StructureNames.SEMINAL_VESICLES);
    BLADDER = labelOf(t, StructureNames.BLADDER);
    BLADDER_NECK = labelOf(t, StructureNames.BLADDER_NECK);
    RECTUM = labelOf(t, StructureNames.RECTUM);
    RECTAL_WALL = labelOf(t, StructureNames.RECTAL_WALL);
    FEMORAL_HEAD_L = labelOf(t, StructureNames.FEMORAL_HEAD_L);
    FEMORAL_HEAD_R = labelOf(t, StructureNames.FEMORAL_HEAD_R);
    PELVIC_BONE = labelOf(t, StructureNames.PELVIC_BONE);
  }

  final BodyShape body;
  final ProstateShape prostate;
  final Ellipsoid svLeft;
  final Ellipsoid svRight;
  final Ellipsoid bladder;
  final RectumShape rectum;
  final Ellipsoid femoralHeadLeft;
  final Ellipsoid femoralHeadRight;
  final Capsule femoralNeckLeft;
  final Capsule femoralNeckRight;
  private final Ellipsoid[] pelvicEllipsoids;
  private final Capsule[] pelvicCapsules;
  private final Ellipsoid[] acetabula;
  private final Ellipsoid[] femurEllipsoids;
  private final Capsule[] femurCapsules;
  private final Ellipsoid pelvicCavity;
  private final Ellipsoid[] ischiorectal;
  private final Ellipsoid abdomen;
  private final Capsule[] psoas;
  final double neckX;
  final double neckY;
  final double neckZ;
  final double neckRadiusMm;
  final float corticalHu;
  final float trabecularHu;
  final Box ctvBox;
  private final Box femoralHeadBox;
  private final Box pelvicBox;
  /** Per cell of a coarse grid over the pelvic box: the pelvic parts whose box meets the cell. */
  private final int[][] pelvicIndex;
  private static final double INDEX_CELL_MM = 16;
  private final int indexNx;
  private final int indexNy;
  private final int indexNz;
  private final Box femurBox;
  final double prostateVolumeCc;

  private PelvisPhantom(Builder b) {
    body = b.body;
    prostate = b.prostate;
    svLeft = b.svLeft;
    svRight = b.svRight;
    bladder = b.bladder;
    rectum = b.rectum;
    femoralHeadLeft = b.femoralHeadLeft;
    femoralHeadRight = b.femoralHeadRight;
    femoralNeckLeft = b.femoralNeckLeft;
    femoralNeckRight = b.femoralNeckRight;
    pelvicEllipsoids = b.pelvicEllipsoids.toArray(new Ellipsoid[0]);
    pelvicCapsules = b.pelvicCapsules.toArray(new Capsule[0]);
    acetabula = b.acetabula.toArray(new Ellipsoid[0]);
    femurEllipsoids = b.femurEllipsoids.toArray(new Ellipsoid[0]);
    femurCapsules = b.femurCapsules.toArray(new Capsule[0]);
    pelvicCavity = b.pelvicCavity;
    ischiorectal = b.ischiorectal.toArray(new Ellipsoid[0]);
    abdomen = b.abdomen;
    psoas = b.psoas.toArray(new Capsule[0]);
    neckX = b.neckX;
    neckY = b.neckY;
    neckZ = b.neckZ;
    neckRadiusMm = b.neckRadiusMm;
    corticalHu = (float) b.corticalHu;
    trabecularHu = (float) b.trabecularHu;
    prostateVolumeCc = b.prostateVolumeCc;
    ctvBox = prostate.box.union(svLeft.box).union(svRight.box);
    femoralHeadBox = femoralHeadLeft.box.union(femoralHeadRight.box).union(femoralNeckLeft.box)
        .union(femoralNeckRight.box);
    Box pb = null;
    for (Ellipsoid e : pelvicEllipsoids) {
      pb = pb == null ? e.box : pb.union(e.box);
    }
    for (Capsule c : pelvicCapsules) {
      pb = pb.union(c.box);
    }
    for (Ellipsoid e : acetabula) {
      pb = pb.union(e.box);
    }
    pelvicBox = pb;
    indexNx = Math.max(1, (int) Math.ceil((pb.x1() - pb.x0()) / INDEX_CELL_MM));
    indexNy = Math.max(1, (int) Math.ceil((pb.y1() - pb.y0()) / INDEX_CELL_MM));
    indexNz = Math.max(1, (int) Math.ceil((pb.z1() - pb.z0()) / INDEX_CELL_MM));
    pelvicIndex = buildPelvicIndex();
    Box fb = null;
    for (Ellipsoid e : femurEllipsoids) {
      fb = fb == null ? e.box : fb.union(e.box);
    }
    for (Capsule c : femurCapsules) {
      fb = fb.union(c.box);
    }
    femurBox = fb;
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Label (of {@link StructureNames#prostateTree()}) of the most specific structure at a point,
   * 0 outside the body. Overlaps resolve by the tree's priorities: CTV over rectum over bladder
   * over femoral heads over pelvic bone.
   */
  public int label(double x, double y, double z) {
    if (!body.surelyInside(x, y, z) && !body.inside(x, y, z)) {
      return 0;
    }
    if (ctvBox.contains(x, y, z)) {
      if (prostate.inside(x, y, z)) {
        return prostate.urethraDistance(x, y, z) <= 0 ? URETHRA : PROSTATE;
      }
      if (svLeft.inside(x, y, z) || svRight.inside(x, y, z)) {
        return SEMINAL_VESICLES;
      }
    }
    if (rectum.box.contains(x, y, z)) {
      double d = rectum.distance(x, y, z);
      if (d <= 0) {
        return d > -rectum.wallMm ? RECTAL_WALL : RECTUM;
      }
    }
    if (bladder.inside(x, y, z)) {
      return inNeck(x, y, z) ? BLADDER_NECK : BLADDER;
    }
    if (femoralHeadBox.contains(x, y, z)) {
      if (femoralHeadLeft.inside(x, y, z)
          || femoralNeckLeft.box.contains(x, y, z) && femoralNeckLeft.distance(x, y, z) <= 0) {
        return FEMORAL_HEAD_L;
      }
      if (femoralHeadRight.inside(x, y, z)
          || femoralNeckRight.box.contains(x, y, z) && femoralNeckRight.distance(x, y, z) <= 0) {
        return FEMORAL_HEAD_R;
      }
    }
    if (pelvicBox.contains(x, y, z) && pelvicBoneDistance(x, y, z, true) <= 0) {
      return PELVIC_BONE;
    }
    return BODY;
  }

  /**
   * CT number (HU) of the tissue at a point, plus {@code texture} (a zero-mean, unit-SD smooth
   * random field value) times the tissue's heterogeneity.
   */
  public float hu(double x, double y, double z, double texture) {
    double dBody = body.distance(x, y, z);
    if (dBody > 0) {
      return AIR_HU;
    }
    if (ctvBox.contains(x, y, z)) {
      if (prostate.inside(x, y, z)) {
        return (float) ((prostate.urethraDistance(x, y, z) <= 0 ? URETHRA_HU : PROSTATE_HU) + 5 * texture);
      }
      if (svLeft.inside(x, y, z) || svRight.inside(x, y, z)) {
        return (float) (SV_HU + 5 * texture);
      }
    }
    if (rectum.box.contains(x, y, z)) {
      double d = rectum.distance(x, y, z);
      if (d <= 0) {
        return (float) (d > -rectum.wallMm ? RECTAL_WALL_HU + 5 * texture : RECTAL_CONTENT_HU + 30 * texture);
      }
    }
    if (bladder.box.contains(x, y, z)) {
      double d = bladder.distance(x, y, z);
      if (d <= 0) {
        return (float) (d > -BLADDER_WALL_MM ? BLADDER_WALL_HU + 4 * texture : URINE_HU + 3 * texture);
      }
    }
    double dBone = boneInsideDistance(x, y, z);
    if (dBone <= 0) {
      return (float) (dBone > -CORTEX_MM ? corticalHu + 60 * texture : trabecularHu + 50 * texture);
    }
    if (dBody > -body.fatMm) {
      return (float) (FAT_HU + 10 * texture);
    }
    if (pelvicCavity.inside(x, y, z) || ischiorectal[0].inside(x, y, z) || ischiorectal[1].inside(x, y, z)) {
      return (float) (INNER_FAT_HU + 12 * texture);
    }
    if (abdomen.inside(x, y, z) && psoas[0].distance(x, y, z) > 0 && psoas[1].distance(x, y, z) > 0) {
      return (float) (BOWEL_HU + 35 * texture);
    }
    return (float) (MUSCLE_HU + 8 * texture);
  }

  /** Whether a point is in the bladder neck region (near the outlet; tested inside the bladder). */
  boolean inNeck(double x, double y, double z) {
    double dx = x - neckX;
    double dy = y - neckY;
    double dz = z - neckZ;
    return dx * dx + dy * dy + dz * dz <= neckRadiusMm * neckRadiusMm;
  }

  /** Signed distance to the CTV (prostate with proximal seminal vesicles), mm; negative inside. */
  double ctvDistance(double x, double y, double z) {
    return Math.min(prostate.distance(x, y, z), Math.min(svLeft.distance(x, y, z), svRight.distance(x, y, z)));
  }

  /** Whether a point lies in the rectal lumen (inside the rectum, inside its wall). */
  boolean inRectalLumen(double x, double y, double z) {
    return rectum.box.contains(x, y, z) && rectum.distance(x, y, z) <= -rectum.wallMm;
  }

  /**
   * Signed distance to the nearest bone (pelvis, femoral heads and necks, femora), mm. Parts whose
   * bounding box lies farther than {@code reachMm} are skipped: the result is exact where it is
   * {@code <= reachMm}, otherwise only known to exceed it.
   */
  double boneDistance(double x, double y, double z, double reachMm) {
    double d = Double.POSITIVE_INFINITY;
    if (femoralHeadBox.grow(reachMm).contains(x, y, z)) {
      d = Math.min(d, femoralHeadLeft.distance(x, y, z));
      d = Math.min(d, femoralHeadRight.distance(x, y, z));
      d = Math.min(d, femoralNeckLeft.distance(x, y, z));
      d = Math.min(d, femoralNeckRight.distance(x, y, z));
    }
    if (pelvicBox.grow(reachMm).contains(x, y, z)) {
      d = Math.min(d, pelvicBoneDistance(x, y, z, false));
    }
    if (femurBox.grow(reachMm).contains(x, y, z)) {
      for (Ellipsoid e : femurEllipsoids) {
        d = Math.min(d, e.distance(x, y, z));
      }
      for (Capsule c : femurCapsules) {
        d = Math.min(d, c.distance(x, y, z));
      }
    }
    return d;
  }

  /**
   * Signed distance to bone where the point is inside bone (exact there); where it is outside,
   * some positive value (parts whose bounding box does not hold the point are skipped).
   */
  double boneInsideDistance(double x, double y, double z) {
    double d = Double.POSITIVE_INFINITY;
    if (femoralHeadBox.contains(x, y, z)) {
      d = Math.min(d, femoralHeadLeft.distance(x, y, z));
      d = Math.min(d, femoralHeadRight.distance(x, y, z));
      d = Math.min(d, femoralNeckLeft.distance(x, y, z));
      d = Math.min(d, femoralNeckRight.distance(x, y, z));
    }
    if (pelvicBox.contains(x, y, z)) {
      d = Math.min(d, pelvicBoneDistance(x, y, z, true));
    }
    if (femurBox.contains(x, y, z)) {
      for (Ellipsoid e : femurEllipsoids) {
        if (e.box.contains(x, y, z)) {
          d = Math.min(d, e.distance(x, y, z));
        }
      }
      for (Capsule c : femurCapsules) {
        if (c.box.contains(x, y, z)) {
          d = Math.min(d, c.distance(x, y, z));
        }
      }
    }
    return d;
  }

  /**
   * Pelvic bone distance; with {@code cull}, only the parts whose bounding box holds the point
   * count (found through a coarse cell index), which is exact inside bone.
   */
  private double pelvicBoneDistance(double x, double y, double z, boolean cull) {
    double d = Double.POSITIVE_INFINITY;
    if (!cull) {
      int n = pelvicEllipsoids.length + pelvicCapsules.length + 2;
      for (int p = 0; p < n; p++) {
        d = Math.min(d, partDistance(p, x, y, z));
      }
      return d;
    }
    int ci = (int) ((x - pelvicBox.x0()) / INDEX_CELL_MM);
    int cj = (int) ((y - pelvicBox.y0()) / INDEX_CELL_MM);
    int ck = (int) ((z - pelvicBox.z0()) / INDEX_CELL_MM);
    if (x < pelvicBox.x0() || y < pelvicBox.y0() || z < pelvicBox.z0() || ci >= indexNx || cj >= indexNy || ck >= indexNz) {
      return d;
    }
    for (int p : pelvicIndex[ci + indexNx * (cj + indexNy * ck)]) {
      if (partBox(p).contains(x, y, z)) {
        d = Math.min(d, partDistance(p, x, y, z));
      }
    }
    return d;
  }

  /** Part p of the pelvis: ellipsoids, then capsules, then the two acetabula. */
  private double partDistance(int p, double x, double y, double z) {
    int ne = pelvicEllipsoids.length;
    int nc = pelvicCapsules.length;
    if (p < ne) {
      return pelvicEllipsoids[p].distance(x, y, z);
    }
    if (p < ne + nc) {
      return pelvicCapsules[p - ne].distance(x, y, z);
    }
    // acetabulum: bone around the femoral head, minus the head and a 2 mm joint space
    int s = p - ne - nc;
    Ellipsoid head = s == 0 ? femoralHeadLeft : femoralHeadRight;
    double dHead = head.distance(x, y, z) - 2.0;
    return Math.max(acetabula[s].distance(x, y, z), -dHead);
  }

  private Box partBox(int p) {
    int ne = pelvicEllipsoids.length;
    int nc = pelvicCapsules.length;
    if (p < ne) {
      return pelvicEllipsoids[p].box;
    }
    if (p < ne + nc) {
      return pelvicCapsules[p - ne].box;
    }
    return acetabula[p - ne - nc].box;
  }

  private int[][] buildPelvicIndex() {
    int parts = pelvicEllipsoids.length + pelvicCapsules.length + 2;
    int[][] idx = new int[indexNx * indexNy * indexNz][];
    int[] buf = new int[parts];
    for (int k = 0; k < indexNz; k++) {
      for (int j = 0; j < indexNy; j++) {
        for (int i = 0; i < indexNx; i++) {
          double x0 = pelvicBox.x0() + i * INDEX_CELL_MM;
          double y0 = pelvicBox.y0() + j * INDEX_CELL_MM;
          double z0 = pelvicBox.z0() + k * INDEX_CELL_MM;
          int n = 0;
          for (int p = 0; p < parts; p++) {
            Box b = partBox(p);
            if (b.x1() >= x0 && b.x0() <= x0 + INDEX_CELL_MM && b.y1() >= y0 && b.y0() <= y0 + INDEX_CELL_MM
                && b.z1() >= z0 && b.z0() <= z0 + INDEX_CELL_MM) {
              buf[n++] = p;
            }
          }
          idx[i + indexNx * (j + indexNy * k)] = java.util.Arrays.copyOf(buf, n);
        }
      }
    }
    return idx;
  }

  // ---------------------------------------------------------------- facts

  /** Prostate volume of this patient at planning (the drawn value the shape was scaled to), cm^3. */
  public double prostateVolumeCc() {
    return prostateVolumeCc;
  }

  /** The bladder outlet (bladder neck anchor) at planning, patient axes, mm. */
  public Vec3 bladderOutletMm() {
    return new Vec3(neckX, neckY, neckZ);
  }

  /** Centre of the prostate ellipsoid (close to, but not exactly, the centroid), mm. */
  Vec3 prostateShapeCentreMm() {
    return new Vec3(prostate.cx, prostate.cy, prostate.cz);
  }

  // ---------------------------------------------------------------- construction

  /**
   * Draws one patient's anatomy. The bladder and rectum are sized so that their delineated
   * volumes (overlaps resolved as in {@link #label}) equal {@code bladderMl} and {@code rectumMl}.
   */
  static PelvisPhantom draw(PhantomSpec spec, RandomStream s, double bladderMl, double rectumMl) {
    Builder b = new Builder();
    // --- draws, in a fixed order
    double sb = clampZ(z(s), 3) * spec.bodySizeCv() + 1;
    double fat = spec.fatThicknessMm() * Math.exp(0.3 * clampZ(z(s), 2.5) - 0.045);
    double sigmaV = Math.sqrt(Math.log(1 + spec.prostateVolumeCv() * spec.prostateVolumeCv()));
    double vProstate = Smooth.clamp(spec.prostateVolumeMedianCc() * Math.exp(sigmaV * z(s)),
        spec.prostateVolumeMinCc(), spec.prostateVolumeMaxCc());
    double ratioA = 1.25 * (1 + 0.08 * clampZ(z(s), 2.5));
    double ratioB = 0.92 * (1 + 0.08 * clampZ(z(s), 2.5));
    double taper = 0.05 + 0.20 * s.nextDouble();
    double flat = 0.12 + 0.18 * s.nextDouble();
    double svLength = 20 + 10 * s.nextDouble();
    double svAngle = 10 * (2 * s.nextDouble() - 1);
    double sp = 1 + 0.6 * (sb - 1) + 0.02 * clampZ(z(s), 2.5);
    double headR = 24 * sp + clampZ(z(s), 2.5);
    double rectumLength = 105 + 25 * s.nextDouble();
    double rectumBend = 0.0025 + 0.002 * s.nextDouble();
    b.corticalHu = 900 + 400 * s.nextDouble();
    b.trabecularHu = 180 + 170 * s.nextDouble();
    double bladderTilt = 5 + 13 * s.nextDouble();

    // --- body
    b.body = new BodyShape(-2 * sb, 0.5 * spec.bodyWidthMm() * sb, 0.46 * spec.bodyDepthMm() * sb,
        0.54 * spec.bodyDepthMm() * sb, fat);

    // --- prostate: scale the unit shape to the drawn volume, then put its centroid at the origin
    ProstateShape unit = new ProstateShape(0, 0, 0, ratioA, ratioB, 1, taper, flat, 3.5);
    double[] m = moments(unit);
    double scale = Math.cbrt(vProstate * 1000 / m[0]);
    ProstateShape p = unit.scaled(scale);
    p = p.moved(-m[1] * scale, -m[2] * scale, -m[3] * scale);
    b.prostate = p;
    b.prostateVolumeCc = vProstate;

    // --- bladder outlet: where the urethra leaves the prostate base
    double zTop = p.cz;
    double zHiEnd = p.cz + 2 * p.c;
    for (int it = 0; it < 50; it++) {
      double mid = 0.5 * (zTop + zHiEnd);
      if (p.distance(p.cx, p.urethraY(mid), mid) <= 0) {
        zTop = mid;
      } else {
        zHiEnd = mid;
      }
    }
    b.neckX = p.cx;
    b.neckY = p.urethraY(zTop);
    b.neckZ = zTop + 1.0;
    b.neckRadiusMm = spec.bladderNeckRadiusMm();

    // --- seminal vesicles: from the posterior-superior base, lateral, posterior and superior
    for (int side = 0; side < 2; side++) {
      double sx = side == 0 ? 1 : -1;
      double ang = Math.toRadians(35 + svAngle);
      double dx = sx * Math.cos(ang);
      double dy = 0.55;
      double dz = Math.sin(ang) + 0.15;
      double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
      dx /= n;
      dy /= n;
      dz /= n;
      double ax = p.cx + sx * 0.30 * p.a;
      double ay = p.cy + 0.40 * p.b;
      double az = p.cz + 0.70 * p.c;
      double half = 0.5 * svLength;
      Ellipsoid sv = new Ellipsoid(ax + dx * (half - 3), ay + dy * (half - 3), az + dz * (half - 3),
          7, 4.5, half, Ellipsoid.frameAlong(dx, dy, dz));
      if (side == 0) {
        b.svLeft = sv;
      } else {
        b.svRight = sv;
      }
    }

    // --- rectum: anterior wall against the flattened posterior prostate
    double yAnterior = p.cy + p.b * (1 - flat) + 1.0;
    double zLo = p.cz - p.c - 22;
    double zBendUp = p.cz + 0.3 * p.c;
    double zBendLo = p.cz - p.c - 3;
    double r = Math.sqrt(rectumMl * 1000 / (Math.PI * rectumLength));
    RectumShape rect = null;
    for (int it = 0; it < 3; it++) {
      rect = new RectumShape(yAnterior + r, r, zLo, zLo + rectumLength, 3.0, rectumBend, 0.004, zBendUp, zBendLo);
      b.rectum = rect;
      double v = netRectumMl(b, rect);
      r *= Math.sqrt(rectumMl / v);
    }
    b.rectum = new RectumShape(yAnterior + r, r, zLo, zLo + rectumLength, 3.0, rectumBend, 0.004, zBendUp, zBendLo);

    // --- bladder: its lowest point at the outlet, dome tilted forward, sized to the planning volume
    double ba = 50 * Math.pow(bladderMl / 375, 0.2) * Math.sqrt(sb);
    double bb = 37 * Math.pow(bladderMl / 375, 0.33);
    double bc = bladderMl * 1000 / (4.0 / 3.0 * Math.PI * ba * bb);
    double[] rot = Ellipsoid.aboutX(bladderTilt);
    for (int it = 0; it < 4; it++) {
      b.bladder = bladderAt(b, ba, bb, bc, rot);
      double v = netBladderMl(b);
      bc *= bladderMl / v;
    }
    b.bladder = bladderAt(b, ba, bb, bc, rot);

    // --- bones (positions and sizes scale with the pelvis)
    for (int side = 0; side < 2; side++) {
      double sx = side == 0 ? 1 : -1;
      double hx = sx * 88 * sp;
      double hy = -6 * sp;
      double hz = 10 * sp;
      Ellipsoid head = new Ellipsoid(hx, hy, hz, headR, headR, headR);
      Capsule neck = new Capsule(hx, hy, hz, sx * 118 * sp, 4 * sp, -6 * sp, 0.62 * headR, 0.7 * headR);
      if (side == 0) {
        b.femoralHeadLeft = head;
        b.femoralNeckLeft = neck;
      } else {
        b.femoralHeadRight = head;
        b.femoralNeckRight = neck;
      }
      b.acetabula.add(new Ellipsoid(sx * 75 * sp, hy, hz + 8 * sp, 24 * sp, 33 * sp, 34 * sp));
      // femur: greater trochanter and shaft (bone, not delineated)
      b.femurEllipsoids.add(new Ellipsoid(sx * 126 * sp, 10 * sp, -8 * sp, 14 * sp, 21 * sp, 24 * sp));
      b.femurCapsules.add(new Capsule(sx * 121 * sp, 5 * sp, -20 * sp, sx * 106 * sp, -6 * sp, -170 * sp, 15 * sp, 14 * sp));
      // ilium: body above the acetabulum, wing flaring laterally, posterior part at the sacroiliac joint
      b.pelvicEllipsoids.add(new Ellipsoid(sx * 76 * sp, 12 * sp, 56 * sp, 17 * sp, 32 * sp, 30 * sp, Ellipsoid.aboutX(-15)));
      b.pelvicEllipsoids.add(new Ellipsoid(sx * 104 * sp, 4 * sp, 122 * sp, 9 * sp, 64 * sp, 58 * sp, Ellipsoid.aboutY(sx * 22)));
      b.pelvicEllipsoids.add(new Ellipsoid(sx * 56 * sp, 74 * sp, 112 * sp, 15 * sp, 22 * sp, 42 * sp, Ellipsoid.aboutY(sx * -12)));
      // pubis: body at the symphysis, superior ramus to the acetabulum, inferior ramus to the ischium
      b.pelvicEllipsoids.add(new Ellipsoid(sx * 14 * sp, -50 * sp, -2 * sp, 11 * sp, 10 * sp, 21 * sp, Ellipsoid.aboutX(-12)));
      b.pelvicCapsules.add(new Capsule(sx * 14 * sp, -50 * sp, 12 * sp, sx * 62 * sp, -26 * sp, 22 * sp, 10 * sp, 12 * sp));
      b.pelvicCapsules.add(new Capsule(sx * 15 * sp, -45 * sp, -18 * sp, sx * 48 * sp, 20 * sp, -46 * sp, 7 * sp, 8 * sp));
      // ischium down to the tuberosity
      b.pelvicCapsules.add(new Capsule(sx * 70 * sp, 8 * sp, 5 * sp, sx * 55 * sp, 30 * sp, -38 * sp, 12 * sp, 13 * sp));
      b.pelvicEllipsoids.add(new Ellipsoid(sx * 53 * sp, 34 * sp, -45 * sp, 14 * sp, 18 * sp, 14 * sp));
      // pelvic floor fat lateral to the anal canal
      b.ischiorectal.add(new Ellipsoid(sx * 28 * sp, 38 * sp, -48 * sp, 20 * sp, 30 * sp, 28 * sp));
      b.psoas.add(new Capsule(sx * 40 * sp, 55 * sp, 190 * sp, sx * 64 * sp, -18 * sp, 40 * sp, 21 * sp, 15 * sp));
    }
    // sacrum and coccyx: a chain of segments following the sacral curve
    double[][] sac = {
        {150, 64, 50, 20, 16}, {125, 76, 48, 18, 16}, {100, 88, 40, 15, 16}, {75, 97, 30, 13, 15},
        {50, 101, 22, 11, 14}, {26, 98, 16, 9, 12}, {5, 91, 11, 7, 11}, {-14, 81, 7, 6, 10}};
    for (int k = 0; k < sac.length; k++) {
      double[] cur = sac[k];
      double[] nb = sac[Math.min(k + 1, sac.length - 1)];
      double[] pv = sac[Math.max(k - 1, 0)];
      double ang = Math.toDegrees(Math.atan2(nb[1] - pv[1], pv[0] - nb[0]));
      b.pelvicEllipsoids.add(new Ellipsoid(0, cur[1] * sp, cur[0] * sp, cur[2] * sp, cur[3] * sp, cur[4] * sp,
          Ellipsoid.aboutX(ang)));
    }
    b.pelvicCavity = new Ellipsoid(0, 22 * sp, 10 * sp, 45 * sp, 62 * sp, 75 * sp);
    b.abdomen = new Ellipsoid(0, -8 * sp, 195 * sp, 100 * sp, 85 * sp, 125 * sp);
    return new PelvisPhantom(b);
  }

  private static Ellipsoid bladderAt(Builder b, double ba, double bb, double bc, double[] rot) {
    // lowest local point (the pole) 2 mm below and anterior of the outlet
    double px = b.neckX;
    double py = b.neckY - 2;
    double pz = b.neckZ - 2;
    return new Ellipsoid(px + bc * rot[6], py + bc * rot[7], pz + bc * rot[8], ba, bb, bc, rot);
  }

  /** Delineated bladder volume: bladder minus CTV and rectum (they win overlaps), mL. */
  private static double netBladderMl(Builder b) {
    Ellipsoid bl = b.bladder;
    return latticeVolumeMl(bl.box, 1.5, (x, y, z) -> bl.rho(x, y, z) <= 1
        && !(b.prostate.inside(x, y, z) || b.svLeft.inside(x, y, z) || b.svRight.inside(x, y, z))
        && b.rectum.distance(x, y, z) > 0);
  }

  private static double netRectumMl(Builder b, RectumShape r) {
    return latticeVolumeMl(r.box, 1.0, (x, y, z) -> r.distance(x, y, z) <= 0
        && !(b.prostate.inside(x, y, z) || b.svLeft.inside(x, y, z) || b.svRight.inside(x, y, z)));
  }

  interface PointTest {
    boolean test(double x, double y, double z);
  }

  /** Volume of {@code {p in box : test(p)}} by counting a lattice of step {@code h} mm, mL. */
  static double latticeVolumeMl(Box box, double h, PointTest test) {
    long n = 0;
    for (double z = box.z0() + 0.5 * h; z < box.z1(); z += h) {
      for (double y = box.y0() + 0.5 * h; y < box.y1(); y += h) {
        for (double x = box.x0() + 0.5 * h; x < box.x1(); x += h) {
          if (test.test(x, y, z)) {
            n++;
          }
        }
      }
    }
    return n * h * h * h * 1e-3;
  }

  /** Volume (in the shape's units cubed) and centroid {V, cx, cy, cz} of a prostate shape, by a fine lattice. */
  private static double[] moments(ProstateShape p) {
    Box box = p.box;
    int n = 110;
    double hx = (box.x1() - box.x0()) / n;
    double hy = (box.y1() - box.y0()) / n;
    double hz = (box.z1() - box.z0()) / n;
    double cnt = 0;
    double sx = 0;
    double sy = 0;
    double sz = 0;
    for (int k = 0; k < n; k++) {
      double z = box.z0() + (k + 0.5) * hz;
      for (int j = 0; j < n; j++) {
        double y = box.y0() + (j + 0.5) * hy;
        for (int i = 0; i < n; i++) {
          double x = box.x0() + (i + 0.5) * hx;
          if (p.distance(x, y, z) <= 0) {
            cnt++;
            sx += x;
            sy += y;
            sz += z;
          }
        }
      }
    }
    return new double[] {cnt * hx * hy * hz, sx / cnt, sy / cnt, sz / cnt};
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }

  private static double clampZ(double v, double lim) {
    return Smooth.clamp(v, -lim, lim);
  }

  private static int labelOf(List<Structure> tree, String name) {
    for (Structure st : tree) {
      if (st.name().equals(name)) {
        return st.label();
      }
    }
    throw new IllegalStateException("structure " + name + " missing from the prostate tree");
  }

  private static final class Builder {
    BodyShape body;
    ProstateShape prostate;
    double prostateVolumeCc;
    Ellipsoid svLeft;
    Ellipsoid svRight;
    Ellipsoid bladder;
    RectumShape rectum;
    Ellipsoid femoralHeadLeft;
    Ellipsoid femoralHeadRight;
    Capsule femoralNeckLeft;
    Capsule femoralNeckRight;
    final List<Ellipsoid> pelvicEllipsoids = new ArrayList<>();
    final List<Capsule> pelvicCapsules = new ArrayList<>();
    final List<Ellipsoid> acetabula = new ArrayList<>();
    final List<Ellipsoid> femurEllipsoids = new ArrayList<>();
    final List<Capsule> femurCapsules = new ArrayList<>();
    final List<Ellipsoid> ischiorectal = new ArrayList<>();
    final List<Capsule> psoas = new ArrayList<>();
    Ellipsoid pelvicCavity;
    Ellipsoid abdomen;
    double neckX;
    double neckY;
    double neckZ;
    double neckRadiusMm;
    double corticalHu;
    double trabecularHu;
  }
}
