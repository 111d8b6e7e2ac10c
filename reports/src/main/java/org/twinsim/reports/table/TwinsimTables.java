package org.twinsim.reports.table;

import static org.twinsim.reports.table.ColumnType.BOOLEAN;
import static org.twinsim.reports.table.ColumnType.DATE;
import static org.twinsim.reports.table.ColumnType.DOUBLE;
import static org.twinsim.reports.table.ColumnType.INT;
import static org.twinsim.reports.table.ColumnType.STRING;

/**
 * The schemas of the testbed's output tables. Times of day are simulated seconds since midnight
 * of the treatment day; durations are seconds; shifts are mm in DICOM patient axes (x: right to
 * left, y: anterior to posterior, z: inferior to superior); dose metrics are % of the prescribed
 * fraction dose unless the name says Gy or cc. Columns prefixed {@code measured_} hold wall-clock
 * measurements of this machine and are the only ones that differ between two runs of one seed.
 */
public final class TwinsimTables {
  private TwinsimTables() {
  }

  /** One row per patient x fraction x strategy. */
  public static final TableSchema FRACTIONS = keys(TableSchema.builder("fractions"))
      .req("patient_id", STRING, "pseudonymous patient id")
      .req("fraction", INT, "fraction number, 1-based")
      .req("strategy", STRING, "workflow strategy")
      .req("day", DATE, "treatment date")
      .req("day_index", INT, "calendar days since the scenario's start date")
      .req("room", STRING, "treatment room")
      .req("appointment_s", DOUBLE, "appointment time, s since midnight")
      .req("arrival_s", DOUBLE, "patient arrival, s since midnight")
      .req("session_start_s", DOUBLE, "patient enters the room (setup begins), s since midnight")
      .req("cbct_s", DOUBLE, "end of the daily CBCT acquisition, s since midnight")
      .req("decision_end_s", DOUBLE, "plan of the day decided and approved, s since midnight")
      .req("delivery_start_s", DOUBLE, "beam on, s since midnight")
      .req("delivery_end_s", DOUBLE, "beam off, s since midnight")
      .req("time_in_room_s", DOUBLE, "session start to end of delivery, s")
      .req("cbct_to_beam_s", DOUBLE, "CBCT to mid-delivery, s (the time the prostate drifts)")
      .req("wait_room_s", DOUBLE, "wait for the room after arrival, s")
      .req("wait_gpu_s", DOUBLE, "total wait for a GPU server during the session, s")
      .req("wait_physicist_s", DOUBLE, "total wait for a physicist during the session, s")
      .req("wait_therapist_s", DOUBLE, "total wait for therapists during the session, s")
      .req("true_setup_x_mm", DOUBLE, "true bony setup error, x")
      .req("true_setup_y_mm", DOUBLE, "true bony setup error, y")
      .req("true_setup_z_mm", DOUBLE, "true bony setup error, z")
      .req("true_prostate_x_mm", DOUBLE, "true prostate shift relative to bone at imaging, x")
      .req("true_prostate_y_mm", DOUBLE, "true prostate shift relative to bone at imaging, y")
      .req("true_prostate_z_mm", DOUBLE, "true prostate shift relative to bone at imaging, z")
      .req("true_rotation_deg", DOUBLE, "true prostate rotation about LR at imaging, degrees")
      .req("true_bladder_volume_ml", DOUBLE, "true bladder volume of the day, mL")
      .req("true_rectum_volume_ml", DOUBLE, "true rectum volume of the day, mL")
      .req("obs_setup_x_mm", DOUBLE, "bony setup error measured on the CBCT, x")
      .req("obs_setup_y_mm", DOUBLE, "bony setup error measured on the CBCT, y")
      .req("obs_setup_z_mm", DOUBLE, "bony setup error measured on the CBCT, z")
      .req("obs_prostate_x_mm", DOUBLE, "prostate shift relative to bone measured on the CBCT, x")
      .req("obs_prostate_y_mm", DOUBLE, "prostate shift relative to bone measured on the CBCT, y")
      .req("obs_prostate_z_mm", DOUBLE, "prostate shift relative to bone measured on the CBCT, z")
      .req("registration_method", STRING, "how the CBCT was registered (model or algorithm)")
      .req("couch_shift_x_mm", DOUBLE, "couch correction applied, x")
      .req("couch_shift_y_mm", DOUBLE, "couch correction applied, y")
      .req("couch_shift_z_mm", DOUBLE, "couch correction applied, z")
      .req("plan_id", STRING, "plan delivered")
      .opt("plan_setup_margin_mm", DOUBLE, "setup robustness of the plan delivered, mm")
      .req("drift_x_mm", DOUBLE, "intra-fraction drift from CBCT to mid-delivery, x")
      .req("drift_y_mm", DOUBLE, "intra-fraction drift from CBCT to mid-delivery, y")
      .req("drift_z_mm", DOUBLE, "intra-fraction drift from CBCT to mid-delivery, z")
      .req("residual_x_mm", DOUBLE, "target position at delivery minus the position the plan assumed, x")
      .req("residual_y_mm", DOUBLE, "target position at delivery minus the position the plan assumed, y")
      .req("residual_z_mm", DOUBLE, "target position at delivery minus the position the plan assumed, z")
      .req("residual_3d_mm", DOUBLE, "norm of the residual")
      .opt("tre_mean_mm", DOUBLE, "mean target registration error in prostate, bladder and rectum, mm")
      .opt("tre_p95_mm", DOUBLE, "95th percentile of the target registration error, mm")
      .opt("prostate_dice", DOUBLE, "Dice of the propagated prostate contour vs the true one")
      .opt("imaging_protocol", STRING, "image taken for the fraction: cbct (standard kV CBCT), low-dose-cbct or kv-pair")
      .opt("imaging_dose_mgy", DOUBLE, "concomitant imaging dose to soft tissue of the fraction, mGy (per-protocol values from AAPM TG-180; a re-image after a hold included)")
      .opt("target_error_mm", DOUBLE, "3D error of the measured target position (bony setup plus prostate shift) at imaging, mm")
      .opt("forecast_level", DOUBLE, "central level of the twin's forecast interval (made before this fraction was imaged)")
      .opt("forecast_x_mm", DOUBLE, "forecast mean of the true prostate shift relative to bone, x")
      .opt("forecast_y_mm", DOUBLE, "forecast mean of the true prostate shift relative to bone, y")
      .opt("forecast_z_mm", DOUBLE, "forecast mean of the true prostate shift relative to bone, z")
      .opt("forecast_lo_x_mm", DOUBLE, "lower end of the forecast interval, x")
      .opt("forecast_lo_y_mm", DOUBLE, "lower end of the forecast interval, y")
      .opt("forecast_lo_z_mm", DOUBLE, "lower end of the forecast interval, z")
      .opt("forecast_hi_x_mm", DOUBLE, "upper end of the forecast interval, x")
      .opt("forecast_hi_y_mm", DOUBLE, "upper end of the forecast interval, y")
      .opt("forecast_hi_z_mm", DOUBLE, "upper end of the forecast interval, z")
      .opt("forecast_covered_axes", INT, "axes (0-3) whose forecast interval covers the true shift")
      .opt("library", STRING, "setup margins of the plan library in use, mm (digital twin and oracle)")
      .opt("oracle_plan_id", STRING, "plan the oracle chose on the true anatomy (library strategies)")
      .opt("regret_ctv_d98_pct", DOUBLE, "oracle's CTV D98 minus the chosen plan's, on the true anatomy at imaging, % points")
      .opt("regret_bladder_neck_d2cc_pct", DOUBLE, "chosen plan's bladder-neck D2cc minus the oracle's, on the true anatomy at imaging, % points")
      .req("dose_model", STRING, "model that produced the dose metrics")
      .opt("couch_score", DOUBLE, "safety layer: couch detector score on the fraction's first image, readback SDs (every fraction, alert or not)")
      .opt("position_score", DOUBLE, "safety layer: position detector score on the fraction's first image, SDs of the twin's forecast")
      .opt("machine_output_pct", DOUBLE, "true output deviation of the treating machine that day (safety layer with machine QA), %; the dose metrics include it")
      .opt("machine_range_mm", DOUBLE, "true range deviation of the treating machine that day, mm; the dose metrics include it")
      .opt("machine_isocentre_mm", DOUBLE, "true imaging vs beam isocentre offset that day (vertical, AP), mm; the residual and dose include it")
      .opt("machine_ctv_d98_error_pct", DOUBLE, "CTV D98 delivered minus the same delivery with a nominal machine, % points")
      .opt("machine_bladder_neck_dmax_error_pct", DOUBLE, "bladder-neck Dmax delivered minus the same delivery with a nominal machine, % points")
      .opt("ctv_d98_pct", DOUBLE, "CTV D98, % of prescription")
      .opt("ctv_d95_pct", DOUBLE, "CTV D95, % of prescription")
      .opt("ctv_v100_pct", DOUBLE, "CTV volume receiving >= 100% of prescription, %")
      .opt("ctv_d2_pct", DOUBLE, "CTV D2 (near-maximum), % of prescription")
      .opt("bladder_neck_dmax_pct", DOUBLE, "bladder neck D0.03cc, % of prescription")
      .opt("bladder_neck_d2cc_pct", DOUBLE, "bladder neck D2cc, % of prescription")
      .opt("bladder_neck_dmean_pct", DOUBLE, "bladder neck mean dose, % of prescription")
      .opt("rectum_d2cc_pct", DOUBLE, "rectum D2cc, % of prescription")
      .opt("rectum_v70gy_pct", DOUBLE, "rectum volume whose course-equivalent dose (fraction dose x fractions) reaches 70 Gy, %")
      .opt("bladder_d2cc_pct", DOUBLE, "bladder D2cc, % of prescription")
      .opt("bladder_v70gy_pct", DOUBLE, "bladder volume whose course-equivalent dose reaches 70 Gy, %")
      .opt("measured_registration_s", DOUBLE, "wall-clock rigid + deformable registration on this machine, s")
      .opt("measured_twin_s", DOUBLE, "wall-clock twin update and forecast on this machine, s")
      .opt("measured_selection_s", DOUBLE, "wall-clock dose recomputation of the library and selection on this machine, s")
      .opt("measured_dose_s", DOUBLE, "wall-clock delivered-dose computation of this strategy on this machine, s")
      .req("measured_decide_s", DOUBLE, "wall-clock compute of this fraction's decision on this machine, s")
      .build();

