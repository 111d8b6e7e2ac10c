package org.twinsim.engine.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run a scenario.
 *
 * @param outDir final output folder
 * @param overwrite replace a previous run in {@code outDir} (or discard a partial one)
 * @param threads worker threads for the per-patient units (>= 1)
 * @param progress progress receiver
 * @param scenarioSource where the scenario came from (for the manifest)
 * @param scenarioText the scenario as read (hashed into the manifest)
 * @param version twinsim version
 * @param gitCommit commit of the build, or "unknown"
 * @param engineSettings settings of the run engine (e.g. "master" for Spark), may be empty
 * @param resume finish the partial run kept for {@code outDir} by a failed or interrupted run:
 *     run only the units whose parts are absent or incomplete (see {@link RunLedger})
 */
public record RunOptions(Path outDir, boolean overwrite, int threads, ProgressListener progress,
                         String scenarioSource, String scenarioText, String version, String gitCommit,
                         Map<String, String> engineSettings, boolean resume) {
  public RunOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    progress = progress == null ? ProgressListener.NONE : progress;
    engineSettings = engineSettings == null ? Map.of() : Map.copyOf(engineSettings);
  }

  /** Options of a fresh run (no resume). */
  public RunOptions(Path outDir, boolean overwrite, int threads, ProgressListener progress, String scenarioSource,
                    String scenarioText, String version, String gitCommit, Map<String, String> engineSettings) {
    this(outDir, overwrite, threads, progress, scenarioSource, scenarioText, version, gitCommit, engineSettings, false);
  }

  /** Options without engine settings. */
  public RunOptions(Path outDir, boolean overwrite, int threads, ProgressListener progress, String scenarioSource,
                    String scenarioText, String version, String gitCommit) {
    this(outDir, overwrite, threads, progress, scenarioSource, scenarioText, version, gitCommit, null, false);
  }

  /** These options with other engine settings. */
  public RunOptions withEngineSettings(Map<String, String> settings) {
    return new RunOptions(outDir, overwrite, threads, progress, scenarioSource, scenarioText, version, gitCommit,
        settings, resume);
  }

  /** These options with {@code resume} set or cleared. */
  public RunOptions withResume(boolean r) {
    return new RunOptions(outDir, overwrite, threads, progress, scenarioSource, scenarioText, version, gitCommit,
        engineSettings, r);
  }
}
