package org.twinsim.gpu.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One process's hold on the CUDA device: the device's primary context (retained with
 * {@code cuDevicePrimaryCtxRetain}, released on {@link #close()}), the PTX modules loaded from
 * resources ({@code cuModuleLoadData}, on first use), and a pool of device buffers keyed by size
 * so that repeated steps on one patient reuse the same allocations instead of calling cuMemAlloc.
 *
 * <p>Every method makes the context current on the calling thread first, so a context may be used
 * from any thread, but not from two at once: callers serialise (the kernels classes synchronise
 * on the context). Every CUDA error becomes a {@link GpuException}.
 */
public final class GpuContext implements Device, AutoCloseable {
  private final DeviceInfo device;
  private final CUdevice cuDevice;
  private final CUcontext context;
  private final Map<String, CUmodule> modules = new HashMap<>();
  private final Map<String, CUfunction> functions = new HashMap<>();
  private final Map<Long, ArrayDeque<CUdeviceptr>> idle = new HashMap<>();
  private final Map<CUdeviceptr, Long> all = new IdentityHashMap<>();
  private long allocatedBytes;
  private long allocations;
  private boolean closed;

  private GpuContext(DeviceInfo device, CUdevice cuDevice, CUcontext context) {
    this.device = device;
    this.cuDevice = cuDevice;
    this.context = context;
  }

  /**
   * Opens the probed device's primary context.
   *
   * @throws GpuException when the probe found no usable GPU (its reason in the message) or the
   *     context cannot be retained
   */
  public static GpuContext open() {
    return open(DeviceProbe.probe());
  }

  /** Opens the primary context of {@code device}; see {@link #open()}. */
  public static GpuContext open(DeviceInfo device) {
    if (!device.usable()) {
      throw GpuException.unavailable(device.present() ? device.describe() : device.reason());
    }
    try {
      GpuException.check(JCudaDriver.cuInit(0), "cuInit");
      CUdevice dev = new CUdevice();
      GpuException.check(JCudaDriver.cuDeviceGet(dev, device.ordinal()), "cuDeviceGet(" + device.ordinal() + ")");
      CUcontext ctx = new CUcontext();
      GpuException.check(JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain");
      GpuContext g = new GpuContext(device, dev, ctx);
      g.makeCurrent();
      return g;
    } catch (LinkageError e) {
      throw new GpuException("open", GpuException.NO_CODE, "CUDA driver library not loadable: "
          + GpuException.firstLine(e), e);
    }
  }

  /** The device this context runs on. */
  public DeviceInfo device() {
    return device;
  }

  @Override
  public DeviceInfo info() {
    return device;
  }

  /** Makes this context current on the calling thread. */
  public void makeCurrent() {
    requireOpen();
    GpuException.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
  }

  /** A kernel of a committed PTX module (the module is loaded on first use). */
  public synchronized CUfunction function(String module, String kernel) {
    String key = module + "/" + kernel;
    CUfunction f = functions.get(key);
    if (f != null) {
      return f;
    }
    makeCurrent();
    CUmodule m = modules.get(module);
    if (m == null) {
      m = new CUmodule();
      GpuException.check(JCudaDriver.cuModuleLoadData(m, PtxModules.ptxImage(module)), "cuModuleLoadData(" + module + ".ptx)");
      modules.put(module, m);
    }
    f = new CUfunction();
    GpuException.check(JCudaDriver.cuModuleGetFunction(f, m, kernel), "cuModuleGetFunction(" + key + ")");
    functions.put(key, f);
    return f;
  }

  /**
   * A device buffer of exactly {@code bytes} bytes: a pooled one of that size if idle, else a new
   * allocation; when the device is out of memory, the idle pool is freed and the allocation tried
   * once more. Close the buffer to return it to the pool.
   */
  @Override
  public synchronized DeviceBuffer buffer(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("device buffer size must be positive, got " + bytes);
    }
    requireOpen();
    ArrayDeque<CUdeviceptr> q = idle.get(bytes);
    if (q != null && !q.isEmpty()) {
      return new DeviceBuffer(this, q.pop(), bytes);
    }
    makeCurrent();
    CUdeviceptr p = new CUdeviceptr();
    int rc = JCudaDriver.cuMemAlloc(p, bytes);
    if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
      trim();
      rc = JCudaDriver.cuMemAlloc(p, bytes);
    }
    GpuException.check(rc, "cuMemAlloc(" + bytes + " bytes)");
    all.put(p, bytes);
    allocatedBytes += bytes;
    allocations++;
    return new DeviceBuffer(this, p, bytes);
  }

  /** Frees every idle pooled buffer. */
  public synchronized void trim() {
    makeCurrent();
    for (ArrayDeque<CUdeviceptr> q : idle.values()) {
      for (CUdeviceptr p : q) {
        free(p);
      }
    }
    idle.clear();
  }

  /** Device bytes currently allocated by this context (in use or idle in the pool). */
  @Override
  public synchronized long allocatedBytes() {
    return allocatedBytes;
  }

  /** cuMemAlloc calls made so far (a pool that works keeps this flat across repeated steps). */
  @Override
  public synchronized long allocations() {
    return allocations;
  }

  /**
   * Launches {@code f} on a 1-D grid and returns without waiting (errors of the kernel itself
   * surface at the next synchronising call).
   */
  public void launch(CUfunction f, String name, int blocks, int threads, int sharedBytes, Pointer params) {
    makeCurrent();
    GpuException.check(JCudaDriver.cuLaunchKernel(f, blocks, 1, 1, threads, 1, 1, sharedBytes, null, params, null),
        "cuLaunchKernel(" + name + ")");
  }

  /**
   * Launches a kernel of a committed module after checking the arguments against its PTX
   * parameters ({@link PtxSignatures}); the pointers must be this context's {@link DeviceBuffer}s.
   */
  @Override
  public void launch(String module, String kernel, int blocks, int threads, int sharedBytes, LaunchArgs args) {
    PtxSignatures.check(module, kernel, args);
    KernelArgs k = new KernelArgs();
    for (int i = 0; i < args.size(); i++) {
      Object v = args.value(i);
      switch (args.kind(i)) {
        case PTR -> {
          if (!(v instanceof DeviceBuffer b)) {
            throw new IllegalArgumentException("kernel " + kernel + " argument " + i + ": not a buffer of this context");
          }
          k.ptr(b);
        }
        case I32 -> k.i32((Integer) v);
        case I64 -> k.i64((Long) v);
        case F32 -> k.f32((Float) v);
        case F64 -> k.f64((Double) v);
        default -> throw new IllegalStateException("unknown argument kind " + args.kind(i));
      }
    }
    launch(function(module, kernel), kernel, blocks, threads, sharedBytes, k.pointer());
  }

  /** Waits for all launched work; kernel faults surface here as {@link GpuException}. */
  @Override
  public void synchronize() {
    makeCurrent();
    GpuException.check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
  }

  /**
   * Blocks for a grid-stride kernel over {@code n} items with {@code threads} per block: enough to
   * fill the device (16 blocks per multiprocessor), no more than the items need.
   */
  @Override
  public int blocksFor(long n, int threads) {
    long needed = (n + threads - 1) / threads;
    long fill = 16L * Math.max(1, device.multiprocessors());
    return (int) Math.max(1, Math.min(needed, fill));
  }

  synchronized void release(DeviceBuffer b) {
    if (closed) {
      return;
    }
    idle.computeIfAbsent(b.bytes(), k -> new ArrayDeque<>()).push(b.rawPointer());
  }

  private void free(CUdeviceptr p) {
    Long bytes = all.remove(p);
    if (bytes != null) {
      JCudaDriver.cuMemFree(p);
      allocatedBytes -= bytes;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("GPU context already closed");
    }
  }

  /** Frees every buffer, unloads the modules and releases the primary context. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      JCudaDriver.cuCtxSetCurrent(context);
      for (CUdeviceptr p : all.keySet().toArray(new CUdeviceptr[0])) {
        free(p);
      }
      idle.clear();
      for (CUmodule m : modules.values()) {
        JCudaDriver.cuModuleUnload(m);
      }
      modules.clear();
      functions.clear();
      JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice);
    } finally {
      closed = true;
    }
  }
}
