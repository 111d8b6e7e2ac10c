package org.twinsim.model.registration;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;

/**
 * Separable Gaussian smoothing of a volume (or of one component of a displacement field) on
 * primitive arrays, parallel over slices; the regulariser of the demons and the pre-filter of the
 * resolution pyramid.
 *
 * <p>Exact definition (the GPU port must match it): along each axis with a standard deviation of
 * {@code s = sigmaMm / spacingMm} voxels, the kernel is {@code w(t) = exp(-t^2 / (2 s^2))} for the
 * integer offsets {@code -r <= t <= r}, {@code r = ceil(3 s)} (truncation at 3 sigma), normalised
 * to sum 1 (in double precision, stored as float). The boundary is replicate-edge (a neighbour
 * index outside {@code [0, n-1]} is clamped into it), so a constant image stays constant. Passes
 * run x, then y, then z; an axis with {@code s < 0.01} is skipped. Sums are accumulated in float,
 * in increasing offset order {@code t = -r..r} (each output starts at 0 and accumulates
 * {@code w(t) x neighbour(t)}).
 */
public final class GaussianSmoother {
  /** Standard deviations (voxels) below this are treated as no smoothing. */
  static final double MIN_SIGMA_VOXELS = 0.01;

  /** Per-thread work rows (accumulator and shifted copy), grown on demand and reused. */
  private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0], new float[0]});

  private GaussianSmoother() {
  }

  /** This thread's work buffer {@code which} (0, 1 or 2) with at least {@code n} values (contents undefined). */
  private static float[] buffer(int which, int n) {
    float[][] b = BUFFERS.get();
    if (b[which].length < n) {
      b[which] = new float[n];
    }
    return b[which];
  }

  /** The normalised kernel for a standard deviation in voxels: weights for offsets -r..r. */
  public static float[] kernel(double sigmaVoxels) {
    if (!(sigmaVoxels >= MIN_SIGMA_VOXELS)) {
      return new float[] {1f};
    }
    int r = (int) Math.ceil(3 * sigmaVoxels);
    double[] w = new double[2 * r + 1];
    double sum = 0;
    for (int t = -r; t <= r; t++) {
      w[t + r] = Math.exp(-(double) t * t / (2 * sigmaVoxels * sigmaVoxels));
      sum += w[t + r];
    }
    float[] k = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      k[i] = (float) (w[i] / sum);
    }
    return k;
  }

  /**
   * Smooths {@code data} (laid out on {@code g}) in place with standard deviations given in mm
   * per axis. {@code scratch} (same length) is used as work space. Modified: {@code data} (the
   * result), {@code scratch} (garbage).
   */
  public static void smooth(float[] data, float[] scratch, Grid3 g, double sigmaXMm, double sigmaYMm, double sigmaZMm) {
    smooth(data, scratch, g, kernel(sigmaXMm / g.spacingXMm()), kernel(sigmaYMm / g.spacingYMm()),
        kernel(sigmaZMm / g.spacingZMm()));
  }

  /** As {@link #smooth(float[], float[], Grid3, double, double, double)} with precomputed kernels. */
  static void smooth(float[] data, float[] scratch, Grid3 g, float[] kx, float[] ky, float[] kz) {
    smooth3(new float[][] {data}, new float[][] {scratch}, g, kx, ky, kz);
  }

  /**
   * Smooths several arrays of the same grid in place (one parallel pass per axis for all of
   * them, as for the three components of a displacement field). {@code scratch[c]} is the work
   * space of {@code data[c]}. Modified: every array of both.
   */
  static void smooth3(float[][] data, float[][] scratch, Grid3 g, float[] kx, float[] ky, float[] kz) {
    for (int c = 0; c < data.length; c++) {
      if (data[c].length != g.size() || scratch[c].length != g.size()) {
        throw new IllegalArgumentException("smooth: arrays must have " + g.size() + " values");
      }
    }
    float[][] src = data.clone();
    float[][] dst = scratch.clone();
    if (kx.length > 1) {
      passX(src, dst, g, kx);
      float[][] t = src;
      src = dst;
      dst = t;
    }
    if (ky.length > 1) {
      passY(src, dst, g, ky);
      float[][] t = src;
      src = dst;
      dst = t;
    }
    if (kz.length > 1) {
      passZ(src, dst, g, kz);
      float[][] t = src;
      src = dst;
      dst = t;
    }
    for (int c = 0; c < data.length; c++) {
      if (src[c] != data[c]) {
        System.arraycopy(src[c], 0, data[c], 0, data[c].length);
      }
    }
  }

  /**
   * x pass. The slice is treated as one long row: per tap, a shifted copy of the source is
   * accumulated at the same index (vectorised, see {@link #passY}); the outputs within r voxels of
   * a row's ends, where that would mix neighbouring rows, are then recomputed with clamped indices.
   */
  private static void passX(float[][] srcs, float[][] dsts, Grid3 g, float[] w) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int r = w.length / 2;
    final int plane = nx * ny;
    final int len = plane - 2 * r;
    final int lo = Math.min(r, nx);
    final int hi = Math.max(lo, nx - r);
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      int slice = plane * k;
      float[] acc = buffer(0, len);
      float[] tmp = buffer(1, len);
      float[] pad = buffer(2, 6 * r);
      for (int c = 0; c < srcs.length; c++) {
        float[] src = srcs[c];
        float[] dst = dsts[c];
        if (len > 0 && hi > lo) {
          java.util.Arrays.fill(acc, 0, len, 0f);
          for (int t = 0; t < w.length; t++) {
            System.arraycopy(src, slice + t, tmp, 0, len);
            float wt = w[t];
            for (int m = 0; m < len; m++) {
              acc[m] += wt * tmp[m];
            }
          }
          System.arraycopy(acc, 0, dst, slice + r, len);
        }
        for (int j = 0; j < ny; j++) {
          int row = slice + nx * j;
          if (hi > lo) {
            // the r outputs at each end from a replicate-padded copy of 3r values: the same
            // values and summation order as clamped indices, without a clamp per tap
            for (int q = 0; q < 3 * r; q++) {
              int ii = q - r;
              pad[q] = src[row + (ii < 0 ? 0 : ii)];
              int jj = nx - 2 * r + q;
              pad[3 * r + q] = src[row + (jj >= nx ? nx - 1 : jj)];
            }
            for (int i = 0; i < r; i++) {
              float sum = 0f;
              for (int t = 0; t < w.length; t++) {
                sum += w[t] * pad[i + t];
              }
              dst[row + i] = sum;
              float sumR = 0f;
              for (int t = 0; t < w.length; t++) {
                sumR += w[t] * pad[3 * r + i + t];
              }
              dst[row + nx - r + i] = sumR;
            }
          } else {
            for (int i = 0; i < nx; i++) {
              dst[row + i] = clampedX(src, row, nx, i, w, r);
            }
          }
        }
      }
    });
  }

  private static float clampedX(float[] src, int row, int nx, int i, float[] w, int r) {
    float s = 0f;
    for (int t = -r; t <= r; t++) {
      int ii = i + t;
      ii = ii < 0 ? 0 : (ii >= nx ? nx - 1 : ii);
      s += w[t + r] * src[row + ii];
    }
    return s;
  }

  /**
   * y pass. Interior rows (all taps inside the slice) are done for the whole slice at once: per
   * tap, the shifted source rows are copied to a buffer so that the accumulation reads and writes
   * the same index (which the JIT vectorises; a loop over two arrays at an unknown relative offset
   * it does not). Same arithmetic, same order as the per-row form: bit-identical.
   */
  private static void passY(float[][] srcs, float[][] dsts, Grid3 g, float[] w) {
    final int nx = g.nx();
    final int ny = g.ny();
    final int r = w.length / 2;
    final int j0 = Math.min(r, ny);
    final int j1 = Math.max(j0, ny - r);
    final int len = nx * (j1 - j0);
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      int slice = nx * ny * k;
      float[] acc = buffer(0, len);
      float[] tmp = buffer(1, len);
      for (int c = 0; c < srcs.length; c++) {
        float[] src = srcs[c];
        float[] dst = dsts[c];
        for (int j = 0; j < ny; j++) {
          if (j >= j0 && j < j1) {
            continue;
          }
          int out = slice + nx * j;
          java.util.Arrays.fill(dst, out, out + nx, 0f);
          for (int t = -r; t <= r; t++) {
            int jj = j + t;
            jj = jj < 0 ? 0 : (jj >= ny ? ny - 1 : jj);
            int in = slice + nx * jj;
            float wt = w[t + r];
            for (int i = 0; i < nx; i++) {
              dst[out + i] += wt * src[in + i];
            }
          }
        }
        if (len > 0) {
          java.util.Arrays.fill(acc, 0, len, 0f);
          for (int t = -r; t <= r; t++) {
            System.arraycopy(src, slice + nx * (j0 + t), tmp, 0, len);
            float wt = w[t + r];
            for (int m = 0; m < len; m++) {
              acc[m] += wt * tmp[m];
            }
          }
          System.arraycopy(acc, 0, dst, slice + nx * j0, len);
        }
      }
    });
  }

  /** z pass, one output slice per task, with the same copy-then-accumulate form as {@link #passY}. */
  private static void passZ(float[][] srcs, float[][] dsts, Grid3 g, float[] w) {
    final int nz = g.nz();
    final int plane = g.nx() * g.ny();
    final int r = w.length / 2;
    IntStream.range(0, nz).parallel().forEach(k -> {
      int out = plane * k;
      float[] acc = buffer(0, plane);
      float[] tmp = buffer(1, plane);
      for (int c = 0; c < srcs.length; c++) {
        float[] src = srcs[c];
        float[] dst = dsts[c];
        java.util.Arrays.fill(acc, 0, plane, 0f);
        for (int t = -r; t <= r; t++) {
          int kk = k + t;
          kk = kk < 0 ? 0 : (kk >= nz ? nz - 1 : kk);
          System.arraycopy(src, plane * kk, tmp, 0, plane);
          float wt = w[t + r];
          for (int m = 0; m < plane; m++) {
            acc[m] += wt * tmp[m];
          }
        }
        System.arraycopy(acc, 0, dst, out, plane);
      }
    });
  }
}
