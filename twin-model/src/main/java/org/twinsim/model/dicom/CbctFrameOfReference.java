package org.twinsim.model.dicom;

/**
 * The frame of reference written for an exported CBCT series.
 *
 * <p>twinsim's simulated CBCTs are images in the planning CT's patient coordinates: the generator
 * places the day's anatomy (setup error, organ motion) in the same coordinate system, and a
 * registration "CBCT -> CT" field lives on the CBCT grid and points into the CT in those
 * coordinates. So the default is {@link #SHARED_WITH_PLANNING}: the CBCT carries the planning CT's
 * Frame of Reference UID, which tells a planning system that the two are registered (identity)
 * and can be overlaid without a Spatial Registration object. {@link #OWN} gives the CBCT a new
 * frame of reference, as a CBCT straight from a treatment machine has before any registration
 * (twinsim writes no Spatial Registration object to relate the two).
 */
public enum CbctFrameOfReference {
  /** Same Frame of Reference UID as the planning CT (images registered, identity transform). */
  SHARED_WITH_PLANNING,
  /** A new Frame of Reference UID (unregistered). */
  OWN
}