  /** One row per workflow step of every fraction. */
  public static final TableSchema STEPS = keys(TableSchema.builder("steps"))
      .req("strategy", STRING, "workflow strategy")
      .req("patient_id", STRING, "pseudonymous patient id")
      .req("fraction", INT, "fraction number, 1-based")
      .req("day", DATE, "treatment date")
      .req("room", STRING, "treatment room")
      .req("step_index", INT, "position of the step in the workflow, 0-based")
      .req("step", STRING, "workflow step")
      .opt("resource", STRING, "shared resource the step holds besides the room (gpu, physicist, therapists)")
      .req("requested_s", DOUBLE, "step ready to start, s since midnight")
      .req("start_s", DOUBLE, "step start, s since midnight")
      .req("end_s", DOUBLE, "step end, s since midnight")
      .req("wait_s", DOUBLE, "wait for the resource, s")
      .req("duration_s", DOUBLE, "step duration, s")
      .req("duration_source", STRING, "sampled (timing model) or measured (compute on this machine)")
      .build();

  /** One row per patient course and strategy. */
  public static final TableSchema COURSES = keys(TableSchema.builder("courses"))
      .req("strategy", STRING, "workflow strategy")
      .req("patient_id", STRING, "pseudonymous patient id")
      .req("first_day", DATE, "first treatment date")
      .req("last_day", DATE, "last treatment date")
      .req("fractions", INT, "fractions delivered")
      .req("elapsed_days", INT, "calendar days from first to last fraction, inclusive")
      .req("mean_time_in_room_s", DOUBLE, "mean session duration, s")
      .req("total_wait_s", DOUBLE, "sum of all waits over the course, s")
      .opt("course_type", STRING, "course type of a capacity scenario's mix")
      .opt("referral_day", DATE, "date the patient was referred (capacity scenarios)")
      .opt("ready_day", DATE, "earliest date the course could start (capacity scenarios)")
      .opt("start_wait_days", INT, "calendar days from ready to the first fraction (capacity scenarios)")
      .opt("mean_abs_residual_3d_mm", DOUBLE, "mean 3D residual target error at delivery, mm")
      .opt("mean_ctv_d98_pct", DOUBLE, "mean over fractions of CTV D98, %")
      .opt("min_ctv_d98_pct", DOUBLE, "worst fraction's CTV D98, %")
      .opt("mean_bladder_neck_dmax_pct", DOUBLE, "mean over fractions of bladder neck Dmax, %")
      .opt("imaging_dose_mgy", DOUBLE, "concomitant imaging dose to soft tissue over the course, mGy")
      .opt("mean_target_error_mm", DOUBLE, "mean over fractions of the target position error at imaging, mm")
      .opt("reference_imaging_dose_mgy", DOUBLE, "the same course imaged with daily standard CBCT (paired reference of an imaging policy): imaging dose, mGy")
      .opt("reference_mean_ctv_d98_pct", DOUBLE, "paired daily-CBCT reference: mean over fractions of CTV D98, %")
      .opt("reference_mean_bladder_neck_dmax_pct", DOUBLE, "paired daily-CBCT reference: mean over fractions of bladder neck Dmax, %")
      .opt("reference_mean_target_error_mm", DOUBLE, "paired daily-CBCT reference: mean target position error at imaging, mm")
      .opt("accumulated_ctv_d98_pct", DOUBLE, "CTV D98 of the dose accumulated over the course, % of the course prescription")
      .opt("accumulated_bladder_neck_dmax_pct", DOUBLE, "bladder neck Dmax of the accumulated dose, % of the course prescription")
      .opt("accumulated_bladder_neck_d2cc_pct", DOUBLE, "bladder neck D2cc of the accumulated dose, % of the course prescription")
      .opt("accumulated_rectum_d2cc_pct", DOUBLE, "rectum D2cc of the accumulated dose, % of the course prescription")
      .opt("forecast_coverage", DOUBLE, "share of axis forecasts over the course whose interval covered the true shift")
      .opt("measured_planning_s", DOUBLE, "wall-clock planning of this patient's plans on this machine (shared by the strategies), s")
      .build();

