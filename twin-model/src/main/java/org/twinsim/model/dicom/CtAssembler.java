package org.twinsim.model.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;

/**
 * Stacks the slices of one CT series into a {@link Grid3} and a HU {@link Volume}.
 *
 * <p>Accepted: axial slices without gantry tilt, i.e. rows along +-x and columns along +-y
 * (Image Orientation (Patient) within 1e-3 of (+-1,0,0),(0,+-1,0)); a flipped axis (prone or
 * feet-first orientations) is re-indexed so that the grid's axes point along +x and +y, which moves
 * no voxel centre. Slices are sorted by position along the normal (z) and must be equally spaced:
 * a spacing that is a multiple of the usual one means missing slices; anything else is an
 * inconsistent series. All slices must share Rows, Columns, Pixel Spacing, orientation and the
 * in-plane position of their first voxel (else the stack is sheared, e.g. by gantry tilt).
 */
final class CtAssembler {
  /** Tolerance on direction cosines. */
  static final double COSINE_TOL = 1e-3;
  /** Tolerance on in-plane positions and pixel spacing, mm. */
  static final double POSITION_TOL_MM = 0.01;

  private CtAssembler() {
  }

  /** Grid, volume, and the slices in grid order. */
  record Stack(Grid3 grid, Volume hu, List<CtSlice> slices, long paddingVoxels) {
  }

