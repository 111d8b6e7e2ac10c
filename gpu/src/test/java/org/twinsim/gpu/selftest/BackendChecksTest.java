package org.twinsim.gpu.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.emu.HostEmulatedDevice;
import org.twinsim.model.geometry.Grid3;

/**
 * The self-test's backend checks run end to end on the host emulation of the device (a small
 * workload: 8 mm, 5 iterations per level): every check passes, the registration fields are
 * bit-identical; and the checks fail a GPU result that is off.
 */
class BackendChecksTest {
  @Test
  void everyBackendCheckPassesOnTheEmulatedDevice() {
    String why = HostEmulatedDevice.unavailableReason();
    assumeTrue(why == null, why);
    List<CheckResult> r;
    try (HostEmulatedDevice d = HostEmulatedDevice.start()) {
      long t0 = System.nanoTime();
      r = BackendChecks.run(d, new BackendChecks.Workload(8, 5), 20260117L, s -> System.out.printf("%.1f s %s%n", (System.nanoTime() - t0) * 1e-9, s));
      System.out.printf("%.1f s done%n", (System.nanoTime() - t0) * 1e-9);
    }
    List<String> names = new ArrayList<>();
    for (CheckResult c : r) {
      System.out.println(c.line());
      names.add(c.name());
      assertTrue(c.passed(), c.line());
      if (c.name().startsWith("demons registration ") && !c.name().contains("reuses")) {
        assertEquals(0, c.differing(), "bit-identical field: " + c.line());
      }
    }
    assertEquals(8, r.size(), String.join("\n", names));
  }

  @Test
  void aDoseOffByMoreThanTheToleranceFails() {
    Grid3 g = new Grid3(20, 20, 20, 2, 2, 2, 0, 0, 0);
    float[] cpu = new float[g.size()];
    for (int i = 0; i < cpu.length; i++) {
      cpu[i] = 10f; // a flat field: gamma is the dose difference over 1% of the maximum
    }
    float[] gpu = cpu.clone();
    gpu[g.index(10, 10, 10)] *= 1.001f;
    List<CheckResult> c = BackendChecks.doseChecks("dose", g, cpu, gpu, List.of());
    assertFalse(c.get(0).passed(), c.get(0).line());
    assertTrue(c.get(1).passed(), "one voxel off by 0.1% still passes gamma 1%/1 mm: " + c.get(1).line());
    for (int i = 0; i < gpu.length; i += 3) { // 5% = gamma 5 where the search cannot reach an unchanged voxel within 2 mm
      gpu[i] *= 1.05f;
    }
    assertFalse(BackendChecks.doseChecks("dose", g, cpu, gpu, List.of()).get(1).passed(), "a third of the voxels 5% off");
    assertFalse(BackendChecks.doseChecks("dose", g, cpu, cpu, List.of("fell back")).get(0).passed(),
        "a fallback to the CPU is a failure of the GPU check");
  }
}
