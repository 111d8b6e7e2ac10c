package org.twinsim.gpu.ops;

import static org.twinsim.gpu.ops.VolumeKernels.requireLength;

import java.util.stream.IntStream;
import org.twinsim.gpu.Backend;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Trilinear;
import org.twinsim.model.geometry.VectorField;

/**
 * The Java implementation of {@link VolumeKernels}: the oracle the GPU is checked against and the
 * fallback when it fails. Loops run over primitive arrays, parallel over slices; each method
 * follows its rule operation for operation (same order, same precision), so the CUDA kernels,
 * which spell out the same operations without fused multiply-adds, agree with it bit for bit.
 *
 * <p>Thread-safe. {@link #gaussian} keeps one scratch volume per calling thread (reused across
 * calls of the same size).
 */
public final class CpuVolumeKernels implements VolumeKernels {
  private final ThreadLocal<float[]> scratch = new ThreadLocal<>();

  @Override
  public Backend backend() {
    return Backend.CPU;
  }

  @Override
  public void gaussian(float[] in, Grid3 g, GaussianSpec spec, float[] out) {
    int n = g.size();
    requireLength("gaussian input", in, n);
    requireLength("gaussian output", out, n);
    if (in == out) {
      throw new IllegalArgumentException("gaussian: output must not be the input array");
    }
    float[] tmp = scratch.get();
    if (tmp == null || tmp.length != n) {
      tmp = new float[n];
      scratch.set(tmp);
    }
    pass(in, out, g, 0, spec.weights(0, g.spacingXMm()));
    pass(out, tmp, g, 1, spec.weights(1, g.spacingYMm()));
    pass(tmp, out, g, 2, spec.weights(2, g.spacingZMm()));
  }

