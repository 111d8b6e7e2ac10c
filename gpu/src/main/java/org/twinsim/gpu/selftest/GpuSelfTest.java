package org.twinsim.gpu.selftest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.gpu.cuda.DeviceInfo;
import org.twinsim.gpu.cuda.DeviceProbe;
import org.twinsim.gpu.cuda.GpuContext;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.gpu.ops.CpuVolumeKernels;
import org.twinsim.gpu.ops.GpuVolumeKernels;

/**
 * The GPU tests without Maven, for a GPU machine that only has the packaged jar and a Java runtime:
 * {@code java -cp twinsim.jar org.twinsim.gpu.selftest.GpuSelfTest [seed]}. Prints the device,
 * every {@link EquivalenceChecks} result (kernel by kernel) and every {@link BackendChecks} result
 * (the GPU registration, dose and DVH backends against their CPU references on a virtual patient:
 * field RMS / max over the region, dose difference and gamma 1%/1 mm pass rate, DVH counts) with
 * its tolerance, and whether the device buffer pool reuses its allocations when the kernel checks
 * run a second time.
 *
 * <p>Exit status: 0 all checks passed, 1 a check failed or the GPU failed, 4 no usable GPU (the
 * probe's reason is printed; nothing was checked).
 */
public final class GpuSelfTest {
  /** Exit status when no usable GPU is present. */
  public static final int NO_GPU = 4;

  private GpuSelfTest() {
  }

  public static void main(String[] args) {
    System.exit(run(args.length > 0 ? Long.parseLong(args[0]) : 20260117L, System.out));
  }

  /** Runs the checks, printing to {@code out}; returns the exit status. */
  public static int run(long seed, PrintStream out) {
    DeviceInfo d = DeviceProbe.probe();
    out.println("twinsim gpu self-test");
    out.println("device: " + d.describe());
    if (!d.usable()) {
      out.println("SKIPPED: no usable GPU (" + d.reason() + ")");
      return NO_GPU;
    }
    List<CheckResult> results = new ArrayList<>();
    try (GpuContext ctx = GpuContext.open(d)) {
      GpuVolumeKernels gpu = new GpuVolumeKernels(ctx);
      CpuVolumeKernels cpu = new CpuVolumeKernels();
      long t0 = System.nanoTime();
      results.addAll(EquivalenceChecks.run(gpu, cpu, seed));
      results.addAll(BackendChecks.run(ctx, BackendChecks.Workload.selfTest(), seed, out::println));
      long allocsFirst = ctx.allocations();
      long bytesFirst = ctx.allocatedBytes();
      EquivalenceChecks.run(gpu, cpu, seed + 1);
      long allocsSecond = ctx.allocations();
      boolean reuse = allocsSecond == allocsFirst;
      results.add(new CheckResult("device buffer pool reuse", reuse, allocsSecond - allocsFirst, 0,
          allocsSecond - allocsFirst, allocsFirst, "cuMemAlloc calls: " + allocsFirst + " on the first pass, "
              + (allocsSecond - allocsFirst) + " more on the second; " + bytesFirst / (1024 * 1024) + " MiB pooled"));
      for (CheckResult r : results) {
        out.println(r.line());
      }
      long failed = results.stream().filter(r -> !r.passed()).count();
      out.printf("RESULT: %s (%d checks, %d failed, %.1f s)%n", failed == 0 ? "PASS" : "FAIL", results.size(), failed,
          (System.nanoTime() - t0) * 1e-9);
      return failed == 0 ? 0 : 1;
    } catch (GpuException | LinkageError e) {
      for (CheckResult r : results) {
        out.println(r.line());
      }
      out.println("RESULT: FAIL (GPU error: " + GpuException.firstLine(e) + ")");
      e.printStackTrace(out);
      return 1;
    }
  }
}