  /**
   * Stacks the slices of one series.
   *
   * @param rel names a file for messages (relative to the import folder)
   * @param warnings receives what was assumed (modified)
   */
  static Stack assemble(List<CtSlice> series, Function<Path, String> rel, List<String> warnings) {
    CtSlice first = series.get(0);
    double[] o = first.imageOrientationPatient();
    double sx = axisSign(first, o[0], o[1], o[2], 0, rel);
    double sy = axisSign(first, o[3], o[4], o[5], 1, rel);
    for (CtSlice s : series) {
      double[] q = s.imageOrientationPatient();
      for (int i = 0; i < 6; i++) {
        if (Math.abs(q[i] - o[i]) > COSINE_TOL) {
          throw Problem.fail(s.file(), "Image Orientation (Patient) " + fmt(q) + " differs from " + fmt(o) + " of "
              + rel.apply(first.file()) + ": inconsistent orientation within the series");
        }
      }
      if (Math.abs(s.gantryTiltDeg()) > 0.01) {
        throw Problem.fail(s.file(), String.format(Locale.ROOT,
            "gantry tilt of %.2f degrees (0018,1120): only tilt-free axial series are supported", s.gantryTiltDeg()));
      }
      if (s.rows() != first.rows() || s.columns() != first.columns()) {
        throw Problem.fail(s.file(), "image size " + s.columns() + " x " + s.rows() + " differs from "
            + first.columns() + " x " + first.rows() + " of " + rel.apply(first.file()));
      }
      if (Math.abs(s.rowSpacingMm() - first.rowSpacingMm()) > 1e-4
          || Math.abs(s.columnSpacingMm() - first.columnSpacingMm()) > 1e-4) {
        throw Problem.fail(s.file(), "Pixel Spacing " + s.rowSpacingMm() + "\\" + s.columnSpacingMm() + " differs from "
            + first.rowSpacingMm() + "\\" + first.columnSpacingMm() + " of " + rel.apply(first.file())
            + ": inconsistent spacing within the series");
      }
      double[] p = s.imagePositionPatient();
      double[] p0 = first.imagePositionPatient();
      if (Math.abs(p[0] - p0[0]) > POSITION_TOL_MM || Math.abs(p[1] - p0[1]) > POSITION_TOL_MM) {
        throw Problem.fail(s.file(), String.format(Locale.ROOT,
            "first voxel at x, y = %.3f, %.3f mm but %.3f, %.3f mm in %s: the slices are not stacked along z "
                + "(gantry tilt or a sheared series are not supported)", p[0], p[1], p0[0], p0[1], rel.apply(first.file())));
      }
    }
    List<CtSlice> sorted = new ArrayList<>(series);
    sorted.sort(Comparator.comparingDouble(s -> s.imagePositionPatient()[2]));
    int nz = sorted.size();
    double dz;
    if (nz == 1) {
      dz = first.sliceThicknessMm();
      if (!(dz > 0)) {
        throw Problem.fail(first.file(), "a single-slice series needs a positive Slice Thickness (0018,0050)");
      }
      warnings.add("the CT series has a single slice; its thickness " + dz + " mm is used as z spacing");
    } else {
      double[] diffs = new double[nz - 1];
      for (int k = 0; k + 1 < nz; k++) {
        diffs[k] = z(sorted.get(k + 1)) - z(sorted.get(k));
      }
      double[] s = diffs.clone();
      Arrays.sort(s);
      double typical = s[s.length / 2];
      double tol = Math.max(0.02, 0.01 * typical);
      for (int k = 0; k + 1 < nz; k++) {
        CtSlice a = sorted.get(k);
        CtSlice b = sorted.get(k + 1);
        double d = diffs[k];
        if (d <= tol) {
          throw Problem.fail(b.file(), String.format(Locale.ROOT,
              "two different slices at z = %.3f mm: %s and %s", z(b), rel.apply(a.file()), rel.apply(b.file())));
        }
        long m = Math.round(d / typical);
        if (m == 1 && Math.abs(d - typical) <= tol) {
          continue;
        }
        if (m >= 2 && Math.abs(d - m * typical) <= tol * m) {
          throw Problem.fail(b.file(), String.format(Locale.ROOT,
              "missing slice%s: a gap of %.3f mm between z = %.3f mm (%s) and z = %.3f mm (%s), where slices are "
                  + "%.3f mm apart (%d slice%s missing)", m > 2 ? "s" : "", d, z(a), rel.apply(a.file()), z(b),
              rel.apply(b.file()), typical, m - 1, m > 2 ? "s" : ""));
        }
        throw Problem.fail(b.file(), String.format(Locale.ROOT,
            "inconsistent slice spacing: %.3f mm between z = %.3f mm (%s) and z = %.3f mm (%s), but %.3f mm elsewhere",
            d, z(a), rel.apply(a.file()), z(b), rel.apply(b.file()), typical));
      }
      dz = (z(sorted.get(nz - 1)) - z(sorted.get(0))) / (nz - 1);
    }
    int nx = first.columns();
    int ny = first.rows();
    double dx = first.columnSpacingMm();
    double dy = first.rowSpacingMm();
    double[] p0 = first.imagePositionPatient();
    double ox = sx > 0 ? p0[0] : p0[0] - (nx - 1) * dx;
    double oy = sy > 0 ? p0[1] : p0[1] - (ny - 1) * dy;
    Grid3 grid = new Grid3(nx, ny, nz, dx, dy, dz, ox, oy, z(sorted.get(0)));
    if (sx < 0 || sy < 0) {
      warnings.add("the CT rows/columns run along " + (sx < 0 ? "-x" : "+x") + "/" + (sy < 0 ? "-y" : "+y")
          + " (Image Orientation (Patient) " + fmt(o) + "); the image was re-indexed to +x/+y without resampling");
    }
    Volume hu = new Volume(grid);
    float[] data = hu.data();
    boolean flipX = sx < 0;
    boolean flipY = sy < 0;
    long[] padding = new long[nz];
    IntStream.range(0, nz).parallel().forEach(k -> {
      CtSlice s = sorted.get(k);
      int off = k * nx * ny;
      long pad = 0;
      for (int r = 0; r < ny; r++) {
        int j = flipY ? ny - 1 - r : r;
        for (int c = 0; c < nx; c++) {
          int i = flipX ? nx - 1 - c : c;
          int src = c + nx * r;
          float v;
          if (s.isPadding(src)) {
            v = -1000f;
            pad++;
          } else {
            v = s.hu(src);
          }
          data[off + i + nx * j] = v;
        }
      }
      padding[k] = pad;
    });
    long pad = Arrays.stream(padding).sum();
    if (pad > 0) {
      warnings.add(pad + " voxels marked as Pixel Padding (outside the reconstructed field of view) were set to "
          + "-1000 HU (air)");
    }
    long missingRescale = sorted.stream().filter(CtSlice::rescaleMissing).count();
    if (missingRescale > 0) {
      warnings.add(missingRescale + " CT slices have no Rescale Slope/Intercept; stored values were taken as HU");
    }
    return new Stack(grid, hu, List.copyOf(sorted), pad);
  }

  private static double z(CtSlice s) {
    return s.imagePositionPatient()[2];
  }

  /** +1 or -1 for a direction cosine along the given axis (0: x for rows, 1: y for columns). */
  private static double axisSign(CtSlice s, double a, double b, double c, int axis, Function<Path, String> rel) {
    double along = axis == 0 ? a : b;
    double off1 = axis == 0 ? b : a;
    if (Math.abs(Math.abs(along) - 1) <= COSINE_TOL && Math.abs(off1) <= COSINE_TOL && Math.abs(c) <= COSINE_TOL) {
      return Math.signum(along);
    }
    throw Problem.fail(s.file(), "Image Orientation (Patient) " + fmt(s.imageOrientationPatient())
        + " is not axial: only series with rows along +-x and columns along +-y (no gantry tilt, not sagittal, "
        + "coronal or oblique) are supported");
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        b.append('\\');
      }
      b.append(String.format(Locale.ROOT, "%.4g", v[i]));
    }
    return b.toString();
  }
}
