package org.twinsim.gpu.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A block of device memory from a {@link GpuContext}'s pool. {@link #close()} returns it to the
 * pool (it stays allocated for the next request of the same size); the context frees everything
 * when it closes. Copies are synchronous and check the array length against the buffer size.
 */
public final class DeviceBuffer implements DeviceMemory {
  private final GpuContext context;
  private final CUdeviceptr ptr;
  private final long bytes;
  private boolean released;

  DeviceBuffer(GpuContext context, CUdeviceptr ptr, long bytes) {
    this.context = context;
    this.ptr = ptr;
    this.bytes = bytes;
  }

  /** The device address, for kernel arguments. */
  public CUdeviceptr pointer() {
    requireLive();
    return ptr;
  }

  /** Size in bytes. */
  @Override
  public long bytes() {
    return bytes;
  }

  /** Copies {@code a} (all of it) to the start of this buffer. */
  @Override
  public DeviceBuffer upload(float[] a) {
    return upload(Pointer.to(a), 4L * a.length, "float[" + a.length + "]");
  }

  /** Copies {@code a} (all of it) to the start of this buffer. */
  @Override
  public DeviceBuffer upload(byte[] a) {
    return upload(Pointer.to(a), a.length, "byte[" + a.length + "]");
  }

  /** Copies {@code a} (all of it) to the start of this buffer. */
  @Override
  public DeviceBuffer upload(double[] a) {
    return upload(Pointer.to(a), 8L * a.length, "double[" + a.length + "]");
  }

  /** Copies {@code a} (all of it) to the start of this buffer. */
  @Override
  public DeviceBuffer upload(int[] a) {
    return upload(Pointer.to(a), 4L * a.length, "int[" + a.length + "]");
  }

  /** Fills {@code a} (modified, all of it) from the start of this buffer. */
  @Override
  public void download(float[] a) {
    download(Pointer.to(a), 4L * a.length, "float[" + a.length + "]");
  }

  /** Fills {@code a} (modified) from the start of this buffer. */
  @Override
  public void download(double[] a) {
    download(Pointer.to(a), 8L * a.length, "double[" + a.length + "]");
  }

  /** Fills {@code a} (modified) from the start of this buffer. */
  @Override
  public void download(int[] a) {
    download(Pointer.to(a), 4L * a.length, "int[" + a.length + "]");
  }

  /** Sets the first {@code count} bytes to zero. */
  @Override
  public void zero(long count) {
    requireFits(count, "zero");
    context.makeCurrent();
    GpuException.check(JCudaDriver.cuMemsetD8(ptr, (byte) 0, count), "cuMemsetD8(" + count + " bytes)");
  }

  /** Copies the first {@code count} bytes of {@code src} into this buffer (device to device). */
  public void copyFrom(DeviceBuffer src, long count) {
    requireFits(count, "copy");
    src.requireFits(count, "copy");
    context.makeCurrent();
    GpuException.check(JCudaDriver.cuMemcpyDtoD(ptr, src.pointer(), count), "cuMemcpyDtoD(" + count + " bytes)");
  }

  @Override
  public void copyFrom(DeviceMemory src, long count) {
    if (!(src instanceof DeviceBuffer b)) {
      throw new IllegalArgumentException("copy: the source is not a buffer of a CUDA context");
    }
    copyFrom(b, count);
  }

  /** Returns the buffer to its context's pool; idempotent. */
  @Override
  public void close() {
    if (!released) {
      released = true;
      context.release(this);
    }
  }

  CUdeviceptr rawPointer() {
    return ptr;
  }

  private DeviceBuffer upload(Pointer host, long count, String what) {
    requireFits(count, "upload of " + what);
    context.makeCurrent();
    GpuException.check(JCudaDriver.cuMemcpyHtoD(ptr, host, count), "cuMemcpyHtoD(" + what + ")");
    return this;
  }

  private void download(Pointer host, long count, String what) {
    requireFits(count, "download into " + what);
    context.makeCurrent();
    GpuException.check(JCudaDriver.cuMemcpyDtoH(host, ptr, count), "cuMemcpyDtoH(" + what + ")");
  }

  private void requireFits(long count, String what) {
    requireLive();
    if (count > bytes) {
      throw new IllegalArgumentException(what + ": " + count + " bytes do not fit a device buffer of " + bytes + " bytes");
    }
  }

  private void requireLive() {
    if (released) {
      throw new IllegalStateException("device buffer of " + bytes + " bytes used after close()");
    }
  }
}
