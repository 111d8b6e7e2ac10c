package org.twinsim.model.anatomy;

/**
 * The rectum (outer wall contour, as delineated for planning) as a tube around a centre line in
 * the mid-sagittal plane that follows the sacral curve: vertical behind the prostate, bending
 * posteriorly above it and slightly posteriorly towards the anal canal. The radius varies along
 * z (ampulla wider, anorectal junction narrower); the tube ends in flat caps at {@code zLo} and
 * {@code zHi}. In every axial plane the cross-section is an ellipse whose most anterior point is
 * {@link #anchorY}: filling changes scale each axial cross-section about that point, which keeps
 * the anterior wall against the prostate and changes the volume by exactly the scale squared.
 */
final class RectumShape {
  final double yc0;
  final double r0;
  final double zLo;
  final double zHi;
  final double wallMm;
  private final double kUp;
  private final double kLo;
  private final double zBendUp;
  private final double zBendLo;
  final Box box;

  RectumShape(double yc0, double r0, double zLo, double zHi, double wallMm, double kUp, double kLo,
              double zBendUp, double zBendLo) {
    this.yc0 = yc0;
    this.r0 = r0;
    this.zLo = zLo;
    this.zHi = zHi;
    this.wallMm = wallMm;
    this.kUp = kUp;
    this.kLo = kLo;
    this.zBendUp = zBendUp;
    this.zBendLo = zBendLo;
    double rMax = r0 * 1.3;
    double yMin = Math.min(centreY(zLo), Math.min(centreY(zHi), yc0));
    double yMax = Math.max(centreY(zLo), Math.max(centreY(zHi), yc0));
    box = new Box(-rMax, yMin - 1.5 * rMax, zLo, rMax, yMax + 1.5 * rMax, zHi);
  }

  RectumShape withRadius(double r) {
    return new RectumShape(yc0, r, zLo, zHi, wallMm, kUp, kLo, zBendUp, zBendLo);
  }

  double centreY(double z) {
    double up = Math.max(0, z - zBendUp);
    double lo = Math.max(0, zBendLo - z);
    return yc0 + kUp * up * up + kLo * lo * lo;
  }

  private double slope(double z) {
    return 2 * kUp * Math.max(0, z - zBendUp) - 2 * kLo * Math.max(0, zBendLo - z);
  }

  double radius(double z) {
    double ampulla = 1 + 0.22 * Math.exp(-sq((z - (zBendUp + 20)) / 25));
    double canal = 1 - 0.3 * (1 - Smooth.step((z - zLo) / 25));
    return r0 * ampulla * canal;
  }

  /** cos of the centre line's angle to the z axis at height z. */
  private double cosAlpha(double z) {
    double s = slope(z);
    return 1 / Math.sqrt(1 + s * s);
  }

  /** Signed distance (first order, in the axial plane) to the outer wall, mm; negative inside. */
  double distance(double x, double y, double z) {
    double ca = cosAlpha(z);
    double dy = (y - centreY(z)) * ca;
    double d = Math.sqrt(x * x + dy * dy) - radius(z);
    return Math.max(d, Math.max(zLo - z, z - zHi));
  }

  /**
   * Distance to the tube continued beyond the end caps (the bowel goes on: anal canal below,
   * sigmoid above), mm; negative inside.
   */
  double tubeDistance(double x, double y, double z) {
    double ca = cosAlpha(z);
    double dy = (y - centreY(z)) * ca;
    return Math.sqrt(x * x + dy * dy) - radius(z);
  }

  /** y of the most anterior point of the axial cross-section at height z (the filling anchor). */
  double anchorY(double z) {
    return centreY(z) - radius(z) / cosAlpha(z);
  }

  private static double sq(double v) {
    return v * v;
  }
}
