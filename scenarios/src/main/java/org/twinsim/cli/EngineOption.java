package org.twinsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.twinsim.engine.run.RunEngine;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.Variant;
import org.twinsim.scenarios.ScenarioException;
import picocli.CommandLine.Option;

/**
 * The execution options that {@code run} and {@code sweep} share (a picocli mixin): threads, run
 * engine and its settings, resume, overwrite, quiet; and the launch of the variants on the engine,
 * found by name among those on the classpath (ServiceLoader).
 */
final class EngineOption {
  @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
  Integer threads;

  @Option(names = "--engine", paramLabel = "NAME", description = "run engine: local (default, this machine's threads) or spark")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master with --engine spark: local[N], spark://HOST:PORT, ... (default local[THREADS])")
  String master;

  @Option(names = "--engine-conf", paramLabel = "KEY=VALUE",
      description = "a setting of the run engine, e.g. spark.executor.memory=4g or attempts=2 (repeatable)")
  List<String> engineConf = new ArrayList<>();

  @Option(names = "--resume", description = "finish the partial run that a failed or interrupted run of the same "
      + "command left for --out: run only the units whose parts are missing or incomplete")
  boolean resume;

  @Option(names = "--overwrite", description = "replace a previous run in the output folder")
  boolean overwrite;

  @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary")
  boolean quiet;

  /**
   * Checks the options (every option error comes before any output), calls {@code header}, then
   * runs the variants on the chosen engine into {@code dir}.
   *
   * @param out the {@code --out} the user gave, or null
   * @param dir the output folder (out, or the command's default)
   * @param source what the manifest records as the scenario's source
   * @param text the scenario file's text (hashed in the manifest)
   * @param header prints the command's first line (not called when quiet)
   */
  RunResult launch(List<Variant> variants, Path out, Path dir, String source, String text, Runnable header)
      throws Exception {
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new ScenarioException("--threads: expected an integer >= 1, got " + t);
    }
    checkResume(resume, out);
    Map<String, String> settings = settings(engine, master, engineConf);
    RunEngine e = find(engine);
    if (!quiet) {
      header.run();
    }
    return e.run(variants, new RunOptions(dir, overwrite, t, TerminalProgress.forConsole(quiet), source, text,
        VersionInfo.version(), VersionInfo.gitCommit(), settings, resume));
  }

  /** The engine settings of {@code --master URL} and {@code --engine-conf KEY=VALUE...}. */
  static Map<String, String> settings(String engine, String master, List<String> conf) throws ScenarioException {
    if (engine.equals("local") && (master != null || !conf.isEmpty())) {
      throw new ScenarioException((master != null ? "--master" : "--engine-conf")
          + ": the local engine takes no engine settings (they are for --engine spark)");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : conf) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException("--engine-conf " + c + ": expected KEY=VALUE, e.g. spark.executor.memory=4g");
      }
      m.put(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
    }
    if (master != null) {
      m.put("master", master);
    }
    return m;
  }

  /** {@code --resume} finishes the run of a named output folder. */
  static void checkResume(boolean resume, Path out) throws ScenarioException {
    if (resume && out == null) {
      throw new ScenarioException("--resume: give --out DIR, the output folder of the run to finish");
    }
  }

  static RunEngine find(String name) throws ScenarioException {
    List<String> known = new ArrayList<>();
    for (RunEngine e : ServiceLoader.load(RunEngine.class)) {
      if (e.name().equals(name)) {
        return e;
      }
      known.add(e.name());
    }
    if (name.equals("spark")) {
      throw new ScenarioException("--engine spark: the Spark engine is not on the classpath; run through the launcher "
          + "(./twinsim ... --engine spark builds and adds the spark module) or put twinsim-spark on the classpath");
    }
    throw new ScenarioException("--engine " + name + ": unknown engine; available: " + known);
  }
}
