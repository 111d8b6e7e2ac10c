package org.twinsim.gpu.dose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twinsim.model.dose.Beam;
import org.twinsim.model.dose.BeamFrame;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.EnergyLayer;
import org.twinsim.model.dose.PencilBeamTable;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.dose.Spot;
import org.twinsim.model.geometry.Vec3;

/**
 * A plan in the flat arrays dose.cu's {@code pencil_dose} reads: the port of
 * {@code CpuPencilBeamEngine}'s private preparation for a forward dose (beam frames shifted by the
 * scenario, spots without weight dropped, each layer's spots binned on a square grid of about the
 * typical spot spacing, the largest cutoff radius per beam), with the same numbers, so that the
 * kernel visits the same spots in the same order as the CPU. Record layouts: see dose.cu.
 */
final class PencilBeamPlanData {
  static final int BEAM_D = 18;
  static final int BEAM_I = 4;
  static final int LAYER_D = 10;
  static final int LAYER_I = 6;

  final int beams;
  final double[] beamD;
  final int[] beamI;
  final double[] layerD;
  final int[] layerI;
  final float[] idd;
  final float[] sigma;
  final double[] spotU;
  final double[] spotV;
  final double[] spotW;
  final int[] binStart;
  /** Beam sources (for the depth maps), mm. */
  final Vec3[] sources;
  /** Whether each beam has a weighted spot. */
  final boolean[] delivers;

  private PencilBeamPlanData(int beams, double[] beamD, int[] beamI, double[] layerD, int[] layerI, float[] idd,
                             float[] sigma, double[] spotU, double[] spotV, double[] spotW, int[] binStart, Vec3[] sources,
                             boolean[] delivers) {
    this.beams = beams;
    this.beamD = beamD;
    this.beamI = beamI;
    this.layerD = layerD;
    this.layerI = layerI;
    this.idd = idd;
    this.sigma = sigma;
    this.spotU = spotU;
    this.spotV = spotV;
    this.spotW = spotW;
    this.binStart = binStart;
    this.sources = sources;
    this.delivers = delivers;
  }

