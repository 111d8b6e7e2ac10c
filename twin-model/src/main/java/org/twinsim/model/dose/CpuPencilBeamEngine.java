package org.twinsim.model.dose;

import java.util.Arrays;
import java.util.List;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;

/**
 * The CPU reference of {@link DoseEngine}: voxel-driven (each voxel gathers the spots within the
 * lateral cutoff), parallel over blocks of voxels, so the result does not depend on the number of
 * threads. Depth maps come from the {@link DoseContext} cache and are traced only for voxels within
 * a beam's lateral reach. Per energy layer the spots are binned on a square grid of the layer's
 * typical spacing so that a voxel visits only the bins its cutoff circle overlaps.
 */
public final class CpuPencilBeamEngine implements DoseEngine {
  /** Gy per (MeV cm2/g * 1/mm2) per 10^6 protons, over 2 pi: 100 mm2/cm2 * 1.602176634e-10 Gy g/MeV * 1e6 / (2 pi). */
  static final double UNIT = 100.0 * 1.602176634e-10 * 1e6 / (2.0 * Math.PI);
  private static final int BLOCK = 256;

  private final BeamModel model;
  private final DoseEngineParams params;

  public CpuPencilBeamEngine(BeamModel model, DoseEngineParams params) {
    this.model = model == null ? BeamModel.defaults() : model;
    this.params = params == null ? DoseEngineParams.defaults() : params;
  }

  /** Default beam model, all processors. */
  public CpuPencilBeamEngine() {
    this(BeamModel.defaults(), DoseEngineParams.defaults());
  }

  @Override
  public String name() {
    return "cpu-pencil-beam (" + Parallel.resolve(params.threads()) + " threads)";
  }

  @Override
  public BeamModel beamModel() {
    return model;
  }

  public DoseEngineParams params() {
    return params;
  }

  /** The same engine with another thread count. */
  public CpuPencilBeamEngine withThreads(int threads) {
    return new CpuPencilBeamEngine(model, params.withThreads(threads));
  }

  @Override
  public void computeDose(DoseContext ctx, Plan plan, Scenario scenario, float[] outDoseGy) {
    Grid3 g = ctx.grid();
    if (outDoseGy.length != g.size()) {
      throw new IllegalArgumentException("dose output has " + outDoseGy.length + " voxels, grid needs " + g.size());
    }
    Prepared[] beams = prepare(ctx, plan, scenario, true);
    int[] voxels = ctx.doseVoxels();
    Arrays.fill(outDoseGy, 0f);
    boolean[] reached = new boolean[beams.length];
    int blocks = (voxels.length + BLOCK - 1) / BLOCK;
    Parallel.forEach(params.threads(), blocks, b -> {
      Scratch s = new Scratch(0);
      boolean[] hit = new boolean[beams.length];
      int end = Math.min(voxels.length, (b + 1) * BLOCK);
      for (int q = b * BLOCK; q < end; q++) {
        int n = voxels[q];
        double sum = 0;
        for (int bi = 0; bi < beams.length; bi++) {
          s.emitted = false;
          sum += voxel(ctx, beams[bi], n, scenario.rangeError(), s, null);
          hit[bi] |= s.emitted;
        }
        outDoseGy[n] = (float) sum;
      }
      for (int bi = 0; bi < beams.length; bi++) {
        if (hit[bi]) {
          reached[bi] = true; // idempotent write, no lock needed
        }
      }
    });
    for (int bi = 0; bi < beams.length; bi++) {
      if (!reached[bi] && beams[bi].delivers) {
        Beam beam = beams[bi].beam;
        throw new IllegalArgumentException("plan " + plan.name() + ", beam " + beam.name() + " (gantry "
            + beam.gantryAngleDeg() + " deg, isocentre " + beam.isocentreMm() + "): no spot deposits dose in any voxel of the "
            + "patient; the beam misses the patient (check the isocentre and spot positions against the CT " + g + ")");
      }
    }
  }

