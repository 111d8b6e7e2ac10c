package org.twinsim.gpu.dose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.cuda.Device;
import org.twinsim.gpu.cuda.DeviceMemory;
import org.twinsim.gpu.cuda.LaunchArgs;
import org.twinsim.model.dose.DoseMetrics;
import org.twinsim.model.dose.DoseVolumeHistogram;
import org.twinsim.model.dose.DvhEngine;
import org.twinsim.model.geometry.LabelMap;

/**
 * Dose-volume histograms on a CUDA device: the GPU backend of {@link DvhEngine}, with
 * {@link DoseMetrics#histograms} as reference and fallback, and the same rule: each structure's
 * voxels with its descendants ({@link LabelMap#labelsWithin}), bin width = the largest dose of the
 * grid (and 0) / {@link DoseMetrics#DEFAULT_BINS} (1e-6 Gy when it is 0), negative doses counted as
 * 0, bin = (int) (dose / width) in double. Counts are integers (equal to the CPU's); minimum and
 * maximum are exact; the mean is a double sum in another order (a relative difference of order
 * 1e-15). Results are built with {@link DoseVolumeHistogram#fromCounts}, so every quantile and
 * volume metric equals the CPU's.
 *
 * <p>One pass over the grid for the maximum (in dose.cu's {@code dose_max}), one per structure for
 * its histogram ({@code dvh_structure}: shared-memory histogram per block, about 40 kB). Per call
 * the dose (4 bytes per voxel) and the labels (1 byte) go up, the counts come down. A dose grid
 * with NaN is handed to the CPU reference unchanged (whatever it makes of it). A device failure
 * falls back to the CPU with a warning ({@link GpuFallback}). Calls on one device are serialised
 * on it.
 */
public final class GpuDvhEngine implements DvhEngine, AutoCloseable {
  static final String MODULE = "dose";
  private static final int THREADS = 256;
  /**
   * Largest histogram held in shared memory, bins: the 48 kB a block may use without opting in,
   * less the kernel's 6400 bytes of static shared memory (ptxas, sm_75 and sm_90), in 4-byte
   * counts. The bin rule gives at most {@link DoseMetrics#DEFAULT_BINS} + 2.
   */
  static final int MAX_SHARED_BINS = (48 * 1024 - 6400) / 4;

  private final Device device;
  private final GpuFallback fallback;
  private final Map<String, DeviceMemory> buffers = new LinkedHashMap<>();

  /**
   * @param device the device, or null for the CPU reference only
   * @param fallback the fallback rule shared with the other GPU backends of the run
   */
  public GpuDvhEngine(Device device, GpuFallback fallback) {
    this.device = device;
    this.fallback = fallback == null ? new GpuFallback(null) : fallback;
  }

  @Override
  public Map<String, DoseVolumeHistogram> histograms(float[] doseGy, LabelMap labels, List<String> structures) {
    if (doseGy.length != labels.grid().size()) {
      throw new IllegalArgumentException("dose has " + doseGy.length + " voxels, label map " + labels.grid().size());
    }
    if (device == null || !fallback.gpuEnabled()) {
      return DoseMetrics.histograms(doseGy, labels, structures);
    }
    boolean[][] within = new boolean[structures.size()][];
    for (int i = 0; i < within.length; i++) {
      within[i] = labels.labelsWithin(structures.get(i)); // unknown structure: throws here, as on the CPU
    }
    Map<String, DoseVolumeHistogram> r = fallback.run("DVH", () -> {
      synchronized (device) {
        return onDevice(doseGy, labels, structures, within);
      }
    }, () -> null);
    return r != null ? r : DoseMetrics.histograms(doseGy, labels, structures);
  }

  /** The histograms on the device, or null when the dose has NaN (the caller uses the CPU). */
  private Map<String, DoseVolumeHistogram> onDevice(float[] doseGy, LabelMap labels, List<String> structures,
                                                     boolean[][] within) {
    int n = doseGy.length;
    DeviceMemory dose = grow("dose", 4L * n).upload(doseGy);
    DeviceMemory lab = grow("labels", n).upload(labels.labels());
    int blocks = device.blocksFor(n, THREADS);
    DeviceMemory partial = grow("partial", 8L * 3 * blocks);
    device.launch(MODULE, "dose_max", blocks, THREADS, 0, new LaunchArgs().ptr(dose).i64(n).ptr(partial).i64(0L));
    double[] h = new double[3 * blocks];
    partial.download(h);
    double max = 0;
    double nans = 0;
    for (int b = 0; b < blocks; b++) {
      max = Math.max(max, h[b]);
      nans += h[blocks + b];
    }
    if (nans > 0) {
      return null;
    }
    double bin = max > 0 ? max / DoseMetrics.DEFAULT_BINS : 1e-6;
    int bins = (int) Math.floor(max / bin) + 2;
    if (bins > MAX_SHARED_BINS) {
      return null; // a different bin rule than this kernel's shared histogram holds: CPU
    }
    DeviceMemory counts = grow("counts", 4L * bins);
    DeviceMemory lut = grow("lut", 256);
    int[] hostCounts = new int[bins];
    double cc = labels.grid().voxelVolumeCc();
    Map<String, DoseVolumeHistogram> out = new LinkedHashMap<>();
    for (int s = 0; s < structures.size(); s++) {
      byte[] table = new byte[256];
      for (int l = 0; l < 256; l++) {
        table[l] = (byte) (within[s][l] ? 1 : 0);
      }
      lut.upload(table);
      counts.zero(4L * bins);
      device.launch(MODULE, "dvh_structure", blocks, THREADS, 4 * bins, new LaunchArgs()
          .ptr(dose).ptr(lab).ptr(lut).i64(n).f64(bin).i32(bins).ptr(counts).ptr(partial).i64(0L));
      counts.download(hostCounts);
      partial.download(h);
      long[] c = new long[bins];
      long total = 0;
      for (int b = 0; b < bins; b++) {
        c[b] = Integer.toUnsignedLong(hostCounts[b]);
        total += c[b];
      }
      if (total == 0) {
        throw new IllegalArgumentException("structure " + structures.get(s) + " is empty on grid " + labels.grid()
            + ": its DVH and dose metrics are undefined");
      }
      double sum = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (int b = 0; b < blocks; b++) {
        sum += h[b];
        lo = Math.min(lo, h[blocks + b]);
        hi = Math.max(hi, h[2 * blocks + b]);
      }
      out.put(structures.get(s), DoseVolumeHistogram.fromCounts(structures.get(s), bin, c, cc, sum / total, lo, hi));
    }
    return out;
  }

  private DeviceMemory grow(String name, long bytes) {
    DeviceMemory b = buffers.get(name);
    if (b != null && b.bytes() >= bytes) {
      return b;
    }
    if (b != null) {
      b.close();
    }
    long cap = Long.highestOneBit(Math.max(64, bytes - 1)) << 1;
    b = device.buffer(cap);
    buffers.put(name, b);
    return b;
  }

  /** Returns the device buffers to the pool. */
  @Override
  public void close() {
    if (device == null) {
      return;
    }
    synchronized (device) {
      buffers.values().forEach(DeviceMemory::close);
      buffers.clear();
    }
  }
}
