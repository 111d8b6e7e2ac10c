package org.twinsim.model.anatomy;

import umontreal.ssj.rng.RandomStream;

/**
 * A rectal gas pocket: an ellipsoid, elongated along the rectum, in the anterior (non-dependent,
 * for a supine patient) part of the rectal lumen, clipped to the lumen. Defined in the planning
 * frame, so that under a deformation the gas stays inside the deformed lumen. Gas is content, not
 * tissue: it changes the CT numbers, not the correspondence between planning and day.
 */
final class GasPocket {
  private final Ellipsoid pocket;
  private final PelvisPhantom phantom;

  private GasPocket(Ellipsoid pocket, PelvisPhantom phantom) {
    this.pocket = pocket;
    this.phantom = phantom;
  }

  /**
   * Draws the day's pocket, or {@code null} for none. Draws, in order: presence, volume
   * (log-uniform), height along the rectum, lateral offset.
   */
  static GasPocket draw(PelvisPhantom ph, PhantomSpec spec, RandomStream s) {
    double present = s.nextDouble();
    double uVol = s.nextDouble();
    double uZ = s.nextDouble();
    double uX = s.nextDouble();
    if (present >= spec.rectalGasProbability()) {
      return null;
    }
    double vol = spec.rectalGasMinCc() * Math.pow(spec.rectalGasMaxCc() / spec.rectalGasMinCc(), uVol);
    RectumShape r = ph.rectum;
    double zLo = ph.prostate.cz - 0.6 * ph.prostate.c;
    double zHi = Math.min(r.zHi - 15, ph.prostate.cz + ph.prostate.c + 35);
    double z = zLo + (zHi - zLo) * uZ;
    double lumen = r.radius(z) - r.wallMm;
    // semi-axes (k, 0.7k, 1.8k): 4/3 pi 1.26 k^3 = vol
    double k = Math.cbrt(vol * 1000 / (4.0 / 3.0 * Math.PI * 1.26));
    double y = r.anchorY(z) + r.wallMm + 0.35 * lumen;
    double x = (uX - 0.5) * 0.4 * lumen;
    return new GasPocket(new Ellipsoid(x, y, z, k, 0.7 * k, 1.8 * k), ph);
  }

  /** The part of a voxel of size {@code hMm} around planning point q that is gas, in [0, 1]. */
  double fraction(double x, double y, double z, double hMm) {
    if (!pocket.box.grow(hMm).contains(x, y, z)) {
      return 0;
    }
    double d = Math.max(pocket.distance(x, y, z), phantom.rectum.distance(x, y, z) + phantom.rectum.wallMm);
    return Smooth.clamp(0.5 - d / hMm, 0, 1);
  }
}