  @Override
  public InfluenceMatrix computeInfluence(DoseContext ctx, Plan plan, Scenario scenario, int[] voxels) {
    Grid3 g = ctx.grid();
    for (int n : voxels) {
      if (n < 0 || n >= g.size()) {
        throw new IllegalArgumentException("influence row voxel " + n + " is off the grid of " + g.size() + " voxels");
      }
    }
    Prepared[] beams = prepare(ctx, plan, scenario, false);
    int blocks = (voxels.length + BLOCK - 1) / BLOCK;
    int[][] blockCols = new int[blocks][];
    float[][] blockVals = new float[blocks][];
    int[][] blockRowLen = new int[blocks][];
    Parallel.forEach(params.threads(), blocks, b -> {
      int start = b * BLOCK;
      int end = Math.min(voxels.length, start + BLOCK);
      Scratch s = new Scratch(4096);
      int[] rowLen = new int[end - start];
      for (int q = start; q < end; q++) {
        int before = s.count;
        for (Prepared pb : beams) {
          voxel(ctx, pb, voxels[q], scenario.rangeError(), s, s);
        }
        rowLen[q - start] = s.count - before;
      }
      blockCols[b] = Arrays.copyOf(s.cols, s.count);
      blockVals[b] = Arrays.copyOf(s.vals, s.count);
      blockRowLen[b] = rowLen;
    });
    int[] rowStart = new int[voxels.length + 1];
    long total = 0;
    for (int b = 0; b < blocks; b++) {
      total += blockCols[b].length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("influence matrix too large: " + total + " entries; use fewer voxels or spots");
    }
    int[] cols = new int[(int) total];
    float[] vals = new float[(int) total];
    int pos = 0;
    int r = 0;
    for (int b = 0; b < blocks; b++) {
      System.arraycopy(blockCols[b], 0, cols, pos, blockCols[b].length);
      System.arraycopy(blockVals[b], 0, vals, pos, blockVals[b].length);
      pos += blockCols[b].length;
      for (int len : blockRowLen[b]) {
        rowStart[r + 1] = rowStart[r] + len;
        r++;
      }
    }
    return new InfluenceMatrix(plan.spotCount(), voxels, rowStart, cols, vals);
  }

  /** Per-thread buffer for influence entries. */
  private static final class Scratch {
    int[] cols;
    float[] vals;
    int count;
    boolean emitted;

    Scratch(int capacity) {
      cols = new int[capacity];
      vals = new float[capacity];
    }

    void add(int c, float v) {
      if (count == cols.length) {
        int cap = Math.max(1024, cols.length * 2);
        cols = Arrays.copyOf(cols, cap);
        vals = Arrays.copyOf(vals, cap);
      }
      cols[count] = c;
      vals[count] = v;
      count++;
    }
  }

  /** One beam ready for the kernel. */
  private static final class Prepared {
    Beam beam;
    Vec3 source;
    double dx;
    double dy;
    double dz;
    double ux;
    double uy;
    double uz;
    double vx;
    double vy;
    double vz;
    double sad;
    float[] depthMap;
    Layer[] layers;
    double minU;
    double maxU;
    double minV;
    double maxV;
    /** Whether any spot of the beam has a weight (always true for influence matrices). */
    boolean delivers;
    /** Largest cutoff radius over layers and depths, mm (in the voxel's plane). */
    double maxRadiusMm;
  }

  /** One energy layer with its spots binned on a square grid in the isocentre plane. */
  private static final class Layer {
    PencilBeamTable table;
    double maxDepth;
    double[] u;
    double[] v;
    double[] weight;
    int[] column;
    double binU0;
    double binV0;
    double binSize;
    int nbu;
    int nbv;
    int[] binStart;
    double minU;
    double maxU;
    double minV;
    double maxV;
  }

