package org.twinsim.model.registration;

import java.util.Locale;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;

/**
 * An axis-aligned box in patient coordinates (mm) that restricts a registration to the region
 * that matters (the pelvis around the prostate), to save time. The registration runs on the
 * fixed-grid voxels whose centres lie inside the box.
 *
 * @param minMm lower corner, patient axes, mm
 * @param maxMm upper corner, patient axes, mm
 */
public record RegionOfInterest(Vec3 minMm, Vec3 maxMm) {
  public RegionOfInterest {
    if (minMm == null || maxMm == null) {
      throw new IllegalArgumentException("region of interest: corners must not be null");
    }
    if (!(minMm.x() < maxMm.x() && minMm.y() < maxMm.y() && minMm.z() < maxMm.z())) {
      throw new IllegalArgumentException("region of interest: expected min < max on every axis, got "
          + minMm + " .. " + maxMm);
    }
  }

  /** A box of half-sizes {@code halfSizeMm} around {@code centreMm}. */
  public static RegionOfInterest around(Vec3 centreMm, Vec3 halfSizeMm) {
    return new RegionOfInterest(centreMm.minus(halfSizeMm), centreMm.plus(halfSizeMm));
  }

  /**
   * The bounding box of the named structures (their voxel centres, descendants included) grown by
   * {@code marginMm} on every side; throws if none of them has a voxel.
   */
  public static RegionOfInterest ofStructures(LabelMap labels, double marginMm, String... names) {
    Grid3 g = labels.grid();
    boolean[] table = new boolean[256];
    for (String name : names) {
      boolean[] t = labels.labelsWithin(name);
      for (int l = 0; l < 256; l++) {
        table[l] |= t[l];
      }
    }
    byte[] lab = labels.labels();
    RegionOfInterest box = voxelBounds(g, n -> table[lab[n] & 0xFF], new Vec3(marginMm, marginMm, marginMm));
    if (box == null) {
      throw new IllegalArgumentException("region of interest: structures " + String.join(", ", names)
          + " have no voxel on " + g);
    }
    return box;
  }

  /**
   * The box spanned by the centres of the voxels of {@code g} whose flat index satisfies
   * {@code inside}, grown by {@code marginMm} per axis; null if no voxel does.
   */
  static RegionOfInterest voxelBounds(Grid3 g, java.util.function.IntPredicate inside, Vec3 marginMm) {
    int i0 = Integer.MAX_VALUE;
    int j0 = Integer.MAX_VALUE;
    int k0 = Integer.MAX_VALUE;
    int i1 = -1;
    int j1 = -1;
    int k1 = -1;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        int row = g.index(0, j, k);
        for (int i = 0; i < g.nx(); i++) {
          if (inside.test(row + i)) {
            i0 = Math.min(i0, i);
            i1 = Math.max(i1, i);
            j0 = Math.min(j0, j);
            j1 = Math.max(j1, j);
            k0 = Math.min(k0, k);
            k1 = Math.max(k1, k);
          }
        }
      }
    }
    if (i1 < 0) {
      return null;
    }
    return new RegionOfInterest(new Vec3(g.x(i0), g.y(j0), g.z(k0)).minus(marginMm),
        new Vec3(g.x(i1), g.y(j1), g.z(k1)).plus(marginMm));
  }

  /** This box moved by {@code shiftMm}. */
  public RegionOfInterest shifted(Vec3 shiftMm) {
    return new RegionOfInterest(minMm.plus(shiftMm), maxMm.plus(shiftMm));
  }

  /** The common part of this box and {@code other}, or null if they do not overlap. */
  public RegionOfInterest intersect(RegionOfInterest other) {
    Vec3 lo = new Vec3(Math.max(minMm.x(), other.minMm.x()), Math.max(minMm.y(), other.minMm.y()),
        Math.max(minMm.z(), other.minMm.z()));
    Vec3 hi = new Vec3(Math.min(maxMm.x(), other.maxMm.x()), Math.min(maxMm.y(), other.maxMm.y()),
        Math.min(maxMm.z(), other.maxMm.z()));
    if (!(lo.x() < hi.x() && lo.y() < hi.y() && lo.z() < hi.z())) {
      return null;
    }
    return new RegionOfInterest(lo, hi);
  }

  /** The box covering every voxel of {@code g} (a whole-image "region"). */
  public static RegionOfInterest covering(Grid3 g) {
    return new RegionOfInterest(
        new Vec3(g.x(0) - 0.5 * g.spacingXMm(), g.y(0) - 0.5 * g.spacingYMm(), g.z(0) - 0.5 * g.spacingZMm()),
        new Vec3(g.x(g.nx() - 1) + 0.5 * g.spacingXMm(), g.y(g.ny() - 1) + 0.5 * g.spacingYMm(),
            g.z(g.nz() - 1) + 0.5 * g.spacingZMm()));
  }

  /**
   * The index box {i0, i1, j0, j1, k0, k1} (inclusive) of the voxels of {@code g} whose centres
   * lie inside this box, or null if none does.
   */
  int[] indexBox(Grid3 g) {
    int i0 = Math.max(0, (int) Math.ceil(g.fi(minMm.x()) - 1e-9));
    int i1 = Math.min(g.nx() - 1, (int) Math.floor(g.fi(maxMm.x()) + 1e-9));
    int j0 = Math.max(0, (int) Math.ceil(g.fj(minMm.y()) - 1e-9));
    int j1 = Math.min(g.ny() - 1, (int) Math.floor(g.fj(maxMm.y()) + 1e-9));
    int k0 = Math.max(0, (int) Math.ceil(g.fk(minMm.z()) - 1e-9));
    int k1 = Math.min(g.nz() - 1, (int) Math.floor(g.fk(maxMm.z()) + 1e-9));
    if (i0 > i1 || j0 > j1 || k0 > k1) {
      return null;
    }
    return new int[] {i0, i1, j0, j1, k0, k1};
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "[%.1f..%.1f, %.1f..%.1f, %.1f..%.1f] mm",
        minMm.x(), maxMm.x(), minMm.y(), maxMm.y(), minMm.z(), maxMm.z());
  }
}
