package org.twinsim.model.selection;

import org.twinsim.model.param.InvalidParameterException;

/**
 * The clinical-priority rule of plan-of-the-day selection.
 *
 * <ol>
 *   <li>Coverage first: plans whose CTV D98 reaches {@code ctvD98MinPct} are candidates; when none
 *   does, the plan with the highest CTV D98 is chosen.</li>
 *   <li>Among candidates, the lowest bladder-neck D2cc; plans within {@code tiePct} percentage
 *   points of the lowest count as tied.</li>
 *   <li>Among those, the lowest rectum D2cc (same tolerance), then the lowest bladder D2cc, then
 *   the smallest setup margin.</li>
 * </ol>
 * Defaults: 95% (the coverage goal of the dose issue and the seed study's clinical criterion) and
 * 1 percentage point (below the day-to-day uncertainty of a CBCT-based dose evaluation).
 *
 * @param ctvD98MinPct coverage threshold, % of prescription
 * @param tiePct tolerance within which organ doses count as equal, percentage points
 */
public record SelectionRule(Double ctvD98MinPct, Double tiePct) {
  public SelectionRule {
    ctvD98MinPct = ctvD98MinPct == null ? 95.0 : InvalidParameterException.inRange("ctvD98MinPct", ctvD98MinPct, 50, 110);
    tiePct = tiePct == null ? 1.0 : InvalidParameterException.inRange("tiePct", tiePct, 0, 20);
  }

  public static SelectionRule defaults() {
    return new SelectionRule(null, null);
  }
}
