package org.twinsim.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kernel signatures read from the committed PTX, and the launch check built on them. */
class PtxSignaturesTest {
  @Test
  void parsesEntriesAndTheirParameterTypes() {
    String ptx = ".visible .entry k1(\n\t.param .u64 k1_param_0,\n\t.param .u32 k1_param_1,\n\t.param .f64 k1_param_2\n)\n{\n}\n"
        + ".visible .entry k2(\n\t.param .align 8 .f32 k2_param_0\n)\n{\n}\n";
    Map<String, List<String>> m = PtxSignatures.parse(ptx);
    assertEquals(List.of(".u64", ".u32", ".f64"), m.get("k1"));
    assertEquals(List.of(".f32"), m.get("k2"));
  }

  @Test
  void everyLaunchedKernelHasASignature() {
    for (var e : PtxModules.KERNELS.entrySet()) {
      for (String k : e.getValue()) {
        List<String> types = PtxSignatures.of(e.getKey()).get(k);
        assertTrue(types != null && !types.isEmpty(), e.getKey() + "/" + k);
      }
    }
    // gaussian_pass(const float* in, float* out, int nx, int ny, int nz, int axis, const float* w, int r)
    assertEquals(List.of(".u64", ".u64", ".u32", ".u32", ".u32", ".u32", ".u64", ".u32"),
        PtxSignatures.of("gaussian").get("gaussian_pass"));
  }

  @Test
  void aLaunchWithTheWrongArgumentsIsRefusedBeforeItRuns() {
    LaunchArgs ok = new LaunchArgs().i64(1).i64(2).i32(3).i32(4).i32(5).i32(0).i64(7).i32(1);
    assertDoesNotThrow(() -> PtxSignatures.check("gaussian", "gaussian_pass", ok));
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> PtxSignatures.check("gaussian", "gaussian_pass", new LaunchArgs().i32(1)));
    assertTrue(count.getMessage().contains("takes 8 parameters, the launch passes 1"), count.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> PtxSignatures.check("gaussian",
        "gaussian_pass", new LaunchArgs().i64(1).i64(2).f32(3).i32(4).i32(5).i32(0).i64(7).i32(1)));
    assertTrue(type.getMessage().contains("parameter 2 is .u32, the launch passes F32"), type.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PtxSignatures.check("gaussian", "nope", ok));
  }
}
