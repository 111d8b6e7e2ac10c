package org.twinsim.model.dose;

import java.util.List;
import java.util.Map;
import org.twinsim.model.geometry.LabelMap;

/**
 * Dose-volume histograms of several structures in one pass over a dose grid; the CPU reference is
 * {@link DoseMetrics#histograms}, a GPU backend may implement the same (each structure's mask
 * including its descendants, {@link LabelMap#labelsWithin}; bin width = maximum dose over the
 * whole grid / {@link DoseMetrics#DEFAULT_BINS}; negative doses counted as 0; build results with
 * {@link DoseVolumeHistogram#fromCounts}).
 */
@FunctionalInterface
public interface DvhEngine {
  /**
   * @param doseGy dose on the label map's grid, Gy (not modified)
   * @throws IllegalArgumentException if a structure is unknown or empty
   */
  Map<String, DoseVolumeHistogram> histograms(float[] doseGy, LabelMap labels, List<String> structures);

  /** The CPU reference. */
  static DvhEngine cpu() {
    return DoseMetrics::histograms;
  }
}
