package org.twinsim.gpu.cuda;

import java.util.Locale;

/**
 * What the {@link DeviceProbe} found: one CUDA device's identity and the figures the benchmark
 * needs, or the reason there is none.
 *
 * @param present a CUDA device answered the driver API
 * @param usable present, and able to run this module's kernels (compute capability >= 7.5 and a
 *     driver new enough for the committed PTX, ISA 9.0: CUDA 13.0, driver >= 580)
 * @param reason why the device is absent or unusable; "ok" when usable
 * @param deviceCount CUDA devices visible to this process (0 when none or unknown)
 * @param ordinal the device used (0 unless -Dtwinsim.gpu.device says otherwise)
 * @param name device name as the driver reports it; "" when absent
 * @param ccMajor compute capability, major (0 when absent)
 * @param ccMinor compute capability, minor
 * @param totalMemoryBytes global memory, bytes
 * @param driverVersion CUDA driver version as cuDriverGetVersion reports it (13000 for 13.0)
 * @param memoryClockKHz peak memory clock, kHz (0 when unknown)
 * @param busWidthBits global memory bus width, bits (0 when unknown)
 * @param multiprocessors streaming multiprocessors
 */
public record DeviceInfo(boolean present, boolean usable, String reason, int deviceCount, int ordinal, String name,
                         int ccMajor, int ccMinor, long totalMemoryBytes, int driverVersion, int memoryClockKHz,
                         int busWidthBits, int multiprocessors) {

  /** Lowest driver version (cuDriverGetVersion) that loads PTX ISA 9.0, emitted by CUDA 13's nvcc. */
  public static final int MIN_DRIVER_VERSION = 13000;
  /** Lowest compute capability the PTX targets (compute_75). */
  public static final int MIN_CC = 75;

  public DeviceInfo {
    reason = reason == null || reason.isBlank() ? (usable ? "ok" : "unknown") : reason;
    name = name == null ? "" : name.strip();
  }

  /** No usable device, for the given reason. */
  public static DeviceInfo none(String reason) {
    return new DeviceInfo(false, false, reason, 0, 0, "", 0, 0, 0, 0, 0, 0, 0);
  }

  /** "9.0", or "" when absent. */
  public String computeCapability() {
    return present ? ccMajor + "." + ccMinor : "";
  }

  /** "13.0" for 13000, or "" when unknown. */
  public String driverVersionString() {
    return driverVersion <= 0 ? "" : (driverVersion / 1000) + "." + (driverVersion % 1000) / 10;
  }

  /**
   * Theoretical peak DRAM bandwidth, bytes/s: 2 (double data rate) x memory clock x bus width / 8,
   * as in the CUDA samples' bandwidthTest and the CUDA C Programming Guide; NaN when the driver
   * does not report the clock or the bus width.
   */
  public double peakBandwidthBytesPerS() {
    if (!present || memoryClockKHz <= 0 || busWidthBits <= 0) {
      return Double.NaN;
    }
    return 2.0 * memoryClockKHz * 1e3 * (busWidthBits / 8.0);
  }

  /** One line: "NVIDIA H100 80GB HBM3, cc 9.0, 79.6 GiB, driver 13.0, 132 SMs" or "no GPU: reason". */
  public String describe() {
    if (!present) {
      return "no GPU: " + reason;
    }
    String s = String.format(Locale.ROOT, "%s, cc %s, %.1f GiB, driver %s, %d SMs", name, computeCapability(),
        totalMemoryBytes / (1024.0 * 1024 * 1024), driverVersionString(), multiprocessors);
    double peak = peakBandwidthBytesPerS();
    if (!Double.isNaN(peak)) {
      s += String.format(Locale.ROOT, ", peak %.0f GB/s", peak / 1e9);
    }
    return usable ? s : s + " (unusable: " + reason + ")";
  }
}
