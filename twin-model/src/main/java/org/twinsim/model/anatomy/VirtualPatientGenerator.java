package org.twinsim.model.anatomy;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Generates virtual prostate patients: the implicit anatomy ({@link PelvisPhantom}) drawn from the
 * patient's streams, the planning CT (tissue CT numbers plus a smooth tissue texture, blurred by a
 * small separable kernel that stands for the scanner's point spread and partial volume) and the
 * planning structures. Every draw comes from streams keyed by (seed, replication, patient):
 * "anatomy.phantom" (shape), "anatomy.texture" (tissue texture), "anatomy.gas.planning" (rectal
 * gas at planning); the motion model uses its own ("anatomy.systematic", "anatomy.daily").
 *
 * <p>Thread-safe: one generator may serve many threads.
 */
public final class VirtualPatientGenerator {
  /** Spacing of the tissue texture's control lattice, mm. */
  static final double TEXTURE_SPACING_MM = 8.0;
  /** Spacing of the bone distance map, mm. */
  static final double BONE_MAP_SPACING_MM = 6.0;
  /** The bone distance map is clipped here, mm. */
  static final double BONE_MAP_REACH_MM = 40.0;

  private final PhantomSpec spec;
  private final AnatomyVariation variation;

  public VirtualPatientGenerator(PhantomSpec spec, AnatomyVariation variation) {
    if (spec == null || variation == null) {
      throw new IllegalArgumentException("phantom spec and anatomy variation are required (use the defaults() factories)");
    }
    this.spec = spec;
    this.variation = variation;
  }

  /** Default phantom and published variation defaults. */
  public static VirtualPatientGenerator defaults() {
    return new VirtualPatientGenerator(PhantomSpec.defaults(), AnatomyVariation.defaults());
  }

  public PhantomSpec spec() {
    return spec;
  }

  public AnatomyVariation variation() {
    return variation;
  }

