package org.twinsim.gpu.bench;

import org.twinsim.gpu.ops.CpuVolumeKernels;
import org.twinsim.gpu.ops.GaussianSpec;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * Deterministic inputs for timing and equivalence checks, drawn from named MRG32k3a streams: a
 * CT-like fixed image (an elliptic water body at 0 HU, a denser ellipsoid at 300 HU, air at -1000
 * HU outside, plus smooth texture of about 40 HU), the moving image (the fixed one through a
 * smooth known field), a smooth field of about {@code fieldAmplitudeMm}, a dose of 0-80 Gy and
 * labels (1 body, 2 a target sphere inside it, whose label table includes only label 2). These
 * are workloads, not anatomy: the kernels' cost does not depend on the values.
 *
 * @param grid the grid of every array
 * @param fixed fixed image, HU
 * @param moving moving image, HU
 * @param field a smooth backward field, mm
 * @param dose dose, Gy
 * @param labels per-voxel labels
 * @param inStructure label table of the target structure (label 2)
 */
public record SyntheticInputs(Grid3 grid, float[] fixed, float[] moving, VectorField field, float[] dose,
                              byte[] labels, boolean[] inStructure) {

  /** Inputs on {@code grid} from stream family {@code seed}; the field's amplitude is about 5 mm. */
  public static SyntheticInputs create(Grid3 grid, long seed) {
    return create(grid, seed, 5.0);
  }

  public static SyntheticInputs create(Grid3 grid, long seed, double fieldAmplitudeMm) {
    CpuVolumeKernels cpu = new CpuVolumeKernels();
    int n = grid.size();
    double[] c = grid.centreMm();
    double ax = 0.45 * grid.nx() * grid.spacingXMm();
    double ay = 0.42 * grid.ny() * grid.spacingYMm();
    double az = 0.48 * grid.nz() * grid.spacingZMm();
    double rTarget = 0.12 * Math.min(ax, Math.min(ay, az));
    float[] texture = smoothNoise(grid, seed, "bench.texture", cpu, 6.0);
    float[] fixed = new float[n];
    byte[] labels = new byte[n];
    for (int k = 0; k < grid.nz(); k++) {
      double z = (grid.z(k) - c[2]) / az;
      for (int j = 0; j < grid.ny(); j++) {
        double y = (grid.y(j) - c[1]) / ay;
        for (int i = 0; i < grid.nx(); i++) {
          double x = (grid.x(i) - c[0]) / ax;
          int v = grid.index(i, j, k);
          double body = x * x + y * y + z * z;
          double dx = grid.x(i) - c[0];
          double dy = grid.y(j) - c[1];
          double dz = grid.z(k) - c[2];
          boolean target = dx * dx + dy * dy + dz * dz <= rTarget * rTarget;
          double dense = (x - 0.3) * (x - 0.3) / 0.04 + y * y / 0.09 + z * z / 0.25;
          fixed[v] = body > 1 ? -1000f : (dense < 1 ? 300 : 0) + 40 * texture[v];
          labels[v] = (byte) (body > 1 ? 0 : (target ? 2 : 1));
        }
      }
    }
    float[] fx = smoothNoise(grid, seed, "bench.field.x", cpu, 12.0);
    float[] fy = smoothNoise(grid, seed, "bench.field.y", cpu, 12.0);
    float[] fz = smoothNoise(grid, seed, "bench.field.z", cpu, 12.0);
    scale(fx, fieldAmplitudeMm);
    scale(fy, fieldAmplitudeMm);
    scale(fz, fieldAmplitudeMm);
    VectorField field = new VectorField(grid, fx, fy, fz);
    float[] moving = new float[n];
    cpu.warp(fixed, grid, field, -1000f, moving);
    float[] dose = smoothNoise(grid, seed, "bench.dose", cpu, 10.0);
    for (int v = 0; v < n; v++) {
      dose[v] = Math.max(0, 40 + 40 * dose[v]);
    }
    boolean[] table = new boolean[256];
    table[2] = true;
    return new SyntheticInputs(grid, fixed, moving, field, dose, labels, table);
  }

  /** Uniform noise smoothed by a Gaussian of {@code sigmaMm}, rescaled to max |value| = 1. */
  static float[] smoothNoise(Grid3 g, long seed, String purpose, CpuVolumeKernels cpu, double sigmaMm) {
    RandomStream s = RandomStreams.stream(seed, purpose, g.nx(), g.ny(), g.nz());
    float[] a = new float[g.size()];
    for (int v = 0; v < a.length; v++) {
      a[v] = (float) (2 * s.nextDouble() - 1);
    }
    float[] b = new float[a.length];
    double sigma = Math.min(sigmaMm, 4 * Math.min(g.spacingXMm(), Math.min(g.spacingYMm(), g.spacingZMm())));
    cpu.gaussian(a, g, GaussianSpec.isotropic(sigma), b);
    scale(b, 1.0);
    return b;
  }

  private static void scale(float[] a, double toMaxAbs) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    float f = m == 0 ? 0f : (float) (toMaxAbs / m);
    for (int v = 0; v < a.length; v++) {
      a[v] *= f;
    }
  }
}
