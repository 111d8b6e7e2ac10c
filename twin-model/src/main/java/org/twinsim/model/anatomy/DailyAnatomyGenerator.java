package org.twinsim.model.anatomy;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.random.RandomStreams;

/**
 * Produces the daily anatomy of a virtual patient: for fraction k it takes the motion that
 * {@link MotionModel#fraction(int)} drew (setup error, prostate translation and rotation relative
 * to bone, bladder and rectal volumes; used as given, never redrawn), builds the day's
 * {@link DailyDeformation}, and in one pass over the planning grid evaluates for every voxel p its
 * planning point q = p + u(p), writing the true field u, the true label (the implicit anatomy
 * evaluated at q) and the true CT (the patient's gas-free planning model sampled trilinearly at q);
 * then adds the day's rectal gas (stream "anatomy.gas", coordinates replication, patient, fraction)
 * and simulates the CBCT ({@link CbctSimulator}, stream "cbct.noise").
 *
 * <p>Nothing per patient is recomputed: the planning model, the bone map and the implicit anatomy
 * come from the {@link VirtualPatient}. Thread-safe; the returned arrays are new and owned by the
 * caller.
 */
public final class DailyAnatomyGenerator {
  private final DailyAnatomySpec spec;
  private final CbctSpec cbct;

  public DailyAnatomyGenerator(DailyAnatomySpec spec, CbctSpec cbct) {
    if (spec == null || cbct == null) {
      throw new IllegalArgumentException("daily anatomy spec and CBCT spec are required (use the defaults() factories)");
    }
    this.spec = spec;
    this.cbct = cbct;
  }

  public static DailyAnatomyGenerator defaults() {
    return new DailyAnatomyGenerator(DailyAnatomySpec.defaults(), CbctSpec.defaults());
  }

  public DailyAnatomySpec spec() {
    return spec;
  }

  public CbctSpec cbctSpec() {
    return cbct;
  }

  /** Fraction {@code fraction} (0-based) of {@code patient}, with this generator's CBCT protocol. */
  public DailyAnatomy day(VirtualPatient patient, int fraction) {
    return day(patient, fraction, cbct);
  }

  /**
   * Fraction {@code fraction} of {@code patient} imaged with another CBCT protocol (e.g. a
   * low-dose one); {@code cbctSpec == null} skips the CBCT ({@link DailyAnatomy#cbct()} is then null).
   */
  public DailyAnatomy day(VirtualPatient patient, int fraction, CbctSpec cbctSpec) {
    if (fraction < 0) {
      throw new IllegalArgumentException("fraction must be >= 0, got " + fraction);
    }
    FractionMotion motion = patient.motion().fraction(fraction);
    DailyAnatomy truth = anatomy(patient, motion);
    Volume cb = cbctSpec == null ? null : CbctSimulator.simulate(truth.trueCt(), cbctSpec, patient.seed(),
        patient.replication(), patient.patient(), fraction);
    return new DailyAnatomy(truth.fraction(), motion, truth.trueCt(), truth.trueLabels(), truth.trueField(), cb,
        truth.deformation(), truth.rectalGasCc());
  }

  /**
   * The true anatomy of fraction {@code fraction} {@code minutesAfterCbct} minutes after the CBCT
   * (no CBCT): the day's motion with the prostate's intra-fraction drift
   * ({@link MotionModel#drift(int)}, a random walk fixed per fraction) added to its translation.
   * Strategies that deliver at different times see the same drift path at different points.
   */
  public DailyAnatomy atDelivery(VirtualPatient patient, int fraction, double minutesAfterCbct) {
    if (fraction < 0) {
      throw new IllegalArgumentException("fraction must be >= 0, got " + fraction);
    }
    if (!(minutesAfterCbct >= 0) || Double.isInfinite(minutesAfterCbct)) {
      throw new IllegalArgumentException("minutes after the CBCT must be finite and >= 0, got " + minutesAfterCbct);
    }
    FractionMotion m = patient.motion().fraction(fraction);
    FractionMotion atTime = new FractionMotion(m.fraction(), m.setupMm(),
        m.prostateMm().plus(patient.motion().drift(fraction).at(minutesAfterCbct)), m.prostateRotationDeg(),
        m.bladderVolumeMl(), m.rectumVolumeMl());
    return anatomy(patient, atTime);
  }

  /**
   * The true anatomy for any motion of this patient (no CBCT): e.g. the anatomy at delivery, with
   * the intra-fraction drift added to {@code motion.prostateMm()}. The rectal gas is that of
   * {@code motion.fraction()}.
   */
  public DailyAnatomy anatomy(VirtualPatient patient, FractionMotion motion) {
    DailyDeformation def = new DailyDeformation(patient, motion, spec);
    PelvisPhantom ph = patient.anatomy();
    Grid3 g = patient.spec().grid();
    Volume source = patient.sourceCt();
    Grid3 sg = source.grid();
    float[] src = source.data();
    GridSampler sampler = new GridSampler(sg);
    int n = g.size();
    float[] ux = new float[n];
    float[] uy = new float[n];
    float[] uz = new float[n];
    float[] ct = new float[n];
    byte[] lab = new byte[n];
    GasPocket gas = GasPocket.draw(ph, patient.spec(), RandomStreams.stream(patient.seed(), "anatomy.gas",
        patient.replication(), patient.patient(), motion.fraction()));
    double h = Math.cbrt(g.spacingXMm() * g.spacingYMm() * g.spacingZMm());
    double[] gasPerSlice = new double[g.nz()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double[] q = new double[3];
      double[] scratch = new double[15];
      double z = g.z(k);
      double gasSum = 0;
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int v = row + i;
          double x = g.x(i);
          def.toPlanning(x, y, z, q, scratch);
          ux[v] = (float) (q[0] - x);
          uy[v] = (float) (q[1] - y);
          uz[v] = (float) (q[2] - z);
          lab[v] = (byte) ph.label(q[0], q[1], q[2]);
          float hu = sampler.sample(src, q[0], q[1], q[2], PelvisPhantom.AIR_HU);
          if (gas != null) {
            double f = gas.fraction(q[0], q[1], q[2], h);
            if (f > 0) {
              hu += (float) (f * (PelvisPhantom.AIR_HU - hu));
              gasSum += f;
            }
          }
          ct[v] = hu;
        }
      }
      gasPerSlice[k] = gasSum;
    });
    double gasCc = 0;
    for (double s : gasPerSlice) {
      gasCc += s;
    }
    gasCc *= g.voxelVolumeCc();
    return new DailyAnatomy(motion.fraction(), motion, new Volume(g, ct),
        new LabelMap(g, StructureNames.prostateTree(), lab), new VectorField(g, ux, uy, uz), null, def, gasCc);
  }
}
