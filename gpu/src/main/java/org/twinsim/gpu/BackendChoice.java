package org.twinsim.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which backend a run uses and why, for the run manifest ({@code RunManifest.backends}: kernel ->
 * value) and the terminal.
 *
 * @param requested what was asked for
 * @param backend what runs
 * @param device the device in one line ({@code DeviceInfo.describe()} for the GPU, the CPU model
 *     and core count for the CPU)
 * @param reason why this backend: "cpu requested", "gpu available", "no GPU: ...", ...
 */
public record BackendChoice(BackendPreference requested, Backend backend, String device, String reason) {
  /** Kernels of the gpu module, the keys of {@link #manifestEntries()}. */
  public static final List<String> KERNELS = List.of("gaussian", "warp", "resample", "demons_force", "dvh",
      "demons_registration", "pencil_beam_dose", "dvh_metrics");

  /** Whether the GPU was requested (gpu, not auto) and is not used: callers print {@link #reason()} as a warning. */
  public boolean isDowngrade() {
    return requested == BackendPreference.GPU && backend == Backend.CPU;
  }

  /** "gpu (NVIDIA H100 ...; requested auto)" or "cpu (no GPU: ...; requested auto)". */
  public String manifestValue() {
    return backend.label() + " (" + (backend == Backend.GPU ? device : reason) + "; requested " + requested.label() + ")";
  }

  /** One manifest entry per kernel of this module, all with {@link #manifestValue()}. */
  public Map<String, String> manifestEntries() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : KERNELS) {
      m.put(k, manifestValue());
    }
    return m;
  }
}
