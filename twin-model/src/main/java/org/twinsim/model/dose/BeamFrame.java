package org.twinsim.model.dose;

import org.twinsim.model.geometry.Vec3;

/**
 * The geometry of a beam in DICOM patient coordinates (head-first supine, couch at 0 degrees):
 * the virtual source, the central-axis direction and the two lateral axes of the beam's eye view.
 *
 * <p>Reference: IEC 61217 gantry angle (0: source anterior, beam travelling posteriorly; 90: source
 * at the patient's left). With theta the gantry angle: direction {@code d = (-sin theta, cos theta, 0)},
 * lateral axes {@code u = (cos theta, sin theta, 0)} and {@code v = (0, 0, 1)}, source
 * {@code S = isocentre - SAD d}. A spot at (u_s, v_s) in the isocentre plane travels along the line
 * from S through {@code isocentre + u_s u + v_s v}.
 *
 * <p>For a point X let {@code a = X - S}, {@code w = a.d} (distance from the source along the central
 * axis), {@code m = w / SAD}; its projection on the isocentre plane is {@code (a.u / m, a.v / m)} and
 * its lateral offset from a spot, measured in the plane through X perpendicular to the central
 * axis, is {@code m (a.u/m - u_s, a.v/m - v_s)}.
 *
 * @param source virtual source position, mm
 * @param direction unit vector of the central axis (from source to isocentre)
 * @param u unit lateral axis u
 * @param v unit lateral axis v
 * @param sourceAxisDistanceMm SAD, mm
 */
public record BeamFrame(Vec3 source, Vec3 direction, Vec3 u, Vec3 v, double sourceAxisDistanceMm) {

  /** The frame of a gantry angle and isocentre. */
  public static BeamFrame of(double gantryAngleDeg, Vec3 isocentreMm, double sadMm) {
    double t = Math.toRadians(gantryAngleDeg);
    double s = Math.sin(t);
    double c = Math.cos(t);
    // snap tiny values so that cardinal angles give exact axes
    s = Math.abs(s) < 1e-15 ? 0 : s;
    c = Math.abs(c) < 1e-15 ? 0 : c;
    Vec3 d = new Vec3(-s, c, 0);
    Vec3 u = new Vec3(c, s, 0);
    Vec3 v = new Vec3(0, 0, 1);
    return new BeamFrame(isocentreMm.minus(d.times(sadMm)), d, u, v, sadMm);
  }

  /** The same frame translated by {@code shiftMm} (source and isocentre move together). */
  public BeamFrame shifted(Vec3 shiftMm) {
    return new BeamFrame(source.plus(shiftMm), direction, u, v, sourceAxisDistanceMm);
  }

  /** The isocentre. */
  public Vec3 isocentre() {
    return source.plus(direction.times(sourceAxisDistanceMm));
  }
}
