package org.twinsim.model.anatomy;

import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * Simulates a cone-beam CT of a known (true) CT: optional resampling onto the CBCT's own grid, a
 * CT-number scale and bias, cupping, spatially correlated Gaussian noise whose SD follows the
 * imaging dose, and the limited cylindrical field of view (see {@link CbctSpec} for the model and
 * its references). The isocentre (room origin) is the cylinder's centre.
 *
 * <p>Noise: independent normal values, one stream per slice ("cbct.noise", coordinates...,
 * slice), smoothed by a separable [1 2 1]/4 kernel (which keeps (6/16)^3 of the variance; the
 * values are scaled so that the smoothed noise has the requested SD): CBCT noise is correlated
 * over a few voxels, not white.
 */
public final class CbctSimulator {
  private static final double BLUR_SD_FACTOR = Math.pow(6.0 / 16.0, 1.5);

  private CbctSimulator() {
  }

  /** The CBCT grid for a CT grid: the CT's own, or one covering the FOV cylinder at the spec's spacing. */
  public static Grid3 grid(Grid3 ctGrid, CbctSpec spec) {
    if (spec.spacingMm() == null) {
      return ctGrid;
    }
    return Grid3.centred(spec.fovDiameterMm(), spec.fovDiameterMm(), spec.fovLengthMm(),
        spec.spacingMm(), spec.spacingMm(), spec.sliceSpacingMm(), 0, 0, 0);
  }

  /**
   * The CBCT of {@code trueCt} (not modified); a new volume on {@link #grid}. The noise comes from
   * streams keyed by {@code seed}, "cbct.noise" and {@code coordinates} (e.g. replication,
   * patient, fraction) plus the slice index.
   */
  public static Volume simulate(Volume trueCt, CbctSpec spec, long seed, long... coordinates) {
    Grid3 g = grid(trueCt.grid(), spec);
    float fill = spec.fillHu().floatValue();
    float[] hu = g.sameAs(trueCt.grid()) ? trueCt.data().clone() : Warp.resample(trueCt, g, fill).data();

    // correlated noise
    double sd = spec.effectiveNoiseSdHu();
    float[] white0 = new float[g.size()];
    float[] noise = white0;
    if (sd > 0) {
      double white = sd / BLUR_SD_FACTOR;
      long[] coords = java.util.Arrays.copyOf(coordinates, coordinates.length + 1);
      int plane = g.nx() * g.ny();
      IntStream.range(0, g.nz()).parallel().forEach(k -> {
        long[] c = coords.clone();
        c[c.length - 1] = k;
        RandomStream s = RandomStreams.stream(seed, "cbct.noise", c);
        int base = k * plane;
        for (int n = 0; n < plane; n += 2) {
          // Box-Muller: two independent normals from two uniforms
          double u1 = s.nextDouble();
          double u2 = s.nextDouble();
          double r = white * Math.sqrt(-2 * Math.log(u1));
          double a = 2 * Math.PI * u2;
          white0[base + n] = (float) (r * Math.cos(a));
          if (n + 1 < plane) {
            white0[base + n + 1] = (float) (r * Math.sin(a));
          }
        }
      });
      noise = Filters.blur121(white0, g);
    }

    double radius = 0.5 * spec.fovDiameterMm();
    double r2max = radius * radius;
    double halfLength = 0.5 * spec.fovLengthMm();
    double scale = spec.huScale();
    double bias = spec.huBiasHu();
    double cup = spec.cuppingHu() / 1000.0;
    float[] nz = noise;
    IntStream.range(0, g.nz()).parallel().forEach(k -> {
      double z = g.z(k);
      boolean zIn = Math.abs(z) <= halfLength;
      for (int j = 0; j < g.ny(); j++) {
        double y = g.y(j);
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          int n = row + i;
          double x = g.x(i);
          double r2 = x * x + y * y;
          if (!zIn || r2 > r2max) {
            hu[n] = fill;
            continue;
          }
          double v = scale * hu[n] + bias;
          v = (v + 1000) * (1 - cup * (1 - r2 / r2max)) - 1000;
          hu[n] = (float) (v + nz[n]);
        }
      }
    });
    return new Volume(g, hu);
  }
}
