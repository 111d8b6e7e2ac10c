package org.twinsim.gpu.cuda;

/**
 * A block of device memory of a {@link Device}. Copies are synchronous (a download waits for the
 * work queued before it) and copy whole host arrays to or from the start of the block, which may be
 * larger than the array. {@link #close()} returns the block to its device's pool.
 */
public interface DeviceMemory extends AutoCloseable {
  /** Size in bytes. */
  long bytes();

  /** Copies {@code a} (all of it) to the start of this block; returns this. */
  DeviceMemory upload(float[] a);

  /** Copies {@code a} (all of it) to the start of this block; returns this. */
  DeviceMemory upload(double[] a);

  /** Copies {@code a} (all of it) to the start of this block; returns this. */
  DeviceMemory upload(int[] a);

  /** Copies {@code a} (all of it) to the start of this block; returns this. */
  DeviceMemory upload(byte[] a);

  /** Fills {@code a} (modified, all of it) from the start of this block. */
  void download(float[] a);

  /** Fills {@code a} (modified, all of it) from the start of this block. */
  void download(double[] a);

  /** Fills {@code a} (modified, all of it) from the start of this block. */
  void download(int[] a);

  /** Sets the first {@code count} bytes to zero (queued). */
  void zero(long count);

  /** Copies the first {@code count} bytes of {@code src} (same device) into this block (queued). */
  void copyFrom(DeviceMemory src, long count);

  /** Returns the block to its device's pool; idempotent. */
  @Override
  void close();
}
