package org.twinsim.gpu.bench;

import org.twinsim.gpu.HostInfo;
import org.twinsim.gpu.cuda.DeviceInfo;

/**
 * The machine a benchmark ran on, stored with every bench.parquet row so that a comparison with a
 * baseline can tell whether it compares like with like.
 *
 * @param cpuModel CPU model name
 * @param cpuCores processors available to the JVM
 * @param gpuName GPU name, "" without a GPU
 * @param gpuComputeCapability "9.0", "" without a GPU
 * @param gpuMemoryBytes GPU global memory, 0 without a GPU
 * @param gpuDriver CUDA driver version "13.0", "" without a GPU
 * @param gpuPeakBandwidthBytesPerS theoretical DRAM bandwidth, NaN when unknown
 * @param os operating system and architecture
 * @param javaVersion Java runtime version (and vendor)
 */
public record HardwareFingerprint(String cpuModel, int cpuCores, String gpuName, String gpuComputeCapability,
                                  long gpuMemoryBytes, String gpuDriver, double gpuPeakBandwidthBytesPerS,
                                  String os, String javaVersion) {

  /** This machine, with the probed device (which may be none). */
  public static HardwareFingerprint current(DeviceInfo device) {
    return new HardwareFingerprint(HostInfo.cpuModel(), HostInfo.cores(),
        device.present() ? device.name() : "", device.computeCapability(), device.present() ? device.totalMemoryBytes() : 0,
        device.driverVersionString(), device.peakBandwidthBytesPerS(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
  }

  /** One line for the terminal. */
  public String describe() {
    String cpu = cpuModel + ", " + cpuCores + " cores";
    return gpuName.isEmpty() ? cpu + "; no GPU" : cpu + "; " + gpuName + " (cc " + gpuComputeCapability + ", "
        + String.format(java.util.Locale.ROOT, "%.1f GiB", gpuMemoryBytes / (1024.0 * 1024 * 1024)) + ", driver "
        + gpuDriver + ")";
  }
}
