package org.twinsim.gpu.selftest;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.gpu.bench.BenchGrid;
import org.twinsim.gpu.bench.SyntheticInputs;
import org.twinsim.gpu.ops.DemonsForceParams;
import org.twinsim.gpu.ops.DemonsStats;
import org.twinsim.gpu.ops.DvhBins;
import org.twinsim.gpu.ops.GaussianSpec;
import org.twinsim.gpu.ops.Pyramid;
import org.twinsim.gpu.ops.VolumeKernels;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * The CPU/GPU equivalence checks, shared by the JUnit test (run when a GPU is present) and
 * {@link GpuSelfTest} (run on a GPU machine from the packaged jar). Every operation of
 * {@link VolumeKernels} runs on both backends on the same inputs, on three grids: an odd,
 * anisotropic, off-centre grid with large displacements (edges and out-of-grid samples), a single
 * slice (size-1 axis), and the 4 mm benchmark grid.
 *
 * <p>Tolerances. Both backends evaluate the same operations in the same order without fused
 * multiply-adds, so the expected difference is zero (bit-identical); the checks accept
 * {@value #REL_TOL} x max(1, max |cpu value|) per value so that a compiler or driver that broke
 * that promise by a rounding would be reported with its size rather than as a crash. NaN must
 * appear exactly where the CPU has NaN. DVH counts must be equal. Demons statistics: voxel counts
 * equal, the sum of squared differences within 1e-9 relative (the two backends sum in different
 * orders), the largest step within {@value #REL_TOL} relative. Ten demons iterations (warp, force,
 * smoothing of the field) must leave fields whose RMS difference is at most
 * {@value #FIELD_RMS_TOL_MM} mm.
 */
public final class EquivalenceChecks {
  /** Relative tolerance per value. */
  public static final double REL_TOL = 1e-6;
  /** Tolerance on the RMS difference of fields after ten demons iterations, mm. */
  public static final double FIELD_RMS_TOL_MM = 1e-4;
  /** Tolerance on the demons sum of squared differences, relative. */
  public static final double SSD_REL_TOL = 1e-9;

  private EquivalenceChecks() {
  }

  /** The grids checked. */
  public static List<Grid3> grids() {
    return List.of(
        new Grid3(37, 29, 23, 1.1, 1.3, 2.5, -20.3, 11.7, -5.2),
        new Grid3(64, 48, 1, 2.0, 2.0, 3.0, 0, 0, 0),
        BenchGrid.MM4.grid());
  }

  /** Runs every check of every grid; {@code gpu} and {@code cpu} are the two backends. */
  public static List<CheckResult> run(VolumeKernels gpu, VolumeKernels cpu, long seed) {
    List<CheckResult> out = new ArrayList<>();
    for (Grid3 g : grids()) {
      out.addAll(run(gpu, cpu, g, seed));
    }
    return out;
  }

  /** The checks on one grid. */
  public static List<CheckResult> run(VolumeKernels gpu, VolumeKernels cpu, Grid3 g, long seed) {
    String dims = g.nx() + "x" + g.ny() + "x" + g.nz();
    List<CheckResult> r = new ArrayList<>();
    SyntheticInputs in = SyntheticInputs.create(g, seed, 8.0);
    int n = g.size();

    for (GaussianSpec spec : List.of(GaussianSpec.isotropic(2.0), new GaussianSpec(1.0, 3.0, 0.0, 2.5))) {
      float[] a = new float[n];
      float[] b = new float[n];
      gpu.gaussian(in.fixed(), g, spec, a);
      cpu.gaussian(in.fixed(), g, spec, b);
      r.add(compare("gaussian " + sigmas(spec) + " " + dims, a, b, REL_TOL));
    }

    for (float outside : new float[] {Float.NaN, -1000f}) {
      float[] a = new float[n];
      float[] b = new float[n];
      gpu.warp(in.moving(), g, in.field(), outside, a);
      cpu.warp(in.moving(), g, in.field(), outside, b);
      r.add(compare("warp outside=" + outside + " " + dims, a, b, REL_TOL));
    }

    Grid3 half = Pyramid.half(g);
    float[] ca = new float[half.size()];
    float[] cb = new float[half.size()];
    Pyramid.downsample(gpu, in.fixed(), g, ca);
    Pyramid.downsample(cpu, in.fixed(), g, cb);
    r.add(compare("downsample2 " + dims, ca, cb, REL_TOL));
    float[] ua = new float[n];
    float[] ub = new float[n];
    Pyramid.upsample(gpu, cb, half, g, ua);
    Pyramid.upsample(cpu, cb, half, g, ub);
    r.add(compare("upsample2 " + dims, ua, ub, REL_TOL));
    float[] wa = new float[n];
    float[] wb = new float[n];
    gpu.warp(cb, half, in.field(), Float.NaN, wa);
    cpu.warp(cb, half, in.field(), Float.NaN, wb);
    r.add(compare("warp from the coarse grid " + dims, wa, wb, REL_TOL));

    float[] warped = new float[n];
    cpu.warp(in.moving(), g, in.field(), Float.NaN, warped);
    VectorField fa = copy(in.field());
    VectorField fb = copy(in.field());
    DemonsForceParams dp = new DemonsForceParams(0.8);
    DemonsStats sa = gpu.demonsForce(in.fixed(), warped, dp, fa);
    DemonsStats sb = cpu.demonsForce(in.fixed(), warped, dp, fb);
    r.add(compareFields("demons_force field " + dims, fa, fb));
    double ssdRel = Math.abs(sa.sumSquaredDiff() - sb.sumSquaredDiff()) / Math.max(1e-300, Math.abs(sb.sumSquaredDiff()));
    double stepRel = Math.abs(sa.maxStepMm() - sb.maxStepMm()) / Math.max(1e-300, sb.maxStepMm());
    boolean statsOk = sa.voxels() == sb.voxels() && ssdRel <= SSD_REL_TOL && stepRel <= REL_TOL;
    r.add(new CheckResult("demons_force statistics " + dims, statsOk, Math.abs(sa.sumSquaredDiff() - sb.sumSquaredDiff()),
        SSD_REL_TOL * Math.abs(sb.sumSquaredDiff()), sa.voxels() == sb.voxels() ? 0 : 1, 1,
        "voxels " + sa.voxels() + " vs " + sb.voxels() + ", ssd rel. diff " + String.format("%.2g", ssdRel)
            + ", max step " + sa.maxStepMm() + " vs " + sb.maxStepMm() + " mm"));

    DvhBins bins = new DvhBins(0.05, 1600);
    int[] ha = new int[bins.bins()];
    int[] hb = new int[bins.bins()];
    float[] dose = in.dose().clone();
    dose[0] = Float.NaN;
    dose[n - 1] = -1f;
    dose[n / 2] = 1e6f;
    boolean[] all = new boolean[256];
    java.util.Arrays.fill(all, true);
    for (boolean[] table : List.of(in.inStructure(), all)) {
      gpu.dvh(dose, in.labels(), table, bins, ha);
      cpu.dvh(dose, in.labels(), table, bins, hb);
      long differ = 0;
      long total = 0;
      double maxDiff = 0;
      for (int b = 0; b < ha.length; b++) {
        total += hb[b];
        if (ha[b] != hb[b]) {
          differ++;
          maxDiff = Math.max(maxDiff, Math.abs(ha[b] - hb[b]));
        }
      }
      r.add(new CheckResult("dvh " + (table == all ? "all labels " : "target ") + dims, differ == 0, maxDiff, 0, differ,
          ha.length, total + " voxels counted"));
    }

    VectorField la = new VectorField(g);
    VectorField lb = new VectorField(g);
    demonsLoop(gpu, in, la, dp, 10);
    demonsLoop(cpu, in, lb, dp, 10);
    r.add(compareFields("10 demons iterations " + dims, la, lb));
    return r;
  }

  /** Ten iterations of warp, force, smoothing of the field (sigma 1 voxel along x), u updated in place. */
  private static void demonsLoop(VolumeKernels k, SyntheticInputs in, VectorField u, DemonsForceParams dp, int iterations) {
    Grid3 g = in.grid();
    float[] warped = new float[g.size()];
    float[] tmp = new float[g.size()];
    GaussianSpec spec = GaussianSpec.isotropic(g.spacingXMm());
    for (int it = 0; it < iterations; it++) {
      k.warp(in.moving(), g, u, Float.NaN, warped);
      k.demonsForce(in.fixed(), warped, dp, u);
      for (float[] c : new float[][] {u.ux(), u.uy(), u.uz()}) {
        k.gaussian(c, g, spec, tmp);
        System.arraycopy(tmp, 0, c, 0, tmp.length);
      }
    }
  }

  private static VectorField copy(VectorField f) {
    return new VectorField(f.grid(), f.ux().clone(), f.uy().clone(), f.uz().clone());
  }

  private static String sigmas(GaussianSpec s) {
    return "sigma " + s.sigmaXMm() + "/" + s.sigmaYMm() + "/" + s.sigmaZMm() + " mm";
  }

  /** Field comparison: per-value tolerance and RMS of the vector difference. */
  static CheckResult compareFields(String name, VectorField a, VectorField b) {
    double sum = 0;
    double maxAbs = 0;
    long differ = 0;
    int n = a.grid().size();
    float[][] pa = {a.ux(), a.uy(), a.uz()};
    float[][] pb = {b.ux(), b.uy(), b.uz()};
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < n; v++) {
        double d = (double) pa[c][v] - pb[c][v];
        sum += d * d;
        maxAbs = Math.max(maxAbs, Math.abs(d));
        if (Float.floatToIntBits(pa[c][v]) != Float.floatToIntBits(pb[c][v])) {
          differ++;
        }
      }
    }
    double rms = Math.sqrt(sum / n);
    boolean ok = rms <= FIELD_RMS_TOL_MM && !Double.isNaN(rms);
    return new CheckResult(name, ok, maxAbs, FIELD_RMS_TOL_MM, differ, 3L * n,
        String.format(java.util.Locale.ROOT, "field RMS difference %.3g mm (tolerance %.1g mm)", rms, FIELD_RMS_TOL_MM));
  }

  /** Value comparison: NaN where the reference has NaN, else |a - b| <= relTol x max(1, max |b|). */
  static CheckResult compare(String name, float[] a, float[] b, double relTol) {
    double scale = 1;
    for (float v : b) {
      if (!Float.isNaN(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    double tol = relTol * scale;
    double maxAbs = 0;
    long differ = 0;
    long nanMismatch = 0;
    for (int v = 0; v < b.length; v++) {
      boolean na = Float.isNaN(a[v]);
      boolean nb = Float.isNaN(b[v]);
      if (na || nb) {
        if (na != nb) {
          nanMismatch++;
          differ++;
        }
        continue;
      }
      if (Float.floatToIntBits(a[v]) != Float.floatToIntBits(b[v])) {
        differ++;
        maxAbs = Math.max(maxAbs, Math.abs((double) a[v] - b[v]));
      }
    }
    boolean ok = nanMismatch == 0 && maxAbs <= tol;
    return new CheckResult(name, ok, maxAbs, tol, differ, b.length, nanMismatch == 0 ? "" : nanMismatch + " NaN mismatches");
  }
}
