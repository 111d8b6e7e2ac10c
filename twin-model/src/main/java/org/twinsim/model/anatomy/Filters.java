package org.twinsim.model.anatomy;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;

/** Small separable image filters on flat x-fastest arrays. */
final class Filters {
  private Filters() {
  }

  /**
   * Separable [1 2 1]/4 smoothing along x, y and z (edges clamped). Returns a new array; the
   * input is not modified. Applied to white noise of variance s^2 it leaves variance
   * {@code s^2 (6/16)^3}.
   */
  static float[] blur121(float[] in, Grid3 g) {
    float[] a = pass(in, g, 1, g.nx());
    float[] b = pass(a, g, g.nx(), g.ny());
    return pass(b, g, g.nx() * g.ny(), g.nz());
  }

  private static float[] pass(float[] in, Grid3 g, int stride, int len) {
    float[] out = new float[in.length];
    int nx = g.nx();
    int ny = g.ny();
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      for (int j = 0; j < ny; j++) {
        int row = nx * (j + ny * k);
        for (int i = 0; i < nx; i++) {
          int n = row + i;
          int pos = stride == 1 ? i : (stride == nx ? j : k);
          float c = in[n];
          float lo = pos > 0 ? in[n - stride] : c;
          float hi = pos < len - 1 ? in[n + stride] : c;
          out[n] = 0.25f * (lo + hi) + 0.5f * c;
        }
      }
    });
    return out;
  }
}
