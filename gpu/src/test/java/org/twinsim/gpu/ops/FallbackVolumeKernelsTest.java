package org.twinsim.gpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.Backend;
import org.twinsim.gpu.bench.SyntheticInputs;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/** A GPU that fails mid-step must cost nothing but time: same results as the CPU, and a warning. */
class FallbackVolumeKernelsTest {
  private static final Grid3 G = new Grid3(17, 13, 11, 2, 2, 2.5, 0, 0, 0);

  /** Writes garbage into every output and into the field, then fails as a GPU would. */
  static final class BrokenGpu implements VolumeKernels {
    final int code;
    int calls;

    BrokenGpu(int code) {
      this.code = code;
    }

    @Override
    public Backend backend() {
      return Backend.GPU;
    }

    private RuntimeException fail(String op, float[]... scribble) {
      calls++;
      for (float[] a : scribble) {
        java.util.Arrays.fill(a, 0, a.length / 2, 12345f);
      }
      return new GpuException(op, code, op + " failed: " + CUresult.stringFor(code), null);
    }

    @Override
    public void gaussian(float[] in, Grid3 grid, GaussianSpec spec, float[] out) {
      throw fail("gaussian", out);
    }

    @Override
    public void warp(float[] source, Grid3 sourceGrid, VectorField field, float outside, float[] out) {
      throw fail("warp", out);
    }

    @Override
    public void resample(float[] source, Grid3 sourceGrid, Grid3 target, float outside, float[] out) {
      throw fail("resample", out);
    }

    @Override
    public DemonsStats demonsForce(float[] fixed, float[] warpedMoving, DemonsForceParams params, VectorField u) {
      throw fail("demons", u.ux(), u.uy(), u.uz());
    }

    @Override
    public void dvh(float[] dose, byte[] labels, boolean[] inStructure, DvhBins bins, int[] counts) {
      calls++;
      java.util.Arrays.fill(counts, 7);
      throw new GpuException("dvh", code, "dvh failed", null);
    }
  }

  @Test
  void everyOperationFallsBackWithIdenticalResults() {
    SyntheticInputs in = SyntheticInputs.create(G, 5);
    CpuVolumeKernels cpu = new CpuVolumeKernels();
    List<String> warnings = new ArrayList<>();
    // out of memory is not sticky: the GPU is retried at every step until 3 failures in a row
    BrokenGpu broken = new BrokenGpu(CUresult.CUDA_ERROR_OUT_OF_MEMORY);
    FallbackVolumeKernels fb = new FallbackVolumeKernels(broken, cpu, warnings::add);
    int n = G.size();

    float[] a = new float[n];
    float[] b = new float[n];
    fb.gaussian(in.fixed(), G, GaussianSpec.isotropic(3), a);
    cpu.gaussian(in.fixed(), G, GaussianSpec.isotropic(3), b);
    assertArrayEquals(b, a);
    fb.warp(in.moving(), G, in.field(), Float.NaN, a);
    cpu.warp(in.moving(), G, in.field(), Float.NaN, b);
    assertArrayEquals(b, a);
    assertEquals(2, broken.calls);
    assertFalse(fb.gpuDisabled());

    VectorField u1 = new VectorField(G, in.field().ux().clone(), in.field().uy().clone(), in.field().uz().clone());
    VectorField u2 = new VectorField(G, in.field().ux().clone(), in.field().uy().clone(), in.field().uz().clone());
    DemonsStats s1 = fb.demonsForce(in.fixed(), in.moving(), DemonsForceParams.defaults(), u1);
    DemonsStats s2 = cpu.demonsForce(in.fixed(), in.moving(), DemonsForceParams.defaults(), u2);
    assertEquals(s2, s1);
    assertArrayEquals(u2.ux(), u1.ux(), "the field scribbled on by the failed GPU step was restored first");
    assertArrayEquals(u2.uy(), u1.uy());
    assertArrayEquals(u2.uz(), u1.uz());
    assertEquals(3, broken.calls);
    assertTrue(fb.gpuDisabled(), "three consecutive failures give the GPU up");
    assertEquals(Backend.CPU, fb.backend());

    int[] ha = new int[100];
    int[] hb = new int[100];
    fb.dvh(in.dose(), in.labels(), in.inStructure(), new DvhBins(1, 100), ha);
    cpu.dvh(in.dose(), in.labels(), in.inStructure(), new DvhBins(1, 100), hb);
    assertArrayEquals(hb, ha);
    assertEquals(3, broken.calls, "a disabled GPU is not called");
    assertEquals(3, fb.fallbacks());
    assertEquals(3, warnings.size());
    assertTrue(warnings.get(0).startsWith("GPU step gaussian failed (gaussian failed: CUDA_ERROR_OUT_OF_MEMORY"),
        warnings.get(0));
    assertTrue(warnings.get(2).endsWith("3 consecutive GPU failures, the GPU is not used again in this run"),
        warnings.get(2));
  }

  @Test
  void aStickyErrorGivesTheGpuUpAtOnce() {
    SyntheticInputs in = SyntheticInputs.create(G, 6);
    List<String> warnings = new ArrayList<>();
    BrokenGpu broken = new BrokenGpu(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
    FallbackVolumeKernels fb = new FallbackVolumeKernels(broken, new CpuVolumeKernels(), warnings::add);
    float[] a = new float[G.size()];
    fb.resample(in.fixed(), G, Pyramid.half(G), 0f, new float[Pyramid.half(G).size()]);
    fb.gaussian(in.fixed(), G, GaussianSpec.isotropic(2), a);
    assertEquals(1, broken.calls);
    assertTrue(fb.gpuDisabled());
    assertTrue(warnings.get(0).contains("the CUDA context is unusable"), warnings.get(0));
  }
}
