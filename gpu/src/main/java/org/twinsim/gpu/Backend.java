package org.twinsim.gpu;

import java.util.Locale;

/** Where a kernel runs. */
public enum Backend {
  /** Java on the CPU cores: the reference implementation and the fallback. */
  CPU,
  /** CUDA on the probed device, through JCuda. */
  GPU;

  /** "cpu" or "gpu", as in the command line, the manifest and bench.parquet. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
