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
 * @param engineSettings settings of the run engine (e.g. "master" for Spark), may be empty
 */
public record RunOptions(Path outDir, boolean overwrite, int threads, ProgressListener progress,
                         String scenarioSource, String scenarioText, String version, String gitCommit,
                         java.util.Map<String, String> engineSettings) {
  public RunOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    progress = progress == null ? ProgressListener.NONE : progress;
    engineSettings = engineSettings == null ? java.util.Map.of() : java.util.Map.copyOf(engineSettings);
  }

  /** Options without engine settings. */
  public RunOptions(Path outDir, boolean overwrite, int threads, ProgressListener progress, String scenarioSource,
                    String scenarioText, String version, String gitCommit) {
    this(outDir, overwrite, threads, progress, scenarioSource, scenarioText, version, gitCommit, null);
  }
}
