package org.twinsim.gpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.param.InvalidParameterException;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

class GaussianTest {
  private final CpuVolumeKernels cpu = new CpuVolumeKernels();

  @Test
  void weightsAreTheTruncatedNormalisedGaussian() {
    GaussianSpec s = new GaussianSpec(3.0, 0.0, 1.0, 3.0);
    float[] w = s.weights(0, 1.5); // sigma 2 voxels -> r = 6
    assertEquals(13, w.length);
    double sum = 0;
    for (int t = 0; t < w.length; t++) {
      sum += w[t];
      assertEquals(w[t], w[w.length - 1 - t], "symmetric");
    }
    assertEquals(1.0, sum, 1e-6);
    // ratio of neighbouring taps: exp(-(2t+1)/(2 s^2)) for s = 2
    assertEquals(Math.exp(-1.0 / 8), w[7] / w[6], 1e-6);
    assertArrayEquals(new float[] {1f}, s.weights(1, 2.0), "sigma 0: identity");
    assertEquals(2 * (int) Math.ceil(3 * 0.4) + 1, s.weights(2, 2.5).length);
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> GaussianSpec.isotropic(100).weights(0, 0.1));
    assertTrue(e.getMessage().startsWith("sigmaXMm: expected a kernel of at most 512 voxels each side"), e.getMessage());
    assertThrows(InvalidParameterException.class, () -> GaussianSpec.isotropic(-1));
  }

  /** A unit impulse becomes the outer product of the three 1-D kernels, exactly (only one term is non-zero). */
  @Test
  void impulseResponseIsTheSeparableKernel() {
    Grid3 g = new Grid3(21, 17, 15, 1.0, 1.25, 2.0, 0, 0, 0);
    GaussianSpec s = new GaussianSpec(2.0, 2.0, 3.0, 3.0);
    float[] in = new float[g.size()];
    in[g.index(10, 8, 7)] = 1f;
    float[] out = new float[g.size()];
    cpu.gaussian(in, g, s, out);
    float[] wx = s.weights(0, 1.0);
    float[] wy = s.weights(1, 1.25);
    float[] wz = s.weights(2, 2.0);
    int rx = wx.length / 2;
    int ry = wy.length / 2;
    int rz = wz.length / 2;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          int di = i - 10;
          int dj = j - 8;
          int dk = k - 7;
          float expected = Math.abs(di) <= rx && Math.abs(dj) <= ry && Math.abs(dk) <= rz
              ? wz[dk + rz] * (wy[dj + ry] * wx[di + rx]) : 0f;
          assertEquals(expected, out[g.index(i, j, k)], "voxel " + i + "," + j + "," + k);
        }
      }
    }
    // the second moment along x of the response is sigma^2 less the truncated tails (3 sigma: -2.6 %)
    double m2 = 0;
    double m0 = 0;
    for (int i = 0; i < g.nx(); i++) {
      double v = out[g.index(i, 8, 7)];
      m0 += v;
      m2 += v * (i - 10) * (i - 10);
    }
    assertEquals(4.0, m2 / m0, 0.04 * 4.0);
  }

  /**
   * Against a direct (non-separable) triple sum in double precision, written here from the rule:
   * clamp-to-edge boundary, weights exp(-t^2/2s^2) normalised per axis.
   */
  @Test
  void matchesADirectThreeDimensionalConvolutionIncludingTheEdges() {
    Grid3 g = new Grid3(13, 11, 9, 1.0, 1.5, 2.0, 0, 0, 0);
    GaussianSpec s = new GaussianSpec(1.5, 2.0, 2.5, 3.0);
    RandomStream r = RandomStreams.stream(1, "test.gaussian");
    float[] in = new float[g.size()];
    for (int v = 0; v < in.length; v++) {
      in[v] = (float) (100 * r.nextDouble());
    }
    float[] out = new float[g.size()];
    cpu.gaussian(in, g, s, out);
    double[][] w = new double[3][];
    double[] h = {1.0, 1.5, 2.0};
    double[] sig = {1.5, 2.0, 2.5};
    for (int a = 0; a < 3; a++) {
      double sv = sig[a] / h[a];
      int rad = (int) Math.ceil(3 * sv);
      w[a] = new double[2 * rad + 1];
      double sum = 0;
      for (int t = -rad; t <= rad; t++) {
        w[a][t + rad] = Math.exp(-t * t / (2 * sv * sv));
        sum += w[a][t + rad];
      }
      for (int t = 0; t < w[a].length; t++) {
        w[a][t] /= sum;
      }
    }
    int rx = w[0].length / 2;
    int ry = w[1].length / 2;
    int rz = w[2].length / 2;
    double maxErr = 0;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double acc = 0;
          for (int c = -rz; c <= rz; c++) {
            for (int b = -ry; b <= ry; b++) {
              for (int a = -rx; a <= rx; a++) {
                int ii = Math.min(g.nx() - 1, Math.max(0, i + a));
                int jj = Math.min(g.ny() - 1, Math.max(0, j + b));
                int kk = Math.min(g.nz() - 1, Math.max(0, k + c));
                acc += w[0][a + rx] * w[1][b + ry] * w[2][c + rz] * in[g.index(ii, jj, kk)];
              }
            }
          }
          maxErr = Math.max(maxErr, Math.abs(acc - out[g.index(i, j, k)]));
        }
      }
    }
    assertTrue(maxErr < 1e-4, "max |separable float - direct double| = " + maxErr + " (values up to 100)");
  }

  @Test
  void constantStaysConstantUpToTheEdges() {
    Grid3 g = new Grid3(9, 8, 7, 2, 2, 2, 0, 0, 0);
    float[] in = new float[g.size()];
    java.util.Arrays.fill(in, -1000f);
    float[] out = new float[g.size()];
    cpu.gaussian(in, g, GaussianSpec.isotropic(5), out);
    for (float v : out) {
      assertEquals(-1000f, v, 1000 * 3e-7);
    }
    assertThrows(IllegalArgumentException.class, () -> cpu.gaussian(in, g, GaussianSpec.isotropic(1), in));
    assertThrows(IllegalArgumentException.class, () -> cpu.gaussian(in, g, GaussianSpec.isotropic(1), new float[3]));
  }
}
