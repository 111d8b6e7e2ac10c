package org.twinsim.reports.html;

/**
 * What the report knows of the run's scenario beyond its tables (the runner does not write the
 * scenario's targets into them): the caller that can load the scenario (the command line, after
 * checking the scenario text against the manifest's SHA-256) passes it in.
 *
 * @param targetStartDays {@code arrivals.targetStartDays}: a course starting more than this many days
 *     after it was ready counts as delayed; null when not known
 * @param source where it came from, shown on the page (e.g. "catalog:capacity-4rooms, SHA-256 checked"),
 *     or why it is not known
 */
public record ScenarioFacts(Integer targetStartDays, String source) {
  /** Nothing known. */
  public static final ScenarioFacts NONE = new ScenarioFacts(null, "the scenario was not available to the report");

  public ScenarioFacts {
    if (targetStartDays != null && targetStartDays < 0) {
      throw new IllegalArgumentException("targetStartDays must be >= 0, got " + targetStartDays);
    }
    source = source == null ? "" : source;
  }
}
