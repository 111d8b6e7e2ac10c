package org.twinsim.model.registration;

import java.util.Locale;
import org.twinsim.model.geometry.Grid3;

/**
 * What one resolution level of a registration did.
 *
 * @param method the registration's name (e.g. "demons-cpu", "rigid-bone")
 * @param level level index, 0 = finest
 * @param grid the fixed-image grid of this level (ROI only)
 * @param iterations iterations run
 * @param converged whether the level stopped on its convergence test (false: iteration bound)
 * @param metricStart metric at the first iteration (mean squared HU difference over the overlap)
 * @param metricEnd metric at the last iteration
 * @param updateSigmaMm Gaussian sigma applied to each update (fluid-like), mm; 0 if none
 * @param fieldSigmaMm Gaussian sigma applied to the field (diffusion-like), mm; 0 if none
 * @param seconds wall time of the level, s
 */
public record LevelReport(String method, int level, Grid3 grid, int iterations, boolean converged,
                          double metricStart, double metricEnd, double updateSigmaMm, double fieldSigmaMm,
                          double seconds) {
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s level %d (%dx%dx%d @ %.3g mm): %d it%s, metric %.1f -> %.1f, %.1f ms",
        method, level, grid.nx(), grid.ny(), grid.nz(), grid.spacingXMm(), iterations,
        converged ? " (converged)" : "", metricStart, metricEnd, seconds * 1e3);
  }
}