  /** One row per variant and parameter it sets, written by sweeps. */
  public static final TableSchema VARIANTS = TableSchema.builder("variants")
      .req("variant", STRING, "variant name (the variant=NAME folder of the other tables)")
      .req("parameter", STRING, "scenario field path the variant sets, e.g. clinic.gpuServers")
      .req("value", STRING, "value it sets")
      .build();

  /** One row per variant and strategy of a sweep: capacity figures with 95% confidence intervals over replications. */
  public static final TableSchema SWEEP_SUMMARY = TableSchema.builder("sweep_summary")
      .req("variant", STRING, "variant name")
      .req("strategy", STRING, "workflow strategy")
      .req("metric", STRING, "figure (per replication: mean over its treatment days)")
      .req("replications", INT, "replications")
      .req("mean", DOUBLE, "mean over replications")
      .req("ci95_low", DOUBLE, "lower end of the 95% Student-t confidence interval")
      .req("ci95_high", DOUBLE, "upper end of the 95% Student-t confidence interval")
      .build();

  /** One row per treatment day and strategy (the whole clinic). */
  public static final TableSchema CLINIC_DAYS = keys(TableSchema.builder("clinic_days"))
      .req("strategy", STRING, "workflow strategy")
      .req("day", DATE, "treatment date")
      .req("patients_treated", INT, "fractions delivered that day")
      .req("rooms", INT, "treatment rooms open")
      .req("room_open_s", DOUBLE, "sum over rooms of opening hours, s")
      .req("room_busy_s", DOUBLE, "sum over rooms of time occupied by a patient, s")
      .req("room_utilisation", DOUBLE, "room_busy_s / room_open_s")
      .req("overtime_s", DOUBLE, "sum over rooms of time occupied after closing, s")
      .req("max_overtime_s", DOUBLE, "largest overtime of one room, s")
      .req("patients_delayed", INT, "sessions starting more than 15 min after their appointment")
      .req("mean_wait_room_s", DOUBLE, "mean wait for the room, s")
      .req("mean_wait_gpu_s", DOUBLE, "mean wait per GPU request, s")
      .req("max_wait_gpu_s", DOUBLE, "longest wait for a GPU server, s")
      .req("mean_wait_physicist_s", DOUBLE, "mean wait per physicist request, s")
      .req("gpu_utilisation", DOUBLE, "busy fraction of the GPU servers over the room opening span")
      .req("physicist_utilisation", DOUBLE, "busy fraction of the physicists over the room opening span")
      .req("mean_patients_in_clinic", DOUBLE, "time-average number of patients in the department (arrived, not yet left) over the room opening span")
      .req("courses_started", INT, "courses whose first fraction was that day")
      .build();

