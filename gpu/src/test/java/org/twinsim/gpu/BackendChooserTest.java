package org.twinsim.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.ops.CpuVolumeKernels;

class BackendChooserTest {
  private static final DeviceInfo NONE = DeviceInfo.none("no CUDA device (test)");
  private static final DeviceInfo H100 = new DeviceInfo(true, true, "ok", 1, 0, "NVIDIA H100 80GB HBM3", 9, 0,
      85_000_000_000L, 13000, 2_619_000, 5120, 132);
  private static final DeviceInfo OLD_DRIVER = new DeviceInfo(true, false, "CUDA driver 12.4 too old for PTX ISA 9.0",
      1, 0, "Tesla T4", 7, 5, 16_000_000_000L, 12040, 5_001_000, 256, 40);

  @Test
  void decisionTable() {
    assertEquals(Backend.CPU, BackendChooser.choose(BackendPreference.CPU, H100).backend());
    assertEquals(Backend.CPU, BackendChooser.choose(BackendPreference.CPU, NONE).backend());
    assertEquals(Backend.GPU, BackendChooser.choose(BackendPreference.GPU, H100).backend());
    assertEquals(Backend.GPU, BackendChooser.choose(BackendPreference.AUTO, H100).backend());
    assertEquals(Backend.CPU, BackendChooser.choose(BackendPreference.AUTO, NONE).backend());
    assertEquals(Backend.CPU, BackendChooser.choose(BackendPreference.AUTO, OLD_DRIVER).backend());
    BackendChoice down = BackendChooser.choose(BackendPreference.GPU, NONE);
    assertEquals(Backend.CPU, down.backend());
    assertTrue(down.isDowngrade());
    assertTrue(down.reason().contains("gpu requested but unavailable") && down.reason().contains("no CUDA device (test)"),
        down.reason());
    assertFalse(BackendChooser.choose(BackendPreference.AUTO, NONE).isDowngrade());
  }

  @Test
  void manifestSaysWhichBackendAndWhy() {
    BackendChoice gpu = BackendChooser.choose(BackendPreference.AUTO, H100);
    assertTrue(gpu.manifestValue().startsWith("gpu (NVIDIA H100 80GB HBM3, cc 9.0"), gpu.manifestValue());
    assertTrue(gpu.manifestValue().endsWith("; requested auto)"), gpu.manifestValue());
    BackendChoice cpu = BackendChooser.choose(BackendPreference.AUTO, OLD_DRIVER);
    assertTrue(cpu.manifestValue().startsWith("cpu (Tesla T4") && cpu.manifestValue().contains("too old"),
        cpu.manifestValue());
    assertEquals(BackendChoice.KERNELS, new ArrayList<>(cpu.manifestEntries().keySet()));
  }

  @Test
  void preferenceParsing() {
    assertEquals(BackendPreference.AUTO, BackendPreference.parse(" Auto "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendPreference.parse("cuda"));
    assertEquals("backend: expected cpu, gpu or auto, got cuda", e.getMessage());
  }

  @Test
  void openingNeverFailsForWantOfAGpu() {
    List<String> warnings = new ArrayList<>();
    try (ComputeBackend b = ComputeBackend.open(BackendPreference.AUTO, NONE, warnings::add)) {
      assertInstanceOf(CpuVolumeKernels.class, b.kernels());
      assertTrue(warnings.isEmpty());
    }
    try (ComputeBackend b = ComputeBackend.open(BackendPreference.GPU, NONE, warnings::add)) {
      assertInstanceOf(CpuVolumeKernels.class, b.kernels());
      assertEquals(1, warnings.size(), "a requested GPU that is absent is a warning");
    }
    // A device the probe did not find (ordinal 99): the chooser picks the GPU, the context fails
    // (no driver here; no such ordinal on a GPU machine), and the run gets the CPU with the reason.
    DeviceInfo ghost = new DeviceInfo(true, true, "ok", 1, 99, "ghost", 9, 0, 1L << 30, 13000, 1, 1, 1);
    warnings.clear();
    try (ComputeBackend b = ComputeBackend.open(BackendPreference.AUTO, ghost, warnings::add)) {
      assertEquals(Backend.CPU, b.choice().backend());
      assertInstanceOf(CpuVolumeKernels.class, b.kernels());
      assertTrue(b.choice().reason().startsWith("GPU context could not be opened"), b.choice().reason());
      assertEquals(1, warnings.size());
    }
  }
}
