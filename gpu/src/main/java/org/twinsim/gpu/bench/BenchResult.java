package org.twinsim.gpu.bench;

/**
 * The timing of one kernel on one backend and grid: one row of bench.parquet.
 *
 * @param kernel kernel name (see {@link BenchHarness#KERNELS})
 * @param backend "cpu" or "gpu"
 * @param grid "2mm" or "4mm"
 * @param voxels voxels of the grid
 * @param warmup untimed calls before the timed ones
 * @param timing the timed calls' summary
 * @param bytesMoved the minimum bytes the kernel must read and write per call (its compulsory
 *     memory traffic; see {@link BenchHarness}); 0 when not meaningful
 * @param peakBandwidthBytesPerS the device's theoretical DRAM bandwidth for GPU rows whose traffic
 *     is device memory, else NaN
 */
public record BenchResult(String kernel, String backend, String grid, long voxels, int warmup, TimingStats timing,
                          long bytesMoved, double peakBandwidthBytesPerS) {

  /** Bytes moved per second at the median time; NaN when no traffic is counted. */
  public double bandwidthBytesPerS() {
    return bytesMoved <= 0 ? Double.NaN : bytesMoved / timing.medianS();
  }

  /** Achieved bandwidth as a fraction of the device's peak; NaN off the GPU or when unknown. */
  public double peakFraction() {
    return bandwidthBytesPerS() / peakBandwidthBytesPerS;
  }

  /** The key a baseline is matched on. */
  public String key() {
    return kernel + "/" + backend + "/" + grid;
  }
}
