package org.twinsim.gpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.cuda.DeviceInfo;

class BenchHarnessTest {
  @Test
  void quartilesAreNumpysLinearInterpolation() {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) -> 1.75, 2.5, 3.25
    TimingStats s = TimingStats.of(new double[] {4, 1, 3, 2});
    assertEquals(1.75, s.p25S(), 1e-12);
    assertEquals(2.5, s.medianS(), 1e-12);
    assertEquals(3.25, s.p75S(), 1e-12);
    assertEquals(1, s.minS());
    assertEquals(4, s.maxS());
    TimingStats t = TimingStats.of(new double[] {10, 1, 2, 3, 4});
    assertEquals(3, t.medianS());
    assertEquals(2, t.p25S());
    assertEquals(4, t.p75S());
    assertEquals(7, TimingStats.of(new double[] {7}).p75S());
  }

  @Test
  void gridsAreThePelvicBox() {
    assertEquals(200 * 140 * 120, BenchGrid.MM2.grid().size());
    assertEquals(100 * 70 * 60, BenchGrid.MM4.grid().size());
    assertEquals(BenchGrid.MM2, BenchGrid.parse("2MM"));
    assertThrows(IllegalArgumentException.class, () -> BenchGrid.parse("3mm"));
  }

  @Test
  void cpuRunTimesEveryCpuKernelAndNotesTheMissingGpu() {
    List<String> log = new ArrayList<>();
    BenchHarness h = new BenchHarness(new BenchHarness.Config(true, true, BenchGrid.MM4, 3, 1, 7)
        .withKernels(BenchHarness.SYNTHETIC), log::add);
    BenchHarness.Outcome o = h.run(DeviceInfo.none("no CUDA device (test)"));
    List<String> kernels = o.results().stream().map(BenchResult::kernel).toList();
    assertEquals(BenchHarness.SYNTHETIC.stream().filter(k -> !BenchHarness.GPU_ONLY.contains(k)).toList(), kernels,
        "every synthetic kernel but the GPU-only ones, in order");
    for (BenchResult r : o.results()) {
      assertEquals("cpu", r.backend());
      assertEquals("4mm", r.grid());
      assertEquals(3, r.timing().n());
      assertTrue(r.timing().minS() > 0 && r.timing().minS() <= r.timing().p25S() && r.timing().p25S() <= r.timing().medianS()
          && r.timing().medianS() <= r.timing().p75S() && r.timing().p75S() <= r.timing().maxS(), r.toString());
      assertTrue(r.bandwidthBytesPerS() > 0);
      assertTrue(Double.isNaN(r.peakFraction()), "no peak fraction on the CPU");
    }
    assertEquals(List.of("gpu skipped: no GPU: no CUDA device (test)"), o.notes());
    assertFalse(o.gpuFailed());
    List<String> lines = BenchReport.lines(o);
    assertTrue(lines.get(0).startsWith("machine: ") && lines.get(0).endsWith("; no GPU"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("demons_iteration       cpu  4mm")), String.join("\n", lines));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("bench: cpu gaussian")), String.join("\n", log));
  }

  @Test
  void kernelSelectionIsValidatedAndKeepsTheCanonicalOrder() {
    BenchHarness.Config c = new BenchHarness.Config(true, false, BenchGrid.MM4, 1, 0, 1).withKernels(List.of("dvh", "warp"));
    assertEquals(List.of("warp", "dvh"), c.kernels());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BenchHarness.Config(true, false, BenchGrid.MM4, 1, 0, 1).withKernels(List.of("wrap")));
    assertTrue(e.getMessage().contains("unknown kernel wrap") && e.getMessage().contains("plan_of_the_day"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new BenchHarness.Config(true, false, BenchGrid.MM4, 1, 0, 1, null, 0, 0, 1));
  }

  @Test
  void bytesMovedPerKernel() {
    assertEquals(24L * 1000, BenchHarness.bytesMoved("gaussian", 1000, 125));
    assertEquals(4L * 1000 + 4 * 125, BenchHarness.bytesMoved("downsample2", 1000, 125));
    assertEquals(20L * 1000 + 32 * 1000 + 3 * 24 * 1000, BenchHarness.bytesMoved("demons_iteration", 1000, 125),
        "an iteration is a warp, a force and three smoothings");
    assertEquals((22 + 33 + 6 * 24 + 24 + 36 + 25) * 1000L, BenchHarness.bytesMoved("registration_iteration", 1000, 125),
        "a registration iteration: warp, forces, 2 x 3 smoothing passes, copy, update, change");
  }

  @Test
  void regressionBeyondTheThresholdIsNamed() {
    List<RegressionCheck.Entry> base = List.of(
        new RegressionCheck.Entry("warp", "cpu", "2mm", 0.100, "Xeon", ""),
        new RegressionCheck.Entry("gaussian", "cpu", "2mm", 0.200, "Xeon", ""),
        new RegressionCheck.Entry("dvh", "cpu", "2mm", 0.010, "Xeon", ""));
    List<RegressionCheck.Entry> now = List.of(
        new RegressionCheck.Entry("warp", "cpu", "2mm", 0.1105, "Xeon", ""),
        new RegressionCheck.Entry("gaussian", "cpu", "2mm", 0.150, "Xeon", ""),
        new RegressionCheck.Entry("demons_force", "cpu", "2mm", 0.3, "Xeon", ""));
    RegressionCheck.Report r = RegressionCheck.compare(now, base, 10);
    assertTrue(r.regressed());
    assertEquals(List.of("warp/cpu/2mm"), r.regressions().stream().map(RegressionCheck.Comparison::key).toList());
    assertEquals(10.5, r.regressions().get(0).changePct(), 1e-9);
    assertEquals(List.of("dvh/cpu/2mm"), r.onlyInBaseline());
    assertEquals(List.of("demons_force/cpu/2mm"), r.onlyInCurrent());
    assertTrue(r.lines().get(r.lines().size() - 1).contains("REGRESSED: warp/cpu/2mm"));
    assertFalse(RegressionCheck.compare(now, base, 11).regressed());
    List<RegressionCheck.Entry> otherCpu = List.of(new RegressionCheck.Entry("warp", "cpu", "2mm", 0.1, "EPYC", ""));
    assertEquals(1, RegressionCheck.compare(otherCpu, base, 10).warnings().size());
    assertThrows(IllegalArgumentException.class, () -> RegressionCheck.compare(now, base, 0));
  }
}
