package org.twinsim.reports.manifest;

import java.util.List;
import java.util.Map;

/**
 * What a run was and what it wrote: enough to reproduce it (scenario text hash, seed, versions)
 * and to find every output part. Written as {@code manifest.json} at the root of the run folder.
 *
 * @param tool "twinsim"
 * @param version twinsim version
 * @param gitCommit commit of the build, or "unknown"
 * @param scenarioName scenario name
 * @param scenarioSource where the scenario came from (catalog name or file path)
 * @param scenarioSha256 SHA-256 of the scenario text as read
 * @param seed run seed
 * @param replications independent replications
 * @param patients patients per replication
 * @param strategies strategies compared
 * @param variants variant names (sweep points; "base" when there is no sweep)
 * @param engine unit runner that produced the parts ("local" or "spark")
 * @param backends compute backend per kernel (e.g. registration: cpu)
 * @param computeTiming "sampled" (simulated times are reproducible) or "measured"
 * @param java Java runtime version
 * @param os operating system and architecture
 * @param cpus available processors
 * @param startedAt ISO-8601 wall-clock start (informational)
 * @param measuredWallS wall-clock duration of the run on this machine, s
 * @param tables table name -> list of parts with their row counts
 * @param notes free-form remarks (placeholders in use, warnings)
 */
public record RunManifest(String tool, String version, String gitCommit, String scenarioName,
                          String scenarioSource, String scenarioSha256, long seed, int replications,
                          int patients, List<String> strategies, List<String> variants, String engine,
                          Map<String, String> backends, String computeTiming, String java, String os,
                          int cpus, String startedAt, double measuredWallS,
                          Map<String, List<Part>> tables, List<String> notes) {

  /** One Parquet part: its path relative to the run folder and its row count. */
  public record Part(String path, long rows) {
  }
}
