/**
 * A run folder read back for reporting: {@link org.twinsim.reports.run.RunFolder#open} checks the
 * manifest and every part and gives one {@link org.twinsim.reports.run.RunTable} per table, split by
 * scenario variant, except the steps table, which is streamed into
 * {@link org.twinsim.reports.run.StepWaits} (the waits per variant, strategy and resource) without
 * holding its rows; an {@link org.twinsim.reports.run.InvalidRunException} names the path and the
 * problem in one line.
 */
package org.twinsim.reports.run;
