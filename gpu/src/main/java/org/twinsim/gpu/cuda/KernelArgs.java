package org.twinsim.gpu.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/** Kernel parameters in declaration order, as cuLaunchKernel's {@code kernelParams} array. */
public final class KernelArgs {
  private final List<NativePointerObject> args = new ArrayList<>();

  /** A device pointer parameter. */
  public KernelArgs ptr(DeviceBuffer b) {
    args.add(Pointer.to(b.pointer()));
    return this;
  }

  /** An {@code int} parameter. */
  public KernelArgs i32(int v) {
    args.add(Pointer.to(new int[] {v}));
    return this;
  }

  /** A {@code long long} parameter. */
  public KernelArgs i64(long v) {
    args.add(Pointer.to(new long[] {v}));
    return this;
  }

  /** A {@code float} parameter. */
  public KernelArgs f32(float v) {
    args.add(Pointer.to(new float[] {v}));
    return this;
  }

  /** A {@code double} parameter. */
  public KernelArgs f64(double v) {
    args.add(Pointer.to(new double[] {v}));
    return this;
  }

  /** The parameter block for cuLaunchKernel. */
  public Pointer pointer() {
    return Pointer.to(args.toArray(new NativePointerObject[0]));
  }
}