  private Prepared[] prepare(DoseContext ctx, Plan plan, Scenario scenario, boolean withWeights) {
    List<Beam> beams = plan.beams();
    Prepared[] out = new Prepared[beams.size()];
    double k = params.lateralCutoffSigmas();
    int column = 0;
    for (int b = 0; b < beams.size(); b++) {
      Beam beam = beams.get(b);
      BeamFrame f = beam.frame(model.sourceAxisDistanceMm()).shifted(scenario.shiftMm());
      Prepared p = new Prepared();
      p.beam = beam;
      p.source = f.source();
      p.dx = f.direction().x();
      p.dy = f.direction().y();
      p.dz = f.direction().z();
      p.ux = f.u().x();
      p.uy = f.u().y();
      p.uz = f.u().z();
      p.vx = f.v().x();
      p.vy = f.v().y();
      p.vz = f.v().z();
      p.sad = f.sourceAxisDistanceMm();
      p.depthMap = ctx.depthMap(p.source);
      p.layers = new Layer[beam.layers().size()];
      p.minU = Double.POSITIVE_INFINITY;
      p.minV = Double.POSITIVE_INFINITY;
      p.maxU = Double.NEGATIVE_INFINITY;
      p.maxV = Double.NEGATIVE_INFINITY;
      for (int li = 0; li < p.layers.length; li++) {
        EnergyLayer el = beam.layers().get(li);
        model.requireEnergy(el.energyMeV(), "plan " + plan.name() + ", beam " + beam.name() + ", layer " + li);
        Layer l = new Layer();
        l.table = model.table(el.energyMeV());
        l.maxDepth = l.table.maxDepthMm();
        int total = el.spots().size();
        double[] u = new double[total];
        double[] v = new double[total];
        double[] w = new double[total];
        int[] cols = new int[total];
        int ns = 0;
        l.minU = Double.POSITIVE_INFINITY;
        l.minV = Double.POSITIVE_INFINITY;
        l.maxU = Double.NEGATIVE_INFINITY;
        l.maxV = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < total; s++) {
          Spot spot = el.spots().get(s);
          if (withWeights && spot.weight() == 0) {
            continue; // forward dose: a spot without protons adds nothing
          }
          u[ns] = spot.uMm();
          v[ns] = spot.vMm();
          w[ns] = withWeights ? spot.weight() : 0;
          cols[ns] = column + s;
          l.minU = Math.min(l.minU, u[ns]);
          l.maxU = Math.max(l.maxU, u[ns]);
          l.minV = Math.min(l.minV, v[ns]);
          l.maxV = Math.max(l.maxV, v[ns]);
          ns++;
        }
        column += total;
        if (ns == 0) {
          l.u = new double[0];
          l.maxDepth = -1; // never reached
          p.layers[li] = l;
          continue;
        }
        p.delivers = true;
        bin(l, Arrays.copyOf(u, ns), Arrays.copyOf(v, ns), Arrays.copyOf(w, ns), Arrays.copyOf(cols, ns));
        p.minU = Math.min(p.minU, l.minU);
        p.maxU = Math.max(p.maxU, l.maxU);
        p.minV = Math.min(p.minV, l.minV);
        p.maxV = Math.max(p.maxV, l.maxV);
        double maxSigma2 = 0;
        for (int i = 0; i < l.table.length(); i += 16) {
          maxSigma2 = Math.max(maxSigma2, l.table.sigmaSquaredAt(i * l.table.depthStepMm()));
        }
        maxSigma2 = Math.max(maxSigma2, l.table.sigmaSquaredAt(l.maxDepth));
        p.maxRadiusMm = Math.max(p.maxRadiusMm, k * Math.sqrt(maxSigma2));
        p.layers[li] = l;
      }
      out[b] = p;
    }
    return out;
  }

  /** Sorts a layer's spots into square bins of about the typical spot spacing. */
  private static void bin(Layer l, double[] u, double[] v, double[] w, int[] cols) {
    int ns = u.length;
    double area = Math.max((l.maxU - l.minU) * (l.maxV - l.minV), 1.0);
    double size = Math.max(2.0, Math.sqrt(area / ns));
    l.binSize = size;
    l.binU0 = l.minU;
    l.binV0 = l.minV;
    l.nbu = (int) Math.floor((l.maxU - l.minU) / size) + 1;
    l.nbv = (int) Math.floor((l.maxV - l.minV) / size) + 1;
    int nb = l.nbu * l.nbv;
    int[] binOf = new int[ns];
    int[] count = new int[nb + 1];
    for (int s = 0; s < ns; s++) {
      int bu = Math.min(l.nbu - 1, (int) ((u[s] - l.binU0) / size));
      int bv = Math.min(l.nbv - 1, (int) ((v[s] - l.binV0) / size));
      binOf[s] = bu + l.nbu * bv;
      count[binOf[s] + 1]++;
    }
    for (int b = 0; b < nb; b++) {
      count[b + 1] += count[b];
    }
    l.binStart = count.clone();
    int[] fillPos = Arrays.copyOf(count, nb);
    l.u = new double[ns];
    l.v = new double[ns];
    l.weight = new double[ns];
    l.column = new int[ns];
    for (int s = 0; s < ns; s++) {
      int e = fillPos[binOf[s]]++;
      l.u[e] = u[s];
      l.v[e] = v[s];
      l.weight[e] = w[s];
      l.column[e] = cols[s];
    }
  }

  /**
   * The kernel for one voxel and one beam (see {@link DoseEngine} for the semantics). Returns the
   * weighted dose sum; if {@code sink} is non-null, also appends every (column, influence) pair.
   * Sets {@code flags.emitted} when any spot reaches the voxel.
   */
  private double voxel(DoseContext ctx, Prepared p, int n, double rangeError, Scratch flags, Scratch sink) {
    Grid3 g = ctx.grid();
    int nx = g.nx();
    int ny = g.ny();
    int i = n % nx;
    int j = (n / nx) % ny;
    int kk = n / (nx * ny);
    double ax = g.x(i) - p.source.x();
    double ay = g.y(j) - p.source.y();
    double az = g.z(kk) - p.source.z();
    double w = ax * p.dx + ay * p.dy + az * p.dz;
    if (w <= 0) {
      return 0;
    }
    double m = w / p.sad;
    double up = (ax * p.ux + ay * p.uy + az * p.uz) / m;
    double vp = (ax * p.vx + ay * p.vy + az * p.vz) / m;
    double reach = p.maxRadiusMm / m;
    if (up < p.minU - reach || up > p.maxU + reach || vp < p.minV - reach || vp > p.maxV + reach) {
      return 0;
    }
    double depth = ctx.fill(p.depthMap, n, p.source) * (1.0 + rangeError);
    double k2 = params.lateralCutoffSigmas() * params.lateralCutoffSigmas();
    double m2 = m * m;
    double sum = 0;
    for (Layer l : p.layers) {
      if (depth >= l.maxDepth) {
        continue;
      }
      double idd = l.table.iddAt(depth);
      if (idd <= 0) {
        continue;
      }
      double s2 = l.table.sigmaSquaredAt(depth);
      double rc2 = k2 * s2;
      double r = Math.sqrt(rc2) / m;
      if (up + r < l.minU || up - r > l.maxU || vp + r < l.minV || vp - r > l.maxV) {
        continue;
      }
      int bu0 = Math.max(0, (int) Math.floor((up - r - l.binU0) / l.binSize));
      int bu1 = Math.min(l.nbu - 1, (int) Math.floor((up + r - l.binU0) / l.binSize));
      int bv0 = Math.max(0, (int) Math.floor((vp - r - l.binV0) / l.binSize));
      int bv1 = Math.min(l.nbv - 1, (int) Math.floor((vp + r - l.binV0) / l.binSize));
      double inv2s2 = 0.5 / s2;
      double coeff = UNIT * idd / s2;
      for (int bv = bv0; bv <= bv1; bv++) {
        int row = l.nbu * bv;
        for (int bu = bu0; bu <= bu1; bu++) {
          int b = row + bu;
          for (int e = l.binStart[b], stop = l.binStart[b + 1]; e < stop; e++) {
            double du = up - l.u[e];
            double dv = vp - l.v[e];
            double r2 = m2 * (du * du + dv * dv);
            if (r2 > rc2) {
              continue;
            }
            double d = coeff * Math.exp(-r2 * inv2s2);
            flags.emitted = true;
            if (sink != null) {
              sink.add(l.column[e], (float) d);
            } else {
              sum += l.weight[e] * d;
            }
          }
        }
      }
    }
    return sum;
  }
}
