package org.twinsim.gpu.emu;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.twinsim.gpu.cuda.Device;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceMemory;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.gpu.cuda.LaunchArgs;
import org.twinsim.gpu.cuda.PtxSignatures;

/**
 * A {@link Device} for tests without a GPU: the committed .cu sources compiled for the host with
 * g++ (src/test/cuda-host/device_emu.cpp, cuda_host.h: single IEEE operations, no contraction) in a
 * child process that holds the "device" buffers and runs each launch block by block with one thread
 * per block. Every launch is first checked against the kernel's signature in the committed PTX
 * ({@link PtxSignatures}), as {@link org.twinsim.gpu.cuda.GpuContext} does, and the emulator checks
 * the argument kinds again and guards every buffer's end. What it cannot check: the PTX itself, the
 * driver's JIT, and parallel execution within a block (races, barriers).
 *
 * <p>A failure of the emulated device (a kernel error, an injected fault) is a {@link GpuException},
 * as on the GPU. Not thread-safe (tests serialise on the instance, as the backends do).
 */
public final class HostEmulatedDevice implements Device, AutoCloseable {
  private static final Path BUILD = Path.of("target/cuda-emu");
  private static Path binary;
  private static String unavailable;

  private final Process process;
  private final DataInputStream in;
  private final OutputStream out;
  private final DeviceInfo info = new DeviceInfo(true, true, "ok", 1, 0, "host emulation (g++)", 9, 0,
      1L << 32, 13000, 0, 0, 2);
  private int nextId = 1;
  private long allocations;
  private long allocated;
  private long launches;
  private final java.util.Map<String, Long> launchesByKernel = new java.util.HashMap<>();
  /** Launches that fail with a GpuException on purpose: the n-th launch from now (0 = none). */
  private long failAtLaunch;
  private String failKernel;

  private HostEmulatedDevice(Process p) {
    this.process = p;
    this.in = new DataInputStream(new BufferedInputStream(p.getInputStream(), 1 << 16));
    this.out = new BufferedOutputStream(p.getOutputStream(), 1 << 16);
  }

  /** Why the emulator cannot be built here (no g++, compile error), or null when it can. */
  public static synchronized String unavailableReason() {
    build();
    return unavailable;
  }

