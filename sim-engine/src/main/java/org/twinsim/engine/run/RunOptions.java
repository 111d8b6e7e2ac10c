package org.twinsim.engine.run;

import java.nio.file.Path;

/**
 * How to run a scenario.
 *
 * @param outDir final output folder
 * @param overwrite replace a previous run in {@code outDir}
 * @param threads worker threads for the per-patient units (>= 1)
 * @param progress progress receiver
 * @param scenarioSource where the scenario came from (for the manifest)
 * @param scenarioText the scenario as read (hashed into the manifest)
 * @param version twinsim version
 * @param gitCommit commit of the build, or "unknown"
 */
public record RunOptions(Path outDir, boolean overwrite, int threads, ProgressListener progress,
                         String scenarioSource, String scenarioText, String version, String gitCommit) {
  public RunOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    progress = progress == null ? ProgressListener.NONE : progress;
  }
}
