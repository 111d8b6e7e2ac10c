package org.twinsim.gpu.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one kernel launch, in declaration order, each with its kind, so that a device
 * can check them against the kernel's PTX parameters ({@link PtxSignatures}) before launching and
 * an emulated device can pass them on by value.
 */
public final class LaunchArgs {
  /** Kind of one argument, with the PTX parameter type it must match. */
  public enum Kind {
    /** A device pointer: PTX {@code .u64}. */
    PTR(".u64"),
    /** C {@code int}: PTX {@code .u32} or {@code .s32}. */
    I32(".u32"),
    /** C {@code long long}: PTX {@code .u64} or {@code .s64}. */
    I64(".u64"),
    /** C {@code float}: PTX {@code .f32}. */
    F32(".f32"),
    /** C {@code double}: PTX {@code .f64}. */
    F64(".f64");

    private final String ptxType;

    Kind(String ptxType) {
      this.ptxType = ptxType;
    }

    /** Whether a PTX parameter of type {@code type} (".u32", ".s64", ".f64"...) takes this kind. */
    public boolean matches(String type) {
      return switch (this) {
        case PTR -> type.equals(".u64") || type.equals(".b64");
        case I32 -> type.equals(".u32") || type.equals(".s32") || type.equals(".b32");
        case I64 -> type.equals(".u64") || type.equals(".s64") || type.equals(".b64");
        case F32 -> type.equals(".f32");
        case F64 -> type.equals(".f64");
      };
    }

    /** The PTX type this kind is normally declared as. */
    public String ptxType() {
      return ptxType;
    }
  }

  private final List<Kind> kinds = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  /** A device pointer. */
  public LaunchArgs ptr(DeviceMemory m) {
    if (m == null) {
      throw new IllegalArgumentException("kernel argument " + kinds.size() + ": null device memory");
    }
    return add(Kind.PTR, m);
  }

  /** An {@code int}. */
  public LaunchArgs i32(int v) {
    return add(Kind.I32, v);
  }

  /** A {@code long long}. */
  public LaunchArgs i64(long v) {
    return add(Kind.I64, v);
  }

  /** A {@code float}. */
  public LaunchArgs f32(float v) {
    return add(Kind.F32, v);
  }

  /** A {@code double}. */
  public LaunchArgs f64(double v) {
    return add(Kind.F64, v);
  }

  /** Several doubles in order. */
  public LaunchArgs f64(double... v) {
    for (double d : v) {
      add(Kind.F64, d);
    }
    return this;
  }

  private LaunchArgs add(Kind k, Object v) {
    kinds.add(k);
    values.add(v);
    return this;
  }

  /** Number of arguments. */
  public int size() {
    return kinds.size();
  }

  /** Kind of argument {@code i}. */
  public Kind kind(int i) {
    return kinds.get(i);
  }

  /** Value of argument {@code i}: a {@link DeviceMemory}, Integer, Long, Float or Double. */
  public Object value(int i) {
    return values.get(i);
  }
}