  /** Safety layer: one row per injected anomaly (its truth), per patient course. */
  public static final TableSchema EVENTS = keys(TableSchema.builder("events"))
      .req("patient_id", STRING, "pseudonymous patient id")
      .req("event_id", STRING, "event id, unique within the replication")
      .req("kind", STRING, "anomaly kind (gross-setup, prostate-shift)")
      .req("recurring", BOOLEAN, "recurs every fraction until a hold corrects it (injected per course)")
      .req("start_fraction", INT, "first affected fraction, 1-based")
      .req("end_fraction", INT, "last affected fraction, 1-based (a corrected recurring error ends at its hold)")
      .req("size_mm", DOUBLE, "size of the anomaly, mm")
      .req("vector_x_mm", DOUBLE, "displacement, x (gross setup: the wrong couch shift; prostate shift: added to the prostate)")
      .req("vector_y_mm", DOUBLE, "displacement, y")
      .req("vector_z_mm", DOUBLE, "displacement, z")
      .opt("detected_fraction", INT, "first fraction held with an alert matched to this event, 1-based; null if never")
      .opt("delay_fractions", INT, "detected_fraction - start_fraction; null if never held")
      .opt("first_alert_fraction", INT, "first fraction with a review or hold alert matched to this event, 1-based; null if none")
      .build();

