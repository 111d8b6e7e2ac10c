package org.twinsim.model.twin;

/** What the twin's time input t means; a prior and the twins built on it must agree. */
public enum TimeBase {
  /** t = the fraction index (0-based); trends are per fraction. */
  FRACTION_INDEX,
  /** t = days since the first fraction (weekends and gaps count); trends are per day. */
  DAYS
}