  /**
   * Prepares {@code plan} in {@code scenario} with the machine {@code model} and the lateral cutoff
   * (sigmas).
   *
   * @throws IllegalArgumentException if an energy lies outside the beam model's table
   */
  static PencilBeamPlanData of(Plan plan, Scenario scenario, BeamModel model, double cutoffSigmas) {
    List<Beam> beams = plan.beams();
    int nb = beams.size();
    double[] beamD = new double[nb * BEAM_D];
    int[] beamI = new int[nb * BEAM_I];
    Vec3[] sources = new Vec3[nb];
    boolean[] delivers = new boolean[nb];
    List<double[]> layerDs = new ArrayList<>();
    List<int[]> layerIs = new ArrayList<>();
    FloatList idd = new FloatList();
    FloatList sig = new FloatList();
    DoubleList su = new DoubleList();
    DoubleList sv = new DoubleList();
    DoubleList sw = new DoubleList();
    IntList bins = new IntList();
    java.util.IdentityHashMap<PencilBeamTable, Integer> tableOffset = new java.util.IdentityHashMap<>();
    double k = cutoffSigmas;
    for (int b = 0; b < nb; b++) {
      Beam beam = beams.get(b);
      BeamFrame f = beam.frame(model.sourceAxisDistanceMm()).shifted(scenario.shiftMm());
      sources[b] = f.source();
      double minU = Double.POSITIVE_INFINITY;
      double minV = Double.POSITIVE_INFINITY;
      double maxU = Double.NEGATIVE_INFINITY;
      double maxV = Double.NEGATIVE_INFINITY;
      double maxRadius = 0;
      int firstLayer = layerDs.size();
      for (int li = 0; li < beam.layers().size(); li++) {
        EnergyLayer el = beam.layers().get(li);
        model.requireEnergy(el.energyMeV(), "plan " + plan.name() + ", beam " + beam.name() + ", layer " + li);
        PencilBeamTable table = model.table(el.energyMeV());
        int total = el.spots().size();
        double[] u = new double[total];
        double[] v = new double[total];
        double[] w = new double[total];
        int ns = 0;
        double lMinU = Double.POSITIVE_INFINITY;
        double lMinV = Double.POSITIVE_INFINITY;
        double lMaxU = Double.NEGATIVE_INFINITY;
        double lMaxV = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < total; s++) {
          Spot spot = el.spots().get(s);
          if (spot.weight() == 0) {
            continue; // forward dose: a spot without protons adds nothing
          }
          u[ns] = spot.uMm();
          v[ns] = spot.vMm();
          w[ns] = spot.weight();
          lMinU = Math.min(lMinU, u[ns]);
          lMaxU = Math.max(lMaxU, u[ns]);
          lMinV = Math.min(lMinV, v[ns]);
          lMaxV = Math.max(lMaxV, v[ns]);
          ns++;
        }
        if (ns == 0) {
          continue; // a layer without weighted spots never contributes (the CPU skips it by its max depth)
        }
        delivers[b] = true;
        Integer off = tableOffset.get(table);
        if (off == null) {
          off = idd.size();
          tableOffset.put(table, off);
          idd.addAll(table.iddMeVcm2PerG());
          sig.addAll(table.sigmaMcsMm());
        }
        // binning (CpuPencilBeamEngine.bin)
        double area = Math.max((lMaxU - lMinU) * (lMaxV - lMinV), 1.0);
        double size = Math.max(2.0, Math.sqrt(area / ns));
        int nbu = (int) Math.floor((lMaxU - lMinU) / size) + 1;
        int nbv = (int) Math.floor((lMaxV - lMinV) / size) + 1;
        int nbins = nbu * nbv;
        int[] binOf = new int[ns];
        int[] count = new int[nbins + 1];
        for (int s = 0; s < ns; s++) {
          int bu = Math.min(nbu - 1, (int) ((u[s] - lMinU) / size));
          int bv = Math.min(nbv - 1, (int) ((v[s] - lMinV) / size));
          binOf[s] = bu + nbu * bv;
          count[binOf[s] + 1]++;
        }
        for (int q = 0; q < nbins; q++) {
          count[q + 1] += count[q];
        }
        int[] fillPos = Arrays.copyOf(count, nbins);
        double[] bu = new double[ns];
        double[] bvv = new double[ns];
        double[] bw = new double[ns];
        for (int s = 0; s < ns; s++) {
          int e = fillPos[binOf[s]]++;
          bu[e] = u[s];
          bvv[e] = v[s];
          bw[e] = w[s];
        }
        int spotOffset = su.size();
        su.addAll(bu);
        sv.addAll(bvv);
        sw.addAll(bw);
        int binOffset = bins.size();
        bins.addAll(count);
        layerDs.add(new double[] {table.depthStepMm(), table.sigmaAirMm(), table.maxDepthMm(), lMinU, lMaxU, lMinV, lMaxV,
            lMinU, lMinV, size});
        layerIs.add(new int[] {off, table.length(), nbu, nbv, binOffset, spotOffset});
        minU = Math.min(minU, lMinU);
        maxU = Math.max(maxU, lMaxU);
        minV = Math.min(minV, lMinV);
        maxV = Math.max(maxV, lMaxV);
        double maxSigma2 = 0;
        for (int i = 0; i < table.length(); i += 16) {
          maxSigma2 = Math.max(maxSigma2, table.sigmaSquaredAt(i * table.depthStepMm()));
        }
        maxSigma2 = Math.max(maxSigma2, table.sigmaSquaredAt(table.maxDepthMm()));
        maxRadius = Math.max(maxRadius, k * Math.sqrt(maxSigma2));
      }
      double[] rec = {f.source().x(), f.source().y(), f.source().z(), f.direction().x(), f.direction().y(),
          f.direction().z(), f.u().x(), f.u().y(), f.u().z(), f.v().x(), f.v().y(), f.v().z(), f.sourceAxisDistanceMm(),
          minU, maxU, minV, maxV, maxRadius};
      System.arraycopy(rec, 0, beamD, b * BEAM_D, BEAM_D);
      beamI[b * BEAM_I] = firstLayer;
      beamI[b * BEAM_I + 1] = layerDs.size();
      beamI[b * BEAM_I + 2] = delivers[b] ? 1 : 0;
    }
    double[] layerD = new double[Math.max(1, layerDs.size()) * LAYER_D];
    int[] layerI = new int[Math.max(1, layerIs.size()) * LAYER_I];
    for (int l = 0; l < layerDs.size(); l++) {
      System.arraycopy(layerDs.get(l), 0, layerD, l * LAYER_D, LAYER_D);
      System.arraycopy(layerIs.get(l), 0, layerI, l * LAYER_I, LAYER_I);
    }
    return new PencilBeamPlanData(nb, beamD, beamI, layerD, layerI, idd.toArray(1), sig.toArray(1), su.toArray(1),
        sv.toArray(1), sw.toArray(1), bins.toArray(1), sources, delivers);
  }

  /** Growable primitive lists (no boxing); toArray pads to at least {@code min} entries. */
  private static final class FloatList {
    float[] a = new float[1024];
    int n;

    int size() {
      return n;
    }

    void addAll(float[] v) {
      if (n + v.length > a.length) {
        a = Arrays.copyOf(a, Math.max(2 * a.length, n + v.length));
      }
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    float[] toArray(int min) {
      return Arrays.copyOf(a, Math.max(min, n));
    }
  }

  private static final class DoubleList {
    double[] a = new double[1024];
    int n;

    int size() {
      return n;
    }

    void addAll(double[] v) {
      if (n + v.length > a.length) {
        a = Arrays.copyOf(a, Math.max(2 * a.length, n + v.length));
      }
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    double[] toArray(int min) {
      return Arrays.copyOf(a, Math.max(min, n));
    }
  }

  private static final class IntList {
    int[] a = new int[1024];
    int n;

    int size() {
      return n;
    }

    void addAll(int[] v) {
      if (n + v.length > a.length) {
        a = Arrays.copyOf(a, Math.max(2 * a.length, n + v.length));
      }
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    int[] toArray(int min) {
      return Arrays.copyOf(a, Math.max(min, n));
    }
  }
}