  /** Safety layer: one row per alert of a per-fraction deviation detector (the same for every strategy). */
  public static final TableSchema ALERTS = keys(TableSchema.builder("alerts"))
      .req("patient_id", STRING, "pseudonymous patient id")
      .req("fraction", INT, "fraction number, 1-based")
      .req("detector", STRING, "couch (executed vs commanded couch shift) or position (measured shifts vs the twin's forecast)")
      .req("severity", STRING, "info, review or hold (a hold re-images before the beam)")
      .req("score", DOUBLE, "Mahalanobis distance of the detector's statistic")
      .req("reason", STRING, "one line for the console")
      .opt("event_id", STRING, "the true injected event active on this fraction it is matched to; null for a false alert")
      .build();

  /** Safety layer with machine QA: one row per treatment room and treatment day (daily QA before the first patient). */
  public static final TableSchema QA_DAYS = keys(TableSchema.builder("qa_days"))
      .req("room", STRING, "treatment room")
      .req("day", DATE, "treatment date")
      .req("treatment_day", INT, "0-based index among the clinic's treatment days")
      .req("true_output_pct", DOUBLE, "true output deviation at QA, % (before any recalibration that morning)")
      .req("true_range_mm", DOUBLE, "true range deviation at QA, mm")
      .req("true_isocentre_mm", DOUBLE, "true imaging/beam isocentre offset at QA, mm")
      .req("true_cbct_hu", DOUBLE, "true CBCT HU bias at QA, HU")
      .req("qa_output_pct", DOUBLE, "output deviation the simulated daily QA measured, %")
      .req("qa_range_mm", DOUBLE, "range deviation the daily QA measured, mm")
      .req("qa_isocentre_mm", DOUBLE, "isocentre offset the daily QA measured, mm")
      .req("qa_cbct_hu", DOUBLE, "CBCT HU bias the daily QA measured, HU")
      .opt("severity", STRING, "highest alert of the machine-QA twin that day (info, review, hold); null if none")
      .opt("reasons", STRING, "the alerts' reasons")
      .req("recalibrated", BOOLEAN, "the room was recalibrated that morning (out for the scenario's recalibration hours)")
      .req("delivered_output_pct", DOUBLE, "output deviation the day's fractions are treated with, %")
      .req("delivered_range_mm", DOUBLE, "range deviation the day's fractions are treated with, mm")
      .opt("delivered_isocentre_mm", DOUBLE, "imaging vs beam isocentre offset the day's fractions are treated with, mm (vertical, AP)")
      .req("delivered_out_of_tolerance", BOOLEAN, "the day's fractions are treated with the machine beyond a TG-224 daily tolerance")
      .req("fractions_treated", INT, "fractions booked in this room that day")
      .build();

