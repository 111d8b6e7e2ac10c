package org.twinsim.gpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.bench.SyntheticInputs;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;

/**
 * The CUDA sources themselves, checked without a GPU: each .cu is compiled for the host with g++
 * (src/test/cuda-host/cuda_host.h maps the CUDA intrinsics to single IEEE operations, one thread
 * runs each grid-stride kernel, no floating-point contraction) and run on the same inputs as the
 * Java path; the outputs must be bit-identical. This checks the kernels' indexing, boundary rules
 * and the order and precision of every operation against the oracle; it cannot check the PTX, the
 * driver's JIT or parallel execution (that is GpuEquivalenceTest's job on a GPU). Skipped when g++
 * is not installed.
 */
class CudaSourceOnHostTest {
  private static final Path BUILD = Path.of("target/cuda-host");
  private static Path harness;
  private static String skipReason;
  private final CpuVolumeKernels cpu = new CpuVolumeKernels();

  @BeforeAll
  static void compile() throws Exception {
    try {
      Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        skipReason = "g++ --version failed";
        return;
      }
    } catch (IOException e) {
      skipReason = "g++ not installed";
      return;
    }
    Files.createDirectories(BUILD);
    try (var s = Files.list(Path.of("src/main/cuda"))) {
      for (Path cu : s.filter(f -> f.toString().endsWith(".cu")).toList()) {
        // dynamic shared memory has no host equivalent: the harness defines the array
        Files.writeString(BUILD.resolve(cu.getFileName()), Files.readString(cu).replace("extern __shared__", "extern"));
      }
    }
    for (String f : List.of("cuda_host.h", "harness.cpp")) {
      Files.copy(Path.of("src/test/cuda-host", f), BUILD.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    harness = BUILD.resolve("harness");
    Process p = new ProcessBuilder("g++", "-std=c++17", "-O2", "-ffp-contract=off", "-fno-fast-math", "-o", "harness",
        "harness.cpp").directory(BUILD.toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("compiling the CUDA sources for the host failed:\n" + log);
    }
  }

  /** Little-endian input for the harness. */
  private static final class In {
    private ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    private void room(int n) {
      if (b.remaining() < n) {
        ByteBuffer c = ByteBuffer.allocate(Math.max(2 * b.capacity(), b.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
        b.flip();
        c.put(b);
        b = c;
      }
    }

    In i(int... v) {
      room(4 * v.length);
      for (int x : v) {
        b.putInt(x);
      }
      return this;
    }

    In l(long v) {
      room(8);
      b.putLong(v);
      return this;
    }

    In f(float... v) {
      room(4 * v.length);
      for (float x : v) {
        b.putFloat(x);
      }
      return this;
    }

    In d(double... v) {
      room(8 * v.length);
      for (double x : v) {
        b.putDouble(x);
      }
      return this;
    }

    In bytes(byte[] v) {
      room(v.length);
      b.put(v);
      return this;
    }

    In grid(Grid3 g) {
      return i(g.nx(), g.ny(), g.nz()).d(g.originXMm(), g.originYMm(), g.originZMm(), g.spacingXMm(), g.spacingYMm(),
          g.spacingZMm());
    }
  }

  private static ByteBuffer run(String op, In in) throws Exception {
    assumeTrue(skipReason == null, skipReason);
    Path ip = Files.createTempFile(BUILD, op, ".in");
    Path op2 = Files.createTempFile(BUILD, op, ".out");
    try {
      Files.write(ip, java.util.Arrays.copyOf(in.b.array(), in.b.position()));
      Process p = new ProcessBuilder(harness.toAbsolutePath().toString(), op, ip.toString(), op2.toString())
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(op + " on the host failed: " + log);
      }
      return ByteBuffer.wrap(Files.readAllBytes(op2)).order(ByteOrder.LITTLE_ENDIAN);
    } finally {
      Files.deleteIfExists(ip);
      Files.deleteIfExists(op2);
    }
  }

  private static float[] floats(ByteBuffer b, int n) {
    float[] a = new float[n];
    b.asFloatBuffer().get(a);
    b.position(b.position() + 4 * n);
    return a;
  }

  @Test
  void gaussianPassIsTheJavaPass() throws Exception {
    Grid3 g = new Grid3(23, 19, 11, 1.1, 1.3, 2.5, 0, 0, 0);
    SyntheticInputs in = SyntheticInputs.create(g, 21);
    GaussianSpec s = new GaussianSpec(4.0, 2.0, 3.0, 3.0);
    for (int axis = 0; axis < 3; axis++) {
      float[] w = s.weights(axis, axis == 0 ? 1.1 : axis == 1 ? 1.3 : 2.5);
      float[] expected = new float[g.size()];
      CpuVolumeKernels.pass(in.fixed(), expected, g, axis, w);
      ByteBuffer out = run("gaussian_pass", new In().i(g.nx(), g.ny(), g.nz(), axis, w.length / 2).f(w).f(in.fixed()));
      assertArrayEquals(expected, floats(out, g.size()), "axis " + axis);
    }
  }

  @Test
  void resampleAndWarpAreTrilinearSample() throws Exception {
    Grid3 g = new Grid3(23, 19, 11, 1.1, 1.3, 2.5, -7.3, 4.1, 12.0);
    SyntheticInputs in = SyntheticInputs.create(g, 22, 9.0);
    Grid3 other = new Grid3(30, 9, 14, 0.9, 3.1, 2.0, -10, 0, 5);
    for (float outside : new float[] {Float.NaN, -1000f}) {
      float[] expected = new float[other.size()];
      cpu.resample(in.fixed(), g, other, outside, expected);
      ByteBuffer out = run("resample_trilinear", new In().grid(g).grid(other).f(outside).f(in.fixed()));
      assertArrayEquals(expected, floats(out, other.size()), "resample, outside " + outside);

      expected = new float[g.size()];
      cpu.warp(in.moving(), g, in.field(), outside, expected);
      out = run("warp_trilinear", new In().grid(g).grid(g).f(outside).f(in.moving()).f(in.field().ux())
          .f(in.field().uy()).f(in.field().uz()));
      assertArrayEquals(expected, floats(out, g.size()), "warp, outside " + outside);
    }
    Grid3 half = Pyramid.half(g);
    float[] coarse = new float[half.size()];
    cpu.resample(in.fixed(), g, half, 0f, coarse);
    float[] expected = new float[g.size()];
    cpu.warp(coarse, half, in.field(), Float.NaN, expected);
    ByteBuffer out = run("warp_trilinear", new In().grid(half).grid(g).f(Float.NaN).f(coarse).f(in.field().ux())
        .f(in.field().uy()).f(in.field().uz()));
    assertArrayEquals(expected, floats(out, g.size()), "warp from a coarser grid");
  }

  @Test
  void demonsForceIsTheJavaForce() throws Exception {
    for (Grid3 g : List.of(new Grid3(23, 19, 11, 1.1, 1.3, 2.5, 0, 0, 0), new Grid3(31, 17, 1, 2, 2, 3, 0, 0, 0))) {
      SyntheticInputs in = SyntheticInputs.create(g, 23, 6.0);
      float[] warped = new float[g.size()];
      cpu.warp(in.moving(), g, in.field(), Float.NaN, warped);
      DemonsForceParams p = new DemonsForceParams(0.7);
      VectorField u = new VectorField(g, in.field().ux().clone(), in.field().uy().clone(), in.field().uz().clone());
      DemonsStats s = cpu.demonsForce(in.fixed(), warped, p, u);
      ByteBuffer out = run("demons_force", new In().i(g.nx(), g.ny(), g.nz())
          .f((float) g.spacingXMm(), (float) g.spacingYMm(), (float) g.spacingZMm(), p.alphaSquared())
          .f(in.fixed()).f(warped).f(in.field().ux()).f(in.field().uy()).f(in.field().uz()));
      assertArrayEquals(u.ux(), floats(out, g.size()));
      assertArrayEquals(u.uy(), floats(out, g.size()));
      assertArrayEquals(u.uz(), floats(out, g.size()));
      double ssd = out.getDouble();
      double count = out.getDouble();
      double max = out.getDouble();
      assertEquals(s.sumSquaredDiff(), ssd, 1e-12 * s.sumSquaredDiff(), "sums in another order");
      assertEquals(s.voxels(), (long) count);
      assertEquals(s.maxStepMm(), max, 0.0);
    }
  }

  @Test
  void dvhHistogramIsTheJavaHistogram() throws Exception {
    Grid3 g = new Grid3(23, 19, 11, 1, 1, 1, 0, 0, 0);
    SyntheticInputs in = SyntheticInputs.create(g, 24);
    float[] dose = in.dose().clone();
    dose[3] = Float.NaN;
    dose[5] = -2f;
    dose[7] = 1e7f;
    boolean[] all = new boolean[256];
    java.util.Arrays.fill(all, true);
    for (boolean[] table : List.of(in.inStructure(), all)) {
      DvhBins bins = new DvhBins(0.07, 900);
      int[] expected = new int[bins.bins()];
      cpu.dvh(dose, in.labels(), table, bins, expected);
      byte[] lut = new byte[256];
      for (int l = 0; l < 256; l++) {
        lut[l] = (byte) (table[l] ? 1 : 0);
      }
      ByteBuffer out = run("dvh_histogram", new In().l(g.size()).f(bins.binWidthFloat()).i(bins.bins()).bytes(lut)
          .f(dose).bytes(in.labels()));
      int[] got = new int[bins.bins()];
      out.asIntBuffer().get(got);
      assertArrayEquals(expected, got);
    }
  }
}
