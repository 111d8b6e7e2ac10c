package org.twinsim.engine.run;

import java.io.IOException;
import java.util.List;

/**
 * Maps a run's units of work onto compute: {@link LocalRunner} on this machine's threads; other
 * engines (the optional Spark module) are found with {@link java.util.ServiceLoader} by
 * {@link #name()}, so the default run never loads them. Every engine calls the same unit
 * functions ({@link CourseUnits}, {@link ClinicUnits}) and writes the same tables and parts.
 */
public interface RunEngine {
  /** The name given to {@code --engine}. */
  String name();

  /** Runs the variants (one, without a sweep) and writes the run folder. */
  RunResult run(List<Variant> variants, RunOptions options) throws IOException;
}
