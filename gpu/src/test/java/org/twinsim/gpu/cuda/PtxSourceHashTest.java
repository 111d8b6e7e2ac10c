package org.twinsim.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX must be built from the committed sources: a .cu edited without running
 * gpu/build-ptx.sh fails here, naming the module and the command that fixes it.
 */
class PtxSourceHashTest {
  private static final Path CUDA = Path.of("src/main/cuda");

  @Test
  void everySourceHasItsPtxAndTheRecordedHashMatches() throws Exception {
    Set<String> sources;
    try (Stream<Path> s = Files.list(CUDA)) {
      sources = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".cu"))
          .map(f -> f.substring(0, f.length() - 3)).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(PtxModules.KERNELS.keySet()), sources,
        "each .cu under " + CUDA + " is a module the Java side knows (PtxModules.KERNELS), and vice versa");
    for (String m : sources) {
      byte[] src = Files.readAllBytes(CUDA.resolve(m + ".cu"));
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(src));
      assertEquals(actual, PtxModules.recordedSourceSha256(m),
          m + ".cu changed since its PTX was built: run gpu/build-ptx.sh and commit the new PTX");
    }
  }

  @Test
  void everyKernelTheJavaSideLaunchesIsAnEntryOfItsPtx() {
    for (var e : PtxModules.KERNELS.entrySet()) {
      String ptx = PtxModules.ptxText(e.getKey());
      assertTrue(ptx.contains(".target sm_75"), e.getKey() + ".ptx targets compute_75");
      for (String k : e.getValue()) {
        assertTrue(ptx.contains(".entry " + k + "("), e.getKey() + ".ptx exports " + k);
      }
      if (!e.getKey().equals("dose")) {
        // dose.cu calls CUDA's double exp(), whose libdevice implementation fuses on purpose: the dose
        // agrees with the CPU to float precision, not bit for bit (see dose.cu)
        assertTrue(!ptx.contains("fma.rn"), e.getKey() + ".ptx has no fused multiply-add (bit-identical to Java)");
      }
      byte[] image = PtxModules.ptxImage(e.getKey());
      assertEquals(0, image[image.length - 1], "the image is NUL-terminated for cuModuleLoadData");
    }
  }
}
