package org.twinsim.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class DeviceProbeTest {
  @Test
  void probeNeverThrowsAndIsCached() {
    DeviceInfo a = DeviceProbe.probe();
    DeviceInfo b = DeviceProbe.probe();
    assertSame(a, b, "the answer is cached");
    assertFalse(a.reason().isBlank());
    assertEquals(a.usable() ? "ok" : a.reason(), a.reason());
    assertTrue(a.describe().startsWith(a.present() ? a.name() : "no GPU: "), a.describe());
  }

  @Test
  void withoutAGpuTheProbeSaysWhyAndOpeningAContextFailsWithThatReason() {
    DeviceInfo d = DeviceProbe.probe();
    assumeFalse(d.usable(), "a usable GPU is present: " + d.describe());
    assertFalse(d.peakBandwidthBytesPerS() > 0);
    GpuException e = assertThrows(GpuException.class, GpuContext::open);
    assertTrue(e.getMessage().contains(d.reason()), e.getMessage());
    assertEquals(GpuException.NO_CODE, e.code());
  }

  @Test
  void disablingPropertyReportsNoGpuWithoutTouchingCuda() {
    String old = System.getProperty("twinsim.gpu.disable");
    System.setProperty("twinsim.gpu.disable", "true");
    try {
      DeviceInfo d = DeviceProbe.probeNow();
      assertFalse(d.present());
      assertEquals("no GPU: disabled by -Dtwinsim.gpu.disable=true", d.describe());
    } finally {
      if (old == null) {
        System.clearProperty("twinsim.gpu.disable");
      } else {
        System.setProperty("twinsim.gpu.disable", old);
      }
    }
  }

  /** The peak bandwidth formula against the H100 SXM's published 3.35 TB/s (2619 MHz HBM3, 5120-bit bus). */
  @Test
  void peakBandwidthFromClockAndBusWidth() {
    DeviceInfo h100 = new DeviceInfo(true, true, "ok", 1, 0, "NVIDIA H100 80GB HBM3", 9, 0, 85_000_000_000L, 13000,
        2_619_000, 5120, 132);
    assertEquals(3.35e12, h100.peakBandwidthBytesPerS(), 0.01e12);
    assertEquals("13.0", h100.driverVersionString());
    assertEquals("9.0", h100.computeCapability());
    assertTrue(h100.describe().contains("peak 3352 GB/s"), h100.describe());
  }

  /** With a GPU: the context opens, loads every module, and the pool reuses buffers. */
  @Test
  void withAGpuTheContextLoadsEveryKernelAndPoolsBuffers() {
    DeviceInfo d = DeviceProbe.probe();
    assumeTrue(d.usable(), "no usable GPU: " + d.reason());
    try (GpuContext ctx = GpuContext.open(d)) {
      for (var e : PtxModules.KERNELS.entrySet()) {
        for (String k : e.getValue()) {
          ctx.function(e.getKey(), k);
        }
      }
      long before = ctx.allocations();
      try (DeviceBuffer b = ctx.buffer(1 << 20)) {
        b.upload(new float[1 << 18]);
      }
      try (DeviceBuffer b = ctx.buffer(1 << 20)) {
        float[] back = new float[1 << 18];
        b.download(back);
      }
      assertEquals(before + 1, ctx.allocations(), "the second buffer of the same size comes from the pool");
    }
  }
}
