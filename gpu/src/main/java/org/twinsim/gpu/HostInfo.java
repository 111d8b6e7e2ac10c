package org.twinsim.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU this process runs on, for backend choices and benchmark fingerprints. */
public final class HostInfo {
  private static volatile String cpuModel;

  private HostInfo() {
  }

  /** The CPU model ("model name" of /proc/cpuinfo on Linux), else the OS architecture. */
  public static String cpuModel() {
    String m = cpuModel;
    if (m == null) {
      m = System.getProperty("os.arch", "unknown");
      try {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
          if (line.startsWith("model name")) {
            int c = line.indexOf(':');
            if (c >= 0 && !line.substring(c + 1).isBlank()) {
              m = line.substring(c + 1).strip();
              break;
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or unreadable: keep the architecture
      }
      cpuModel = m;
    }
    return m;
  }

  /** Processors available to this JVM. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** "Intel(R) Xeon(R) ..., 2 cores". */
  public static String describe() {
    return cpuModel() + ", " + cores() + " cores";
  }
}