  /** Safety layer: detection figures per variant, anomaly kind and figure, with 95% confidence intervals. */
  public static final TableSchema SAFETY_SUMMARY = TableSchema.builder("safety_summary")
      .req("variant", STRING, "variant name")
      .req("anomaly_kind", STRING, "anomaly kind (gross-setup-recurring: injected per course), or 'none' for figures over normal fractions")
      .req("figure", STRING, "sensitivity_same_fraction, sensitivity_review_same_fraction, sensitivity_course, detection_delay_fractions, false_holds_per_100, false_reviews_per_100; per strategy mean_ctv_d98_pct_held, mean_ctv_d98_pct_missed (fractions with the anomaly active, held or not), mean_ctv_d98_pct_normal")
      .opt("strategy", STRING, "strategy of a delivered-dose figure; null for detection figures")
      .req("n", INT, "events (or normal fractions, or detected events for the delay)")
      .req("value", DOUBLE, "the figure (a proportion in %, a rate per 100 fractions, or a mean in fractions)")
      .opt("ci95_low", DOUBLE, "lower end of the 95% interval (Wilson score for proportions, Student t for the delay)")
      .opt("ci95_high", DOUBLE, "upper end of the 95% interval")
      .req("replications", INT, "replications pooled")
      .build();

  /**
   * PROPOSAL, not yet written by any engine: cumulative dose-volume histograms, one row per point of
   * a curve. A curve is one (replication, patient, fraction, strategy, structure); fraction 0 holds
   * the DVH of the dose accumulated over the course, in % of the course prescription. Doses are
   * increasing within a curve and volumes non-increasing; points need not share a dose grid (the
   * report interpolates). {@code twinsim report} draws median and 5-95 % bands per strategy and
   * structure when a run folder has a {@code dvh/variant=NAME/*.parquet} table of these columns.
   */
  public static final TableSchema DVH = keys(TableSchema.builder("dvh"))
      .req("patient_id", STRING, "pseudonymous patient id")
      .req("fraction", INT, "fraction number, 1-based; 0 for the dose accumulated over the course")
      .req("strategy", STRING, "workflow strategy")
      .req("structure", STRING, "structure name (StructureNames)")
      .req("dose_pct", DOUBLE, "dose level, % of the prescribed fraction dose (fraction 0: of the course prescription)")
      .req("volume_pct", DOUBLE, "volume of the structure receiving at least dose_pct, % of its volume")
      .build();

  /**
   * Key columns every table starts with. The scenario variant is not a column of the files: parts
   * are written under Hive-style folders {@code variant=NAME/}, which DuckDB and Spark turn into a
   * {@code variant} column when reading the folder.
   */
  private static TableSchema.Builder keys(TableSchema.Builder b) {
    return b.req("replication", INT, "independent replication, 0-based");
  }
}