  /**
   * One 1-D pass along {@code axis}: {@code dst = sum_t w[t] * src[clamp(c + t)]}, t from -r to r,
   * float accumulation starting at 0 (the rule of gaussian.cu). Writes {@code dst}.
   */
  static void pass(float[] src, float[] dst, Grid3 g, int axis, float[] w) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    final int r = w.length / 2;
    IntStream.range(0, nz).parallel().forEach(k -> {
      float[] acc = new float[nx];
      for (int j = 0; j < ny; j++) {
        int row = nx * (j + ny * k);
        if (axis == 0) {
          // edges with the clamp, the interior without it (same terms in the same order)
          int lo = Math.min(r, nx);
          int hi = Math.max(lo, nx - r);
          for (int i = 0; i < nx; i++) {
            if (i == lo && lo < hi) {
              for (; i < hi; i++) {
                float a = 0f;
                int b = row + i - r;
                for (int t = 0; t < w.length; t++) {
                  a = a + w[t] * src[b + t];
                }
                dst[row + i] = a;
              }
              if (i >= nx) {
                break;
              }
            }
            float a = 0f;
            for (int t = -r; t <= r; t++) {
              int p = i + t;
              p = p < 0 ? 0 : (p > nx - 1 ? nx - 1 : p);
              a = a + w[t + r] * src[row + p];
            }
            dst[row + i] = a;
          }
          continue;
        }
        java.util.Arrays.fill(acc, 0f);
        for (int t = -r; t <= r; t++) {
          int srcRow;
          if (axis == 1) {
            int p = j + t;
            p = p < 0 ? 0 : (p > ny - 1 ? ny - 1 : p);
            srcRow = nx * (p + ny * k);
          } else {
            int p = k + t;
            p = p < 0 ? 0 : (p > nz - 1 ? nz - 1 : p);
            srcRow = nx * (j + ny * p);
          }
          float wt = w[t + r];
          for (int i = 0; i < nx; i++) {
            acc[i] = acc[i] + wt * src[srcRow + i];
          }
        }
        System.arraycopy(acc, 0, dst, row, nx);
      }
    });
  }

  @Override
  public void warp(float[] source, Grid3 sg, VectorField field, float outside, float[] out) {
    Grid3 g = field.grid();
    requireLength("warp source", source, sg.size());
    requireLength("warp output", out, g.size());
    if (source == out) {
      throw new IllegalArgumentException("warp: output must not be the source array");
    }
    float[] ux = field.ux();
    float[] uy = field.uy();
    float[] uz = field.uz();
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          out[n] = Trilinear.sample(source, sg, sg.fi(g.x(i) + ux[n]), sg.fj(y + uy[n]), sg.fk(z + uz[n]), outside);
        }
      }
    });
  }

  @Override
  public void resample(float[] source, Grid3 sg, Grid3 g, float outside, float[] out) {
    requireLength("resample source", source, sg.size());
    requireLength("resample output", out, g.size());
    if (source == out) {
      throw new IllegalArgumentException("resample: output must not be the source array");
    }
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double fk = sg.fk(g.z(k));
      for (int j = 0; j < g.ny(); j++) {
        double fj = sg.fj(g.y(j));
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          out[row + i] = Trilinear.sample(source, sg, sg.fi(g.x(i)), fj, fk, outside);
        }
      }
    });
  }

  @Override
  public DemonsStats demonsForce(float[] fixed, float[] moving, DemonsForceParams params, VectorField u) {
    Grid3 g = u.grid();
    final int nx = g.nx();
    final int ny = g.ny();
    final int nz = g.nz();
    requireLength("demons fixed image", fixed, g.size());
    requireLength("demons warped moving image", moving, g.size());
    final float hx = (float) g.spacingXMm();
    final float hy = (float) g.spacingYMm();
    final float hz = (float) g.spacingZMm();
    final float alpha2 = params.alphaSquared();
    final float eps = DemonsForceParams.DENOMINATOR_EPSILON;
    final float[] ux = u.ux();
    final float[] uy = u.uy();
    final float[] uz = u.uz();
    final int sy = nx;
    final int sz = nx * ny;
    double[] ssd = new double[nz];
    long[] cnt = new long[nz];
    double[] mx = new double[nz];
    IntStream.range(0, nz).parallel().forEach(k -> {
      double s2 = 0;
      long c = 0;
      double m = 0;
      int k0 = Math.max(0, k - 1);
      int k1 = Math.min(nz - 1, k + 1);
      for (int j = 0; j < ny; j++) {
        int j0 = Math.max(0, j - 1);
        int j1 = Math.min(ny - 1, j + 1);
        for (int i = 0; i < nx; i++) {
          int n = i + nx * (j + ny * k);
          float f = fixed[n];
          float mv = moving[n];
          if (Float.isNaN(f) || Float.isNaN(mv)) {
            continue;
          }
          int i0 = Math.max(0, i - 1);
          int i1 = Math.min(nx - 1, i + 1);
          float diff = f - mv;
          float gx = i1 == i0 ? 0f : (fixed[n + (i1 - i)] - fixed[n - (i - i0)]) / ((float) (i1 - i0) * hx);
          float gy = j1 == j0 ? 0f : (fixed[n + (j1 - j) * sy] - fixed[n - (j - j0) * sy]) / ((float) (j1 - j0) * hy);
          float gz = k1 == k0 ? 0f : (fixed[n + (k1 - k) * sz] - fixed[n - (k - k0) * sz]) / ((float) (k1 - k0) * hz);
          float g2 = (gx * gx + gy * gy) + gz * gz;
          float denom = g2 + (alpha2 * diff) * diff;
          s2 += (double) diff * (double) diff;
          c++;
          if (denom < eps) {
            continue;
          }
          float s = diff / denom;
          float dx = s * gx;
          float dy = s * gy;
          float dz = s * gz;
          ux[n] = ux[n] + dx;
          uy[n] = uy[n] + dy;
          uz[n] = uz[n] + dz;
          double step = Math.sqrt(((double) dx * dx + (double) dy * dy) + (double) dz * dz);
          if (step > m) {
            m = step;
          }
        }
      }
      ssd[k] = s2;
      cnt[k] = c;
      mx[k] = m;
    });
    double s2 = 0;
    long c = 0;
    double m = 0;
    for (int k = 0; k < nz; k++) {
      s2 += ssd[k];
      c += cnt[k];
      m = Math.max(m, mx[k]);
    }
    return new DemonsStats(s2, c, m);
  }

  @Override
  public void dvh(float[] dose, byte[] labels, boolean[] inStructure, DvhBins bins, int[] counts) {
    int n = dose.length;
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("dvh: " + n + " dose values but " + (labels == null ? "no" : labels.length) + " labels");
    }
    if (inStructure == null || inStructure.length != 256) {
      throw new IllegalArgumentException("dvh: the structure's label table must have 256 entries");
    }
    if (counts == null || counts.length != bins.bins()) {
      throw new IllegalArgumentException("dvh: counts must have " + bins.bins() + " entries, got "
          + (counts == null ? "null" : counts.length));
    }
    final int chunk = 1 << 16;
    int chunks = (n + chunk - 1) / chunk;
    int[][] part = new int[chunks][];
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int[] h = new int[bins.bins()];
      int end = Math.min(n, (c + 1) * chunk);
      for (int v = c * chunk; v < end; v++) {
        if (inStructure[labels[v] & 0xFF]) {
          int b = bins.binOf(dose[v]);
          if (b >= 0) {
            h[b]++;
          }
        }
      }
      part[c] = h;
    });
    java.util.Arrays.fill(counts, 0);
    for (int[] h : part) {
      for (int b = 0; b < h.length; b++) {
        counts[b] += h[b];
      }
    }
  }
}
