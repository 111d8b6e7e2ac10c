package org.twinsim.gpu.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceProbe;
import org.twinsim.gpu.cuda.GpuContext;
import org.twinsim.gpu.ops.CpuVolumeKernels;
import org.twinsim.gpu.ops.GpuVolumeKernels;
import org.twinsim.gpu.ops.VolumeKernels;

/**
 * GPU = CPU within the documented tolerances (see {@link EquivalenceChecks}). Runs only where the
 * probe finds a usable GPU; elsewhere it is skipped with the probe's reason. The checks' own
 * comparison logic is tested on the CPU below, so that a GPU run cannot pass by comparing nothing.
 */
class GpuEquivalenceTest {
  @Test
  void gpuEqualsCpu() {
    DeviceInfo d = DeviceProbe.probe();
    assumeTrue(d.usable(), "no usable GPU: " + d.reason());
    try (GpuContext ctx = GpuContext.open(d)) {
      List<CheckResult> r = EquivalenceChecks.run(new GpuVolumeKernels(ctx), new CpuVolumeKernels(), 20260117L);
      String failed = r.stream().filter(c -> !c.passed()).map(CheckResult::line).collect(Collectors.joining("\n"));
      assertTrue(failed.isEmpty(), failed);
    }
  }

  /** CPU against itself: every check passes with zero differences. */
  @Test
  void checksPassForIdenticalBackends() {
    CpuVolumeKernels cpu = new CpuVolumeKernels();
    var g = EquivalenceChecks.grids().get(0);
    List<CheckResult> r = EquivalenceChecks.run(cpu, new CpuVolumeKernels(), g, 3);
    assertTrue(r.size() >= 12, r.size() + " checks");
    for (CheckResult c : r) {
      assertTrue(c.passed() && c.differing() == 0, c.line());
    }
  }

  /** A backend that is off by one part in 10^4 in warps, or NaN where it should not be, fails. */
  @Test
  void checksCatchADeviatingBackend() {
    CpuVolumeKernels cpu = new CpuVolumeKernels();
    VolumeKernels skewed = new VolumeKernels() {
      @Override
      public org.twinsim.gpu.Backend backend() {
        return org.twinsim.gpu.Backend.GPU;
      }

      @Override
      public void gaussian(float[] in, org.twinsim.model.geometry.Grid3 grid, org.twinsim.gpu.ops.GaussianSpec spec, float[] out) {
        cpu.gaussian(in, grid, spec, out);
        out[out.length / 2] = Float.NaN;
      }

      @Override
      public void warp(float[] s, org.twinsim.model.geometry.Grid3 sg, org.twinsim.model.geometry.VectorField f, float o, float[] out) {
        cpu.warp(s, sg, f, o, out);
        for (int v = 0; v < out.length; v++) {
          out[v] *= 1.0001f;
        }
      }

      @Override
      public void resample(float[] s, org.twinsim.model.geometry.Grid3 sg, org.twinsim.model.geometry.Grid3 t, float o, float[] out) {
        cpu.resample(s, sg, t, o, out);
      }

      @Override
      public org.twinsim.gpu.ops.DemonsStats demonsForce(float[] f, float[] m, org.twinsim.gpu.ops.DemonsForceParams p,
                                                           org.twinsim.model.geometry.VectorField u) {
        return cpu.demonsForce(f, m, p, u);
      }

      @Override
      public void dvh(float[] dose, byte[] labels, boolean[] in, org.twinsim.gpu.ops.DvhBins bins, int[] counts) {
        cpu.dvh(dose, labels, in, bins, counts);
        counts[0]++;
      }
    };
    List<CheckResult> r = EquivalenceChecks.run(skewed, cpu, EquivalenceChecks.grids().get(0), 3);
    for (CheckResult c : r) {
      boolean shouldFail = c.name().startsWith("gaussian") || c.name().startsWith("warp") || c.name().startsWith("dvh")
          || c.name().startsWith("10 demons");
      assertTrue(c.passed() != shouldFail, c.line());
    }
  }
}
