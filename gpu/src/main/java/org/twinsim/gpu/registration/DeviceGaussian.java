package org.twinsim.gpu.registration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twinsim.gpu.cuda.Device;
import org.twinsim.gpu.cuda.DeviceMemory;
import org.twinsim.gpu.cuda.LaunchArgs;
import org.twinsim.model.geometry.Grid3;

/**
 * {@link org.twinsim.model.registration.GaussianSmoother}'s separable smoothing on the device with
 * gaussian.cu's {@code gaussian_pass} (same weights, passed in; same clamp-to-edge boundary and
 * summation order: bit-identical): passes x, y, z, each skipped when its kernel has one tap, each
 * writing into the other buffer of a pair. The weights of each distinct kernel are uploaded once
 * and kept (a few dozen floats each).
 */
final class DeviceGaussian implements AutoCloseable {
  private static final int THREADS = 256;
  private static final int MAX_CACHED = 64;
  private final Device device;
  private final Map<Key, DeviceMemory> weights = new LinkedHashMap<>();

  DeviceGaussian(Device device) {
    this.device = device;
  }

  /**
   * Smooths {@code data} (on g) with the kernels {x, y, z}, using {@code scratch} (same size) as
   * the other buffer; returns the buffer that holds the result (data or scratch; the other holds
   * garbage).
   */
  DeviceMemory smooth(DeviceMemory data, DeviceMemory scratch, Grid3 g, float[][] k) {
    return smooth3(new DeviceMemory[] {data}, new DeviceMemory[] {scratch}, g, k)[0];
  }

  /**
   * Smooths each array of {@code data} (on g); returns {@code data} or {@code scratch}, whichever
   * holds the results.
   */
  DeviceMemory[] smooth3(DeviceMemory[] data, DeviceMemory[] scratch, Grid3 g, float[][] k) {
    DeviceMemory[] src = data;
    DeviceMemory[] dst = scratch;
    int blocks = device.blocksFor(g.size(), THREADS);
    for (int axis = 0; axis < 3; axis++) {
      float[] w = k[axis];
      if (w.length <= 1) {
        continue;
      }
      DeviceMemory wb = upload(w);
      for (int c = 0; c < src.length; c++) {
        device.launch("gaussian", "gaussian_pass", blocks, THREADS, 0, new LaunchArgs()
            .ptr(src[c]).ptr(dst[c]).i32(g.nx()).i32(g.ny()).i32(g.nz()).i32(axis).ptr(wb).i32(w.length / 2));
      }
      DeviceMemory[] t = src;
      src = dst;
      dst = t;
    }
    return src;
  }

  private DeviceMemory upload(float[] w) {
    Key key = new Key(w);
    DeviceMemory b = weights.get(key);
    if (b == null) {
      if (weights.size() >= MAX_CACHED) {
        close();
      }
      b = device.buffer(4L * w.length).upload(w);
      weights.put(key, b);
    }
    return b;
  }

  /** Returns the weight buffers to the pool. */
  @Override
  public void close() {
    weights.values().forEach(DeviceMemory::close);
    weights.clear();
  }

  private record Key(float[] w) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(w, k.w);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(w);
    }
  }
}
