package org.twinsim.model.geometry;

/**
 * A displacement field in mm on a {@link Grid3}, three flat float arrays (x-fastest).
 *
 * <p>Convention (backward / pull-back mapping, as ITK and plastimatch use): the field lives on the
 * grid of the <em>target</em> image, and the voxel at position p of the target corresponds to the
 * point {@code p + u(p)} of the <em>source</em> image. Warping therefore reads
 * {@code target(p) = source(p + u(p))}. A "planning -> day k" field lives on the day's grid and
 * points into the planning CT; a registration "CBCT -> CT" field lives on the CBCT grid and points
 * into the CT.
 */
public final class VectorField {
  private final Grid3 grid;
  private final float[] ux;
  private final float[] uy;
  private final float[] uz;

  /** A zero (identity) field. */
  public VectorField(Grid3 grid) {
    this(grid, new float[grid.size()], new float[grid.size()], new float[grid.size()]);
  }

  /** Wraps existing arrays (not copied). */
  public VectorField(Grid3 grid, float[] ux, float[] uy, float[] uz) {
    int n = grid.size();
    if (ux.length != n || uy.length != n || uz.length != n) {
      throw new IllegalArgumentException("vector field components must have " + n + " values");
    }
    this.grid = grid;
    this.ux = ux;
    this.uy = uy;
    this.uz = uz;
  }

  /** A uniform translation field: every point maps to {@code p + t}. */
  public static VectorField translation(Grid3 grid, double txMm, double tyMm, double tzMm) {
    VectorField f = new VectorField(grid);
    java.util.Arrays.fill(f.ux, (float) txMm);
    java.util.Arrays.fill(f.uy, (float) tyMm);
    java.util.Arrays.fill(f.uz, (float) tzMm);
    return f;
  }

  public Grid3 grid() {
    return grid;
  }

  /** x components, mm (not a copy). */
  public float[] ux() {
    return ux;
  }

  /** y components, mm (not a copy). */
  public float[] uy() {
    return uy;
  }

  /** z components, mm (not a copy). */
  public float[] uz() {
    return uz;
  }

  public VectorField copy() {
    return new VectorField(grid, ux.clone(), uy.clone(), uz.clone());
  }

  /**
   * The displacement at a patient position (mm), trilinearly interpolated, written into
   * {@code out} (length 3; modified). Outside the grid the displacement is zero.
   */
  public void sample(double xMm, double yMm, double zMm, double[] out) {
    double fi = grid.fi(xMm);
    double fj = grid.fj(yMm);
    double fk = grid.fk(zMm);
    out[0] = Trilinear.sample(ux, grid, fi, fj, fk, 0f);
    out[1] = Trilinear.sample(uy, grid, fi, fj, fk, 0f);
    out[2] = Trilinear.sample(uz, grid, fi, fj, fk, 0f);
  }

  /** Largest displacement magnitude, mm. */
  public double maxMagnitudeMm() {
    double m = 0;
    for (int i = 0; i < ux.length; i++) {
      double s = (double) ux[i] * ux[i] + (double) uy[i] * uy[i] + (double) uz[i] * uz[i];
      if (s > m) {
        m = s;
      }
    }
    return Math.sqrt(m);
  }

  /** Whether every component is finite. */
  public boolean isFinite() {
    for (int i = 0; i < ux.length; i++) {
      if (!Float.isFinite(ux[i]) || !Float.isFinite(uy[i]) || !Float.isFinite(uz[i])) {
        return false;
      }
    }
    return true;
  }
}
