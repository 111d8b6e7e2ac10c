package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;

class GaussianSmootherTest {
  private static final Grid3 G = new Grid3(31, 27, 25, 2.0, 2.5, 3.0, 0, 0, 0);

  @Test
  void kernelIsTheNormalisedSampledGaussianTruncatedAtThreeSigma() {
    float[] k = GaussianSmoother.kernel(1.5);
    assertEquals(2 * 5 + 1, k.length); // r = ceil(4.5)
    double sum = 0;
    for (int t = -5; t <= 5; t++) {
      sum += Math.exp(-t * t / (2 * 1.5 * 1.5));
    }
    for (int t = -5; t <= 5; t++) {
      assertEquals(Math.exp(-t * t / (2 * 1.5 * 1.5)) / sum, k[t + 5], 1e-7);
    }
    assertArrayEquals(new float[] {1f}, GaussianSmoother.kernel(0));
  }

  /** An impulse far from the edges becomes the separable product of the three kernels, whose variance is sigma^2. */
  @Test
  void impulseResponseIsTheSeparableKernelWithTheRequestedVariance() {
    float[] a = new float[G.size()];
    int ci = 15;
    int cj = 13;
    int ck = 12;
    a[G.index(ci, cj, ck)] = 1f;
    double sx = 3.0;
    double sy = 3.0;
    double sz = 4.5; // mm: 1.5, 1.2, 1.5 voxels
    GaussianSmoother.smooth(a, new float[G.size()], G, sx, sy, sz);
    float[] kx = GaussianSmoother.kernel(sx / G.spacingXMm());
    float[] ky = GaussianSmoother.kernel(sy / G.spacingYMm());
    float[] kz = GaussianSmoother.kernel(sz / G.spacingZMm());
    double mx = 0;
    double vx = 0;
    double total = 0;
    for (int k = 0; k < G.nz(); k++) {
      for (int j = 0; j < G.ny(); j++) {
        for (int i = 0; i < G.nx(); i++) {
          double v = a[G.index(i, j, k)];
          int di = i - ci;
          int dj = j - cj;
          int dk = k - ck;
          double expected = Math.abs(di) <= kx.length / 2 && Math.abs(dj) <= ky.length / 2 && Math.abs(dk) <= kz.length / 2
              ? (double) kx[di + kx.length / 2] * ky[dj + ky.length / 2] * kz[dk + kz.length / 2] : 0;
          assertEquals(expected, v, 1e-7);
          total += v;
          mx += v * di * G.spacingXMm();
          vx += v * di * di * G.spacingXMm() * G.spacingXMm();
        }
      }
    }
    assertEquals(1.0, total, 1e-5);
    assertEquals(0.0, mx, 1e-5);
    // variance of the truncated sampled Gaussian of sigma 1.5 voxels is sigma^2 within 1%
    assertEquals(sx * sx, vx, 0.01 * sx * sx);
  }

  @Test
  void constantStaysConstantUpToTheEdges() {
    float[] a = new float[G.size()];
    java.util.Arrays.fill(a, 42.5f);
    GaussianSmoother.smooth(a, new float[G.size()], G, 6, 6, 6);
    for (float v : a) {
      assertEquals(42.5f, v, 1e-3f);
    }
  }

  @Test
  void fusedComponentsEqualSeparateSmoothingBitForBit() {
    float[][] d = new float[3][G.size()];
    for (int c = 0; c < 3; c++) {
      for (int n = 0; n < G.size(); n++) {
        d[c][n] = (float) Math.sin(0.37 * n + c) * (c + 1);
      }
    }
    float[][] single = {d[0].clone(), d[1].clone(), d[2].clone()};
    float[] kx = GaussianSmoother.kernel(1.3);
    float[] ky = GaussianSmoother.kernel(0.8);
    float[] kz = GaussianSmoother.kernel(2.1);
    for (float[] s : single) {
      GaussianSmoother.smooth(s, new float[G.size()], G, kx, ky, kz);
    }
    GaussianSmoother.smooth3(d, new float[][] {new float[G.size()], new float[G.size()], new float[G.size()]}, G, kx, ky, kz);
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(single[c], d[c]);
    }
  }
}
