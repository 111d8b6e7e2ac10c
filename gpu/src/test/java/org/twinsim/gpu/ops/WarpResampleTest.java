package org.twinsim.gpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.gpu.bench.SyntheticInputs;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.geometry.Warp;

class WarpResampleTest {
  private final CpuVolumeKernels cpu = new CpuVolumeKernels();

  /** Bit for bit the geometry package's Warp.volume, including points mapped outside the source. */
  @Test
  void warpIsGeometryWarpVolume() {
    Grid3 g = new Grid3(23, 19, 11, 1.2, 1.4, 2.5, -7.3, 4.1, 12.0);
    SyntheticInputs in = SyntheticInputs.create(g, 3, 9.0);
    for (float outside : new float[] {Float.NaN, -1000f}) {
      float[] out = new float[g.size()];
      cpu.warp(in.fixed(), g, in.field(), outside, out);
      assertArrayEquals(Warp.volume(new Volume(g, in.fixed()), in.field(), outside).data(), out);
    }
    // a different source grid (the coarse level) through the same field
    Grid3 half = Pyramid.half(g);
    float[] coarse = new float[half.size()];
    cpu.resample(in.fixed(), g, half, 0f, coarse);
    float[] out = new float[g.size()];
    cpu.warp(coarse, half, in.field(), Float.NaN, out);
    assertArrayEquals(Warp.volume(new Volume(half, coarse), in.field(), Float.NaN).data(), out);
  }

  @Test
  void resampleIsGeometryWarpResample() {
    Grid3 g = new Grid3(23, 19, 11, 1.2, 1.4, 2.5, -7.3, 4.1, 12.0);
    SyntheticInputs in = SyntheticInputs.create(g, 4);
    Grid3 other = new Grid3(30, 9, 14, 0.9, 3.1, 2.0, -10, 0, 5);
    float[] out = new float[other.size()];
    cpu.resample(in.fixed(), g, other, -5f, out);
    assertArrayEquals(Warp.resample(new Volume(g, in.fixed()), other, -5f).data(), out);
  }

  /** A constant displacement of a linear ramp shifts it exactly (trilinear reproduces linear functions). */
  @Test
  void constantShiftOfARampIsAnalytic() {
    Grid3 g = new Grid3(20, 6, 5, 2, 2, 2, 0, 0, 0);
    float[] ramp = new float[g.size()];
    for (int v = 0; v < ramp.length; v++) {
      ramp[v] = (float) (3.0 * g.x(v % g.nx()));
    }
    VectorField u = new VectorField(g);
    java.util.Arrays.fill(u.ux(), 1.5f);
    float[] out = new float[g.size()];
    cpu.warp(ramp, g, u, Float.NaN, out);
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          float v = out[g.index(i, j, k)];
          if (i == g.nx() - 1) {
            // x + 1.5 mm is 0.75 voxel beyond the last centre: outside
            assertTrue(Float.isNaN(v));
          } else {
            assertEquals(3.0 * (g.x(i) + 1.5), v, 1e-4);
          }
        }
      }
    }
  }

  /** On even dimensions, 2x downsampling is the mean of each 2x2x2 block, computed here directly. */
  @Test
  void downsamplingEvenDimensionsAveragesBlocks() {
    Grid3 g = new Grid3(16, 12, 8, 1.5, 1.5, 3, 2, -3, 7);
    Grid3 half = Pyramid.half(g);
    assertEquals(8, half.nx());
    assertEquals(6, half.ny());
    assertEquals(4, half.nz());
    assertArrayEquals(g.centreMm(), half.centreMm(), 1e-9);
    SyntheticInputs in = SyntheticInputs.create(g, 8);
    float[] coarse = new float[half.size()];
    Pyramid.downsample(cpu, in.fixed(), g, coarse);
    for (int k = 0; k < half.nz(); k++) {
      for (int j = 0; j < half.ny(); j++) {
        for (int i = 0; i < half.nx(); i++) {
          double sum = 0;
          for (int c = 0; c < 8; c++) {
            sum += in.fixed()[g.index(2 * i + (c & 1), 2 * j + ((c >> 1) & 1), 2 * k + (c >> 2))];
          }
          assertEquals(sum / 8, coarse[half.index(i, j, k)], 1e-3, "coarse voxel " + i + "," + j + "," + k);
        }
      }
    }
  }

  /** Odd dimensions: the coarse centres fall on every other fine centre, round(n/2) voxels. */
  @Test
  void downsamplingOddDimensionsPointSamplesAndUpsamplingIsLinear() {
    Grid3 g = new Grid3(15, 9, 7, 2, 2, 2, 0, 0, 0);
    Grid3 half = Pyramid.half(g);
    assertEquals(8, half.nx());
    assertEquals(5, half.ny());
    assertEquals(4, half.nz());
    float[] lin = new float[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          lin[g.index(i, j, k)] = (float) (0.5 * g.x(i) - 2 * g.y(j) + 3 * g.z(k));
        }
      }
    }
    float[] coarse = new float[half.size()];
    Pyramid.downsample(cpu, lin, g, coarse);
    // voxel centres of the coarse grid that lie on fine centres keep the exact value
    assertEquals(lin[g.index(2, 2, 2)], coarse[half.index(1, 1, 1)], 1e-5);
    float[] back = new float[g.size()];
    Pyramid.upsample(cpu, coarse, half, g, back);
    // a linear function survives down and up away from the clamped edge voxels
    for (int k = 1; k < g.nz() - 1; k++) {
      for (int j = 1; j < g.ny() - 1; j++) {
        for (int i = 1; i < g.nx() - 1; i++) {
          assertEquals(lin[g.index(i, j, k)], back[g.index(i, j, k)], 1e-4);
        }
      }
    }
  }
}