  /** Patient {@code patient} of replication {@code replication} under run seed {@code seed}. */
  public VirtualPatient generate(long seed, int replication, int patient) {
    MotionModel motion = new MotionModel(variation, seed, replication, patient);
    PelvisPhantom ph = PelvisPhantom.draw(spec,
        RandomStreams.stream(seed, "anatomy.phantom", replication, patient),
        motion.bladderPlanningMl(), motion.rectumPlanningMl());

    Grid3 sg = spec.sourceGrid();
    Texture tex = new Texture(sg, RandomStreams.stream(seed, "anatomy.texture", replication, patient));
    float[] raw = new float[sg.size()];
    IntStream.range(0, sg.nz()).parallel().forEach(k -> {
      double z = sg.z(k);
      for (int j = 0; j < sg.ny(); j++) {
        double y = sg.y(j);
        int row = sg.index(0, j, k);
        for (int i = 0; i < sg.nx(); i++) {
          raw[row + i] = ph.hu(sg.x(i), y, z, tex.at(i, j, k));
        }
      }
    });
    Volume source = new Volume(sg, Filters.blur121(raw, sg));

    // planning CT: the scanned part of the model, plus the planning day's rectal gas
    Grid3 g = spec.grid();
    int kOff = (int) Math.round((g.originZMm() - sg.originZMm()) / sg.spacingZMm());
    float[] ct = new float[g.size()];
    System.arraycopy(source.data(), sg.index(0, 0, kOff), ct, 0, g.size());
    GasPocket gas = GasPocket.draw(ph, spec,
        RandomStreams.stream(seed, "anatomy.gas.planning", replication, patient));
    double gasCc = gas == null ? 0 : addGas(ct, g, gas);

    byte[] lab = new byte[g.size()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          lab[row + i] = (byte) ph.label(g.x(i), y, z);
        }
      }
    });
    LabelMap labels = new LabelMap(g, StructureNames.prostateTree(), lab);

    Volume boneDistance = boneDistanceMap(ph, sg);
    double immobile = 1.0 + boneMapOverstatement(ph, boneDistance, spec.sourceGrid());
    return new VirtualPatient(seed, replication, patient, spec, motion, ph, new Volume(g, ct), labels, gasCc,
        source, boneDistance, immobile);
  }

  /**
   * Replaces the CT numbers of the gas-filled part of each voxel by air (partial volume): {@code ct}
   * lives on {@code g}, in the planning frame. Modifies {@code ct}.
   *
   * @return the gas volume, cm^3
   */
  private static double addGas(float[] ct, Grid3 g, GasPocket gas) {
    double h = Math.cbrt(g.spacingXMm() * g.spacingYMm() * g.spacingZMm());
    double[] perSlice = new double[g.nz()];
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double sum = 0;
      for (int j = 0; j < g.ny(); j++) {
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          double f = gas.fraction(g.x(i), g.y(j), g.z(k), h);
          if (f > 0) {
            ct[n] += (float) (f * (PelvisPhantom.AIR_HU - ct[n]));
            sum += f;
          }
        }
      }
      perSlice[k] = sum;
    });
    double s = 0;
    for (double v : perSlice) {
      s += v;
    }
    return s * g.voxelVolumeCc();
  }

  /**
   * Largest amount (mm, >= 0) by which the interpolated bone distance map exceeds 0 at points
   * inside bone, over the bone points of the source grid and of a 1 mm lattice near the organs.
   */
  private static double boneMapOverstatement(PelvisPhantom ph, Volume map, Grid3 sg) {
    Grid3 bg = map.grid();
    float[] d = map.data();
    double[] worst = new double[sg.nz()];
    IntStream.range(0, sg.nz()).parallel().forEach(k -> {
      double w = 0;
      for (int j = 0; j < sg.ny(); j++) {
        for (int i = 0; i < sg.nx(); i++) {
          double x = sg.x(i);
          double y = sg.y(j);
          double z = sg.z(k);
          if (ph.boneInsideDistance(x, y, z) <= 0) {
            float v = Trilinear.sample(d, bg, bg.fi(x), bg.fj(y), bg.fk(z), 0f);
            w = Math.max(w, v);
          }
        }
      }
      worst[k] = w;
    });
    double w = 0;
    for (double v : worst) {
      w = Math.max(w, v);
    }
    return w;
  }

  private static Volume boneDistanceMap(PelvisPhantom ph, Grid3 sg) {
    double[] c = sg.centreMm();
    Grid3 bg = Grid3.centred(sg.nx() * sg.spacingXMm(), sg.ny() * sg.spacingYMm(), sg.nz() * sg.spacingZMm(),
        BONE_MAP_SPACING_MM, BONE_MAP_SPACING_MM, BONE_MAP_SPACING_MM, c[0], c[1], c[2]);
    float[] d = new float[bg.size()];
    IntStream.range(0, bg.nz()).parallel().forEach(k -> {
      for (int j = 0; j < bg.ny(); j++) {
        for (int i = 0; i < bg.nx(); i++) {
          double v = ph.boneDistance(bg.x(i), bg.y(j), bg.z(k), BONE_MAP_REACH_MM);
          d[bg.index(i, j, k)] = (float) Math.min(v, BONE_MAP_REACH_MM);
        }
      }
    });
    return new Volume(bg, d);
  }

  /**
   * A smooth, zero-mean, about unit-SD random field: independent normal values on a coarse
   * lattice, trilinearly interpolated (the values are scaled by 1/0.544 because trilinear
   * interpolation of independent values keeps on average (2/3)^3 of their variance).
   */
  private static final class Texture {
    private final Grid3 lattice;
    private final float[] values;
    private final Grid3 target;

    Texture(Grid3 target, RandomStream s) {
      this.target = target;
      double[] c = target.centreMm();
      lattice = Grid3.centred(target.nx() * target.spacingXMm() + 2 * TEXTURE_SPACING_MM,
          target.ny() * target.spacingYMm() + 2 * TEXTURE_SPACING_MM,
          target.nz() * target.spacingZMm() + 2 * TEXTURE_SPACING_MM,
          TEXTURE_SPACING_MM, TEXTURE_SPACING_MM, TEXTURE_SPACING_MM, c[0], c[1], c[2]);
      values = new float[lattice.size()];
      for (int n = 0; n < values.length; n++) {
        values[n] = (float) (NormalDist.inverseF01(s.nextDouble()) / 0.544);
      }
    }

    double at(int i, int j, int k) {
      return Trilinear.sample(values, lattice, lattice.fi(target.x(i)), lattice.fj(target.y(j)),
          lattice.fk(target.z(k)), 0f);
    }
  }
}
