package org.twinsim.reports.html;

import java.util.Map;
import org.twinsim.reports.stats.Describe;
import org.twinsim.reports.stats.MeanCi;

/**
 * One line of the clinic figures table: a strategy in a variant, summarised over its treatment days
 * (every replication) from {@code clinic_days}, in the shown units of {@link ClinicSection#DAY_METRICS}.
 *
 * @param variant variant
 * @param strategy strategy
 * @param replications replications with at least one treatment day
 * @param days treatment days (rows of clinic_days, all replications)
 * @param sessions sessions treated (sum of patients_treated)
 * @param metrics column name -> summary over days (n = 0 when not available, e.g. GPU utilisation of a
 *     strategy without GPU steps)
 * @param roomWaitPerSessionMin mean wait for the room per session, min, over every session of every
 *     replication: the daily means weighted by the sessions of each day
 * @param roomWaitCi the same per replication, then their mean with a 95 % Student-t interval (no
 *     interval from one replication)
 */
public record ClinicRow(String variant, String strategy, int replications, int days, long sessions,
                        Map<String, Describe> metrics, double roomWaitPerSessionMin, MeanCi roomWaitCi) {
}
