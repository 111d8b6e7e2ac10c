package org.twinsim.gpu;

import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceProbe;

/**
 * Decides between CPU and GPU from what was asked and what the probe found:
 *
 * <table>
 *   <caption>decision</caption>
 *   <tr><th>requested</th><th>usable GPU</th><th>no usable GPU</th></tr>
 *   <tr><td>cpu</td><td>cpu</td><td>cpu</td></tr>
 *   <tr><td>gpu</td><td>gpu</td><td>cpu, reason says the GPU was requested but is unavailable</td></tr>
 *   <tr><td>auto</td><td>gpu</td><td>cpu</td></tr>
 * </table>
 *
 * A run never fails for want of a GPU: the choice records why it fell back (see
 * {@link BackendChoice#isDowngrade()}), and {@link ComputeBackend} also falls back when the GPU
 * context cannot be opened or a step fails.
 */
public final class BackendChooser {
  private BackendChooser() {
  }

  /** The choice for this process's probed device. */
  public static BackendChoice choose(BackendPreference requested) {
    return choose(requested, DeviceProbe.probe());
  }

  /** The choice for a given device (pure: used by tests with made-up devices). */
  public static BackendChoice choose(BackendPreference requested, DeviceInfo device) {
    String cpu = HostInfo.describe();
    return switch (requested) {
      case CPU -> new BackendChoice(requested, Backend.CPU, cpu, "cpu requested");
      case GPU -> device.usable()
          ? new BackendChoice(requested, Backend.GPU, device.describe(), "gpu requested and available")
          : new BackendChoice(requested, Backend.CPU, cpu, "gpu requested but unavailable, using the CPU: "
              + device.describe());
      case AUTO -> device.usable()
          ? new BackendChoice(requested, Backend.GPU, device.describe(), "gpu available")
          : new BackendChoice(requested, Backend.CPU, cpu, device.describe());
    };
  }
}
