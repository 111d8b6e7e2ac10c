package org.twinsim.model.dose;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

/**
 * One CT as a dose engine sees it: the relative stopping-power map, the voxels where dose is
 * computed, and a cache of water-equivalent depth maps per beam source, so that several plans,
 * scenarios or strategies on the same CT trace each ray once.
 *
 * <p>The RSP volume must not be modified once the context exists (the cache would go stale). Depth
 * maps are full-grid float arrays, NaN where not yet computed; a bounded number are kept (least
 * recently used first out). Thread-safe.
 */
public final class DoseContext {
  private final Volume rsp;
  private final int[] doseVoxels;
  private final int maxCachedMaps;
  private final LinkedHashMap<String, float[]> depthMaps = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param rsp relative stopping power on the CT grid (not copied; do not modify afterwards)
   * @param doseRegion voxels where dose is computed, or null for every voxel with RSP >= {@code minRsp}
   * @param minRsp RSP threshold of the default dose region (0.02 excludes air, about -980 HU)
   * @param maxCachedMaps depth maps kept in the cache (each is one float per voxel)
   */
  public DoseContext(Volume rsp, boolean[] doseRegion, double minRsp, int maxCachedMaps) {
    if (doseRegion != null && doseRegion.length != rsp.grid().size()) {
      throw new IllegalArgumentException("dose region has " + doseRegion.length + " voxels, grid needs " + rsp.grid().size());
    }
    this.rsp = rsp;
    this.maxCachedMaps = Math.max(1, maxCachedMaps);
    float[] r = rsp.data();
    int n = 0;
    int[] tmp = new int[r.length];
    for (int i = 0; i < r.length; i++) {
      if (!Float.isFinite(r[i]) || r[i] < 0) {
        throw new IllegalArgumentException("stopping-power map has an invalid value " + r[i] + " at voxel " + i
            + " (expected finite and >= 0)");
      }
      if (doseRegion != null ? doseRegion[i] : r[i] >= minRsp) {
        tmp[n++] = i;
      }
    }
    this.doseVoxels = Arrays.copyOf(tmp, n);
  }

  /** Dose in every voxel with RSP >= 0.02 (not air), up to 16 cached depth maps. */
  public DoseContext(Volume rsp) {
    this(rsp, null, 0.02, 16);
  }

  /** From a CT in HU through a calibration curve. */
  public static DoseContext fromCt(Volume ctHu, StoppingPowerCalibration calibration) {
    return new DoseContext(calibration.toRsp(ctHu));
  }

  public Grid3 grid() {
    return rsp.grid();
  }

  public Volume rsp() {
    return rsp;
  }

  /** Flat indices of the voxels where forward dose is computed, ascending (not a copy: do not modify). */
  public int[] doseVoxels() {
    return doseVoxels;
  }

  /**
   * The depth map of a source point: a full-grid array whose entry n, once computed, is the WEPL
   * (mm) from voxel n's centre to the source ({@link RadiologicalDepth#voxelToPoint}); NaN until
   * then. Callers fill the entries they need with {@link #fill}.
   */
  public float[] depthMap(Vec3 source) {
    String key = String.format(java.util.Locale.ROOT, "%.6f,%.6f,%.6f", source.x() + 0.0, source.y() + 0.0, source.z() + 0.0);
    synchronized (depthMaps) {
      float[] m = depthMaps.get(key);
      if (m == null) {
        m = new float[rsp.grid().size()];
        Arrays.fill(m, Float.NaN);
        depthMaps.put(key, m);
        if (depthMaps.size() > maxCachedMaps) {
          Map.Entry<String, float[]> eldest = depthMaps.entrySet().iterator().next();
          depthMaps.remove(eldest.getKey());
        }
      }
      return m;
    }
  }

  /** Entry n of {@code map} for {@code source}, computing and storing it if still NaN. */
  public float fill(float[] map, int n, Vec3 source) {
    float v = map[n];
    if (Float.isNaN(v)) {
      Grid3 g = rsp.grid();
      int nx = g.nx();
      int ny = g.ny();
      int i = n % nx;
      int j = (n / nx) % ny;
      int k = n / (nx * ny);
      v = (float) RadiologicalDepth.voxelToPoint(rsp.data(), g, i, j, k, source.x(), source.y(), source.z());
      map[n] = v;
    }
    return v;
  }
}