  /** Starts an emulated device; call only when {@link #unavailableReason()} is null. */
  public static synchronized HostEmulatedDevice start() {
    build();
    if (unavailable != null) {
      throw new IllegalStateException(unavailable);
    }
    try {
      Process p = new ProcessBuilder(binary.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new HostEmulatedDevice(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the device emulator: " + e.getMessage(), e);
    }
  }

  private static void build() {
    if (binary != null || unavailable != null) {
      return;
    }
    try {
      Process v = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
      v.getInputStream().readAllBytes();
      if (v.waitFor() != 0) {
        unavailable = "g++ --version failed";
        return;
      }
    } catch (IOException | InterruptedException e) {
      unavailable = "g++ not installed";
      return;
    }
    try {
      Files.createDirectories(BUILD);
      try (var s = Files.list(Path.of("src/main/cuda"))) {
        for (Path cu : s.filter(f -> f.toString().endsWith(".cu")).toList()) {
          // dynamic shared memory has no host equivalent: the emulator defines the arrays
          Files.writeString(BUILD.resolve(cu.getFileName()), Files.readString(cu).replace("extern __shared__", "extern"));
        }
      }
      try (var s = Files.list(Path.of("src/test/cuda-host"))) {
        for (Path f : s.toList()) {
          Files.copy(f, BUILD.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Process p = new ProcessBuilder("g++", "-std=c++17", "-O2", "-ffp-contract=off", "-fno-fast-math", "-o", "device_emu",
          "device_emu.cpp").directory(BUILD.toFile()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("compiling the device emulator failed:\n" + log);
      }
      binary = BUILD.resolve("device_emu");
    } catch (IOException | InterruptedException e) {
      unavailable = "cannot build the device emulator: " + e.getMessage();
    }
  }

  /** Makes the {@code n}-th launch from now (1 = the next) of {@code kernel} (null: any) fail. */
  public void failLaunch(long n, String kernel) {
    failAtLaunch = n;
    failKernel = kernel;
  }

  /** Launches made so far. */
  public long launches() {
    return launches;
  }

  /** Launches of one kernel made so far. */
  public long launches(String kernel) {
    return launchesByKernel.getOrDefault(kernel, 0L);
  }

  @Override
  public DeviceInfo info() {
    return info;
  }

  @Override
  public DeviceMemory buffer(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("device buffer size must be positive, got " + bytes);
    }
    int id = nextId++;
    send(ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'A').putInt(id).putLong(bytes));
    ack("allocate");
    allocations++;
    allocated += bytes;
    return new Memory(id, bytes);
  }

  @Override
  public void launch(String module, String kernel, int blocks, int threads, int sharedBytes, LaunchArgs args) {
    PtxSignatures.check(module, kernel, args);
    if (failAtLaunch > 0 && (failKernel == null || failKernel.equals(kernel)) && --failAtLaunch == 0) {
      throw new GpuException("cuLaunchKernel(" + kernel + ")", 719, "cuLaunchKernel(" + kernel
          + ") failed: CUDA_ERROR_LAUNCH_FAILED (injected by the test)", null);
    }
    byte[] name = kernel.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(1 + 2 + name.length + 16 + 9 * args.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'L').putShort((short) name.length).put(name).putInt(blocks).putInt(threads).putInt(sharedBytes)
        .putInt(args.size());
    for (int i = 0; i < args.size(); i++) {
      Object v = args.value(i);
      switch (args.kind(i)) {
        case PTR -> b.put((byte) 'p').putInt(((Memory) v).id);
        case I32 -> b.put((byte) 'i').putInt((Integer) v);
        case I64 -> b.put((byte) 'l').putLong((Long) v);
        case F32 -> b.put((byte) 'f').putFloat((Float) v);
        case F64 -> b.put((byte) 'd').putDouble((Double) v);
        default -> throw new IllegalStateException();
      }
    }
    send(b);
    ack("launch of " + kernel);
    launches++;
    launchesByKernel.merge(kernel, 1L, Long::sum);
  }

  @Override
  public void synchronize() {
    // launches are synchronous
  }

  @Override
  public long allocations() {
    return allocations;
  }

  @Override
  public long allocatedBytes() {
    return allocated;
  }

  @Override
  public void close() {
    try {
      out.write('Q');
      out.flush();
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      // the process is gone already
    } finally {
      process.destroy();
    }
  }

  private void send(ByteBuffer b) {
    try {
      out.write(b.array(), 0, b.position());
    } catch (IOException e) {
      throw new GpuException("emulator", GpuException.NO_CODE, "device emulator pipe broken: " + e.getMessage(), e);
    }
  }

  private void sendBytes(byte[] data) {
    try {
      out.write(data);
    } catch (IOException e) {
      throw new GpuException("emulator", GpuException.NO_CODE, "device emulator pipe broken: " + e.getMessage(), e);
    }
  }

  private void ack(String what) {
    try {
      out.flush();
      int r = in.read();
      if (r == 'K') {
        return;
      }
      if (r == 'E') {
        byte[] lenB = in.readNBytes(4);
        int len = ByteBuffer.wrap(lenB).order(ByteOrder.LITTLE_ENDIAN).getInt();
        String m = new String(in.readNBytes(len), StandardCharsets.UTF_8);
        throw new GpuException(what, GpuException.NO_CODE, "emulated device: " + what + ": " + m, null);
      }
      throw new GpuException(what, GpuException.NO_CODE, "emulated device: " + what + ": no reply (emulator exited?)", null);
    } catch (IOException e) {
      throw new GpuException(what, GpuException.NO_CODE, "device emulator pipe broken: " + e.getMessage(), e);
    }
  }

  private byte[] readBytes(long n) {
    try {
      return in.readNBytes((int) n);
    } catch (IOException e) {
      throw new GpuException("download", GpuException.NO_CODE, "device emulator pipe broken: " + e.getMessage(), e);
    }
  }

  /** Buffers of the emulator, by id. */
  private final class Memory implements DeviceMemory {
    final int id;
    final long bytes;
    boolean closed;

    Memory(int id, long bytes) {
      this.id = id;
      this.bytes = bytes;
    }

    @Override
    public long bytes() {
      return bytes;
    }

    private DeviceMemory up(byte[] data) {
      live();
      if (data.length > bytes) {
        throw new IllegalArgumentException("upload of " + data.length + " bytes into a buffer of " + bytes);
      }
      send(ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'U').putInt(id).putLong(data.length));
      sendBytes(data);
      ack("upload");
      return this;
    }

    private ByteBuffer down(long n) {
      live();
      if (n > bytes) {
        throw new IllegalArgumentException("download of " + n + " bytes from a buffer of " + bytes);
      }
      send(ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'D').putInt(id).putLong(n));
      ack("download");
      return ByteBuffer.wrap(readBytes(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public DeviceMemory upload(float[] a) {
      ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(a);
      return up(b.array());
    }

    @Override
    public DeviceMemory upload(double[] a) {
      ByteBuffer b = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asDoubleBuffer().put(a);
      return up(b.array());
    }

    @Override
    public DeviceMemory upload(int[] a) {
      ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(a);
      return up(b.array());
    }

    @Override
    public DeviceMemory upload(byte[] a) {
      return up(a);
    }

    @Override
    public void download(float[] a) {
      down(4L * a.length).asFloatBuffer().get(a);
    }

    @Override
    public void download(double[] a) {
      down(8L * a.length).asDoubleBuffer().get(a);
    }

    @Override
    public void download(int[] a) {
      down(4L * a.length).asIntBuffer().get(a);
    }

    @Override
    public void zero(long count) {
      live();
      send(ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'Z').putInt(id).putLong(count));
      ack("zero");
    }

    @Override
    public void copyFrom(DeviceMemory src, long count) {
      live();
      Memory s = (Memory) src;
      s.live();
      send(ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'C').putInt(id).putInt(s.id).putLong(count));
      ack("copy");
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        send(ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'F').putInt(id));
        ack("free");
        allocated -= bytes;
      }
    }

    private void live() {
      if (closed) {
        throw new IllegalStateException("device buffer of " + bytes + " bytes used after close()");
      }
    }
  }
}
