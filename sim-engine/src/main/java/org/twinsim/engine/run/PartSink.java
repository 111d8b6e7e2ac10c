package org.twinsim.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;

/**
 * Where a unit's parts go. The unit functions of {@link UnitWork} write through it; an engine
 * may wrap it (the Spark engine's fault injection fails a unit between two of its parts).
 */
@FunctionalInterface
public interface PartSink {
  /** Writes {@code rows} as the part {@code relativePath} of the run folder; returns the part. */
  RunManifest.Part write(String relativePath, Table rows) throws IOException;

  /**
   * Parquet files under {@code root}, each written atomically ({@link ParquetTables#write}: a
   * temporary file moved into place, replacing an earlier copy), with the scenario's name and
   * seed in the file metadata. A unit written twice (a retried or speculative copy) leaves one
   * complete file per part.
   */
  static PartSink atomicFiles(Path root, Scenario s) {
    Map<String, String> meta = Map.of("twinsim.scenario", s.name(), "twinsim.seed", Long.toString(s.seed()));
    return (rel, t) -> {
      ParquetTables.write(root.resolve(rel), t, meta);
      return new RunManifest.Part(rel, t.size());
    };
  }
}
