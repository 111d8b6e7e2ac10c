package org.twinsim.gpu;

import java.util.Locale;

/** What a scenario or the command line asks for: a backend, or the GPU when there is one. */
public enum BackendPreference {
  /** Always the CPU. */
  CPU,
  /** The GPU; the CPU (with a warning in the choice's reason) when no usable GPU is present. */
  GPU,
  /** The GPU when a usable one is present, else the CPU. */
  AUTO;

  /** Parses "cpu", "gpu" or "auto" (any case); the message lists the valid values otherwise. */
  public static BackendPreference parse(String s) {
    if (s != null) {
      for (BackendPreference p : values()) {
        if (p.name().equalsIgnoreCase(s.strip())) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("backend: expected cpu, gpu or auto, got " + s);
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
