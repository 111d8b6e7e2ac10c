package org.twinsim.gpu.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The committed PTX modules (resources under {@code org/twinsim/gpu/ptx/}, built from
 * {@code gpu/src/main/cuda/*.cu} by {@code gpu/build-ptx.sh}) and the kernels each must export.
 * Next to each {@code NAME.ptx} lies {@code NAME.ptx.sha256}: the SHA-256 of the source it was
 * built from, which a test compares with the source in the tree.
 */
public final class PtxModules {
  /** Resource folder of the PTX files. */
  public static final String RESOURCE_DIR = "/org/twinsim/gpu/ptx/";
  /** Module name -> the kernels the Java side launches from it. */
  public static final Map<String, List<String>> KERNELS = Map.of(
      "gaussian", List.of("gaussian_pass"),
      "resample", List.of("resample_trilinear", "warp_trilinear"),
      "demons", List.of("demons_force"),
      "dvh", List.of("dvh_histogram"),
      "dose", List.of("wepl_trace", "pencil_dose", "dose_max", "dvh_structure"),
      "registration", List.of("reg_resample_clamped", "reg_gradient", "reg_warp", "reg_forces", "reg_add_update",
          "reg_pin_faces", "reg_field_change", "reg_norm_stats", "reg_scale", "reg_compose"));

  private PtxModules() {
  }

  /** The PTX text of a module, NUL-terminated as cuModuleLoadData expects. */
  public static byte[] ptxImage(String module) {
    byte[] text = resource(module + ".ptx");
    byte[] z = new byte[text.length + 1];
    System.arraycopy(text, 0, z, 0, text.length);
    return z;
  }

  /** The PTX text of a module. */
  public static String ptxText(String module) {
    return new String(resource(module + ".ptx"), StandardCharsets.US_ASCII);
  }

  /** The SHA-256 (hex) of the .cu source recorded when the module's PTX was built. */
  public static String recordedSourceSha256(String module) {
    String line = new String(resource(module + ".ptx.sha256"), StandardCharsets.US_ASCII).strip();
    int sp = line.indexOf(' ');
    return sp < 0 ? line : line.substring(0, sp);
  }

  private static byte[] resource(String file) {
    try (InputStream in = PtxModules.class.getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        throw new GpuException("load PTX", GpuException.NO_CODE, "missing resource " + RESOURCE_DIR + file
            + " (run gpu/build-ptx.sh and rebuild)", null);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new GpuException("load PTX", GpuException.NO_CODE, "cannot read resource " + RESOURCE_DIR + file, e);
    }
  }
}
