package org.twinsim.model.selection;

/**
 * One library plan's dose on the day's anatomy, as the selection sees it (% of the prescribed
 * fraction dose).
 *
 * @param planId plan name
 * @param setupMarginMm setup robustness the plan was optimised with, mm
 * @param ctvD98Pct CTV D98
 * @param bladderNeckD2ccPct bladder neck D2cc (dose to the hottest 2 cc)
 * @param rectumD2ccPct rectum D2cc
 * @param bladderD2ccPct bladder D2cc
 */
public record PlanEvaluation(String planId, double setupMarginMm, double ctvD98Pct, double bladderNeckD2ccPct,
                             double rectumD2ccPct, double bladderD2ccPct) {
}
