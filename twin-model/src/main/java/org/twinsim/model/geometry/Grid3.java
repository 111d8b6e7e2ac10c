package org.twinsim.model.geometry;

/**
 * A regular, axis-aligned voxel grid in DICOM patient coordinates (mm).
 *
 * <p>Axes follow the DICOM patient coordinate system (PS3.3 C.7.6.2.1.1): x from the patient's
 * right to left, y from anterior to posterior, z from inferior to superior. Voxel (i, j, k) has its
 * centre at {@code (originX + i*spacingX, originY + j*spacingY, originZ + k*spacingZ)}; the origin
 * is the centre of the first voxel (DICOM Image Position (Patient) of the first slice). The grid is
 * axis-aligned with direction cosines (1,0,0),(0,1,0) (an axial, gantry-tilt-free series).
 *
 * <p>Voxels are stored x-fastest: {@code index = i + nx*(j + ny*k)}.
 *
 * @param nx voxels along x (columns)
 * @param ny voxels along y (rows)
 * @param nz voxels along z (slices)
 * @param spacingXMm voxel size along x, mm
 * @param spacingYMm voxel size along y, mm
 * @param spacingZMm voxel size along z, mm
 * @param originXMm x of the centre of voxel (0,0,0), mm
 * @param originYMm y of the centre of voxel (0,0,0), mm
 * @param originZMm z of the centre of voxel (0,0,0), mm
 */
public record Grid3(int nx, int ny, int nz,
                    double spacingXMm, double spacingYMm, double spacingZMm,
                    double originXMm, double originYMm, double originZMm) {

  public Grid3 {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("grid dimensions must be positive, got " + nx + " x " + ny + " x " + nz);
    }
    if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("grid too large: " + nx + " x " + ny + " x " + nz + " voxels");
    }
    if (!(spacingXMm > 0 && spacingYMm > 0 && spacingZMm > 0)
        || !Double.isFinite(spacingXMm) || !Double.isFinite(spacingYMm) || !Double.isFinite(spacingZMm)) {
      throw new IllegalArgumentException("voxel spacing must be positive and finite, got "
          + spacingXMm + " x " + spacingYMm + " x " + spacingZMm + " mm");
    }
    if (!Double.isFinite(originXMm) || !Double.isFinite(originYMm) || !Double.isFinite(originZMm)) {
      throw new IllegalArgumentException("grid origin must be finite");
    }
  }

  /**
   * A grid of the given physical extent centred on a point: the voxel centres span
   * {@code extent - spacing} so that the voxel boundaries span {@code extent}.
   */
  public static Grid3 centred(double extentXMm, double extentYMm, double extentZMm,
                              double spacingXMm, double spacingYMm, double spacingZMm,
                              double centreXMm, double centreYMm, double centreZMm) {
    int nx = Math.max(1, (int) Math.round(extentXMm / spacingXMm));
    int ny = Math.max(1, (int) Math.round(extentYMm / spacingYMm));
    int nz = Math.max(1, (int) Math.round(extentZMm / spacingZMm));
    return new Grid3(nx, ny, nz, spacingXMm, spacingYMm, spacingZMm,
        centreXMm - 0.5 * (nx - 1) * spacingXMm,
        centreYMm - 0.5 * (ny - 1) * spacingYMm,
        centreZMm - 0.5 * (nz - 1) * spacingZMm);
  }

  /** Number of voxels. */
  public int size() {
    return nx * ny * nz;
  }

  /** Flat index of voxel (i, j, k); no bounds check. */
  public int index(int i, int j, int k) {
    return i + nx * (j + ny * k);
  }

  public boolean containsIndex(int i, int j, int k) {
    return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
  }

  /** x of the centre of column i, mm. */
  public double x(int i) {
    return originXMm + i * spacingXMm;
  }

  /** y of the centre of row j, mm. */
  public double y(int j) {
    return originYMm + j * spacingYMm;
  }

  /** z of the centre of slice k, mm. */
  public double z(int k) {
    return originZMm + k * spacingZMm;
  }

  /** Continuous (fractional) column index of a patient x coordinate. */
  public double fi(double xMm) {
    return (xMm - originXMm) / spacingXMm;
  }

  /** Continuous (fractional) row index of a patient y coordinate. */
  public double fj(double yMm) {
    return (yMm - originYMm) / spacingYMm;
  }

  /** Continuous (fractional) slice index of a patient z coordinate. */
  public double fk(double zMm) {
    return (zMm - originZMm) / spacingZMm;
  }

  /** Volume of one voxel, cm^3. */
  public double voxelVolumeCc() {
    return spacingXMm * spacingYMm * spacingZMm * 1e-3;
  }

  /** Physical centre of the grid, mm, as {x, y, z}. */
  public double[] centreMm() {
    return new double[] {
        originXMm + 0.5 * (nx - 1) * spacingXMm,
        originYMm + 0.5 * (ny - 1) * spacingYMm,
        originZMm + 0.5 * (nz - 1) * spacingZMm};
  }

  /** Whether two grids have the same dimensions and, within 1e-6 mm, the same spacing and origin. */
  public boolean sameAs(Grid3 o) {
    return nx == o.nx && ny == o.ny && nz == o.nz
        && Math.abs(spacingXMm - o.spacingXMm) < 1e-6 && Math.abs(spacingYMm - o.spacingYMm) < 1e-6
        && Math.abs(spacingZMm - o.spacingZMm) < 1e-6 && Math.abs(originXMm - o.originXMm) < 1e-6
        && Math.abs(originYMm - o.originYMm) < 1e-6 && Math.abs(originZMm - o.originZMm) < 1e-6;
  }

  /**
   * A grid covering the same physical extent (voxel boundaries) with a new spacing; used for
   * resolution pyramids and for resampling onto a coarser dose grid.
   */
  public Grid3 resampled(double newSpacingXMm, double newSpacingYMm, double newSpacingZMm) {
    double[] c = centreMm();
    return centred(nx * spacingXMm, ny * spacingYMm, nz * spacingZMm,
        newSpacingXMm, newSpacingYMm, newSpacingZMm, c[0], c[1], c[2]);
  }

  /** Throws unless {@code other} is the same grid; {@code what} names the operands in the message. */
  public void requireSame(Grid3 other, String what) {
    if (!sameAs(other)) {
      throw new IllegalArgumentException(what + ": grids differ (" + this + " vs " + other + ")");
    }
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%dx%dx%d @ %.3gx%.3gx%.3g mm, origin (%.2f, %.2f, %.2f) mm",
        nx, ny, nz, spacingXMm, spacingYMm, spacingZMm, originXMm, originYMm, originZMm);
  }
}
