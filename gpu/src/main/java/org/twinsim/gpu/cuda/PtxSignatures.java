package org.twinsim.gpu.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter types of every kernel of the committed PTX ({@code .param .u64 name_param_0, ...}
 * of each {@code .entry}), read once per module, and the check that a {@link LaunchArgs} matches
 * them: the number of arguments and each kind (a pointer or {@code long long} for {@code .u64}, an
 * {@code int} for {@code .u32}, {@code float} for {@code .f32}, {@code double} for {@code .f64}).
 * cuLaunchKernel itself does not check argument lists: a missing or mistyped argument would make
 * a kernel read garbage. Both devices (the real one and the host emulation of the tests) call
 * {@link #check} before every launch.
 */
public final class PtxSignatures {
  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
  private static final Pattern PARAM = Pattern.compile("\\.param\\s+(?:\\.align\\s+\\d+\\s+)?(\\.[a-z]\\d+)");
  private static final Map<String, Map<String, List<String>>> CACHE = new ConcurrentHashMap<>();

  private PtxSignatures() {
  }

  /** Kernel name -> PTX parameter types (".u64", ".u32", ".f32", ".f64", ...) of a module. */
  public static Map<String, List<String>> of(String module) {
    return CACHE.computeIfAbsent(module, m -> parse(PtxModules.ptxText(m)));
  }

  /** Parses the entries of a PTX text. */
  static Map<String, List<String>> parse(String ptx) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    Matcher e = ENTRY.matcher(ptx);
    while (e.find()) {
      List<String> types = new ArrayList<>();
      Matcher p = PARAM.matcher(e.group(2));
      while (p.find()) {
        types.add(p.group(1));
      }
      out.put(e.group(1), List.copyOf(types));
    }
    return out;
  }

  /**
   * Throws {@link IllegalArgumentException} unless {@code args} matches the parameters of
   * {@code kernel} in {@code module}, naming the kernel and the first mismatch.
   */
  public static void check(String module, String kernel, LaunchArgs args) {
    List<String> types = of(module).get(kernel);
    if (types == null) {
      throw new IllegalArgumentException("kernel " + kernel + " is not an entry of " + module + ".ptx");
    }
    if (types.size() != args.size()) {
      throw new IllegalArgumentException("kernel " + module + "/" + kernel + " takes " + types.size()
          + " parameters, the launch passes " + args.size());
    }
    for (int i = 0; i < types.size(); i++) {
      if (!args.kind(i).matches(types.get(i))) {
        throw new IllegalArgumentException("kernel " + module + "/" + kernel + " parameter " + i + " is "
            + types.get(i) + ", the launch passes " + args.kind(i));
      }
    }
  }
}
