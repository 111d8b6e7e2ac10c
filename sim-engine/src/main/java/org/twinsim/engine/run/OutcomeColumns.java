package org.twinsim.engine.run;

import org.twinsim.engine.dose.DoseOutcome;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.model.qa.ImagingProtocol;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.reports.table.Row;

/** Writers of column groups shared by the geometric and the full-physics fraction rows. */
final class OutcomeColumns {
  private OutcomeColumns() {
  }

  /** NaN as null (an absent metric). */
  static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  static void xyz(Row r, String prefix, Vec3 v) {
    r.set(prefix + "_x_mm", v.x()).set(prefix + "_y_mm", v.y()).set(prefix + "_z_mm", v.z());
  }

  /** 3D error of the measured target position (bony setup plus prostate shift) against the truth at imaging, mm. */
  static double targetErrorMm(FractionObservation o) {
    return o.obsSetupMm().plus(o.obsProstateMm()).minus(o.truth().setupMm().plus(o.truth().prostateMm())).norm();
  }

  /** The imaging columns: the protocol, its concomitant dose (mGy) and the target position error. */
  static void imaging(Row r, ImagingProtocol protocol, double doseMGy, FractionObservation o) {
    r.set("imaging_protocol", protocol.key()).set("imaging_dose_mgy", doseMGy).set("target_error_mm", targetErrorMm(o));
  }

  static void dose(Row r, DoseOutcome o) {
    r.set("dose_model", o.model())
        .set("ctv_d98_pct", orNull(o.ctvD98Pct())).set("ctv_d95_pct", orNull(o.ctvD95Pct()))
        .set("ctv_v100_pct", orNull(o.ctvV100Pct())).set("ctv_d2_pct", orNull(o.ctvD2Pct()))
        .set("bladder_neck_dmax_pct", orNull(o.bladderNeckDmaxPct()))
        .set("bladder_neck_d2cc_pct", orNull(o.bladderNeckD2ccPct()))
        .set("bladder_neck_dmean_pct", orNull(o.bladderNeckDmeanPct()))
        .set("rectum_d2cc_pct", orNull(o.rectumD2ccPct())).set("rectum_v70gy_pct", orNull(o.rectumV70GyPct()))
        .set("bladder_d2cc_pct", orNull(o.bladderD2ccPct())).set("bladder_v70gy_pct", orNull(o.bladderV70GyPct()));
  }
}
