package org.twinsim.gpu.cuda;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaError;

/**
 * Finds the CUDA device, never throwing. Follows the order that is safe on machines without a GPU
 * or driver (DEPENDENCIES.md, "GPU: JCuda"): {@code JCuda.cudaGetDeviceCount} first (the runtime
 * library is carried by JCuda and returns an error code when libcuda.so.1 is missing), the driver
 * API only when that count is positive, every {@link LinkageError} caught (the first touch of
 * {@code JCudaDriver} without libcuda.so.1 throws {@code UnsatisfiedLinkError}, later touches
 * {@code NoClassDefFoundError}). The answer is computed once per process and cached.
 *
 * <p>System properties: {@code twinsim.gpu.disable=true} reports no GPU without touching CUDA
 * (forces the CPU path); {@code twinsim.gpu.device=N} picks device ordinal N (default 0).
 */
public final class DeviceProbe {
  private static volatile DeviceInfo cached;

  private DeviceProbe() {
  }

  /** The device of this process (probed on the first call, then cached). Never throws. */
  public static DeviceInfo probe() {
    DeviceInfo d = cached;
    if (d == null) {
      synchronized (DeviceProbe.class) {
        d = cached;
        if (d == null) {
          d = probeNow();
          cached = d;
        }
      }
    }
    return d;
  }

  /** Probes again, ignoring the cache (and not updating it). Never throws. */
  static DeviceInfo probeNow() {
    if (Boolean.getBoolean("twinsim.gpu.disable")) {
      return DeviceInfo.none("disabled by -Dtwinsim.gpu.disable=true");
    }
    int count;
    try {
      int[] c = new int[1];
      int rc = JCuda.cudaGetDeviceCount(c);
      if (rc != cudaError.cudaSuccess) {
        return DeviceInfo.none(runtimeReason(rc));
      }
      count = c[0];
    } catch (LinkageError e) {
      return DeviceInfo.none("JCuda runtime library not loadable (" + firstLine(e) + ")");
    } catch (RuntimeException e) {
      return DeviceInfo.none("CUDA runtime probe failed (" + firstLine(e) + ")");
    }
    if (count <= 0) {
      return DeviceInfo.none("no CUDA device (cudaGetDeviceCount = 0)");
    }
    int ordinal = Integer.getInteger("twinsim.gpu.device", 0);
    if (ordinal < 0 || ordinal >= count) {
      return DeviceInfo.none("-Dtwinsim.gpu.device=" + ordinal + " but " + count + " device(s) visible");
    }
    try {
      return driverProbe(count, ordinal);
    } catch (LinkageError e) {
      return DeviceInfo.none("CUDA driver library not loadable (" + firstLine(e) + ")");
    } catch (RuntimeException e) {
      return DeviceInfo.none("CUDA driver probe failed (" + firstLine(e) + ")");
    }
  }

  private static DeviceInfo driverProbe(int count, int ordinal) {
    int rc = JCudaDriver.cuInit(0);
    if (rc != CUresult.CUDA_SUCCESS) {
      return DeviceInfo.none("cuInit failed: " + CUresult.stringFor(rc));
    }
    CUdevice dev = new CUdevice();
    rc = JCudaDriver.cuDeviceGet(dev, ordinal);
    if (rc != CUresult.CUDA_SUCCESS) {
      return DeviceInfo.none("cuDeviceGet(" + ordinal + ") failed: " + CUresult.stringFor(rc));
    }
    byte[] nameBytes = new byte[256];
    String name = JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, dev) == CUresult.CUDA_SUCCESS
        ? cString(nameBytes) : "CUDA device " + ordinal;
    int major = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
    int minor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    int sms = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    int clock = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
    int bus = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
    long[] mem = new long[1];
    if (JCudaDriver.cuDeviceTotalMem(mem, dev) != CUresult.CUDA_SUCCESS) {
      mem[0] = 0;
    }
    int[] drv = new int[1];
    if (JCudaDriver.cuDriverGetVersion(drv) != CUresult.CUDA_SUCCESS) {
      drv[0] = 0;
    }
    String reason = "ok";
    boolean usable = true;
    if (major * 10 + minor < DeviceInfo.MIN_CC) {
      usable = false;
      reason = "compute capability " + major + "." + minor + " < 7.5 (the PTX targets compute_75)";
    } else if (drv[0] < DeviceInfo.MIN_DRIVER_VERSION) {
      usable = false;
      reason = "CUDA driver " + drv[0] / 1000 + "." + (drv[0] % 1000) / 10
          + " too old for PTX ISA 9.0 (needs CUDA 13.0, driver >= 580)";
    }
    return new DeviceInfo(true, usable, reason, count, ordinal, name, major, minor, mem[0], drv[0], clock, bus, sms);
  }

  private static int attribute(CUdevice dev, int attr) {
    int[] v = new int[1];
    return JCudaDriver.cuDeviceGetAttribute(v, attr, dev) == CUresult.CUDA_SUCCESS ? v[0] : 0;
  }

  private static String runtimeReason(int rc) {
    String code = cudaError.stringFor(rc);
    if (rc == cudaError.cudaErrorInsufficientDriver) {
      return "no NVIDIA driver (libcuda.so.1 missing) or driver too old (" + code + ")";
    }
    if (rc == cudaError.cudaErrorNoDevice) {
      return "no CUDA device (" + code + ")";
    }
    return "CUDA runtime error " + code;
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static String firstLine(Throwable t) {
    String m = t.getClass().getSimpleName() + ": " + t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
