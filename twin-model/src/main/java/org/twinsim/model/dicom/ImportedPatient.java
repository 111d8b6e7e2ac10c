package org.twinsim.model.dicom;

import java.util.List;
import java.util.Locale;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Volume;

/**
 * An imported patient: planning CT in HU and structures on its grid, under a pseudonym.
 *
 * <p>The record and its lists are immutable; the {@link Volume} and {@link LabelMap} are fresh
 * objects owned by the caller. No field holds the patient's name or ID.
 *
 * @param pseudonym the patient's pseudonym ({@link Pseudonym#of})
 * @param grid the CT grid (axial, rows along +x, columns along +y after any flip)
 * @param ct the CT in HU (Rescale Slope and Intercept applied)
 * @param labels structures rasterised onto the CT grid (empty when no RT Structure Set was found)
 * @param rois what became of each ROI of the structure set
 * @param warnings what was skipped or assumed, in words for the user
 * @param source where it came from (series and structure set identifiers, file counts)
 */
public record ImportedPatient(Pseudonym pseudonym, Grid3 grid, Volume ct, LabelMap labels, List<RoiFinding> rois,
                              List<String> warnings, Source source) {

  /**
   * Identifiers and counts of the imported data.
   *
   * @param folder the folder read (redacted)
   * @param ctSeriesInstanceUid the CT series imported
   * @param frameOfReferenceUid its frame of reference
   * @param ctSeriesDescription its Series Description ("" when absent; redacted)
   * @param ctSlices number of slices
   * @param structureSetSopInstanceUid the RT Structure Set used, or null
   * @param structureSetLabel its Structure Set Label ("" when absent; redacted)
   * @param filesRead DICOM files read
   * @param filesSkipped files skipped (non-DICOM, hidden, other objects)
   */
  public record Source(String folder, String ctSeriesInstanceUid, String frameOfReferenceUid,
                       String ctSeriesDescription, int ctSlices, String structureSetSopInstanceUid,
                       String structureSetLabel, int filesRead, int filesSkipped) {
  }

  public ImportedPatient {
    rois = List.copyOf(rois);
    warnings = List.copyOf(warnings);
  }

  /** A human-readable account of what was found, for the command line. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("Patient ").append(pseudonym.value()).append('\n');
    b.append(String.format(Locale.ROOT, "CT: %d x %d x %d voxels of %.3f x %.3f x %.3f mm, origin (%.2f, %.2f, %.2f) mm%n",
        grid.nx(), grid.ny(), grid.nz(), grid.spacingXMm(), grid.spacingYMm(), grid.spacingZMm(),
        grid.originXMm(), grid.originYMm(), grid.originZMm()));
    float[] r = ct.range();
    b.append(String.format(Locale.ROOT, "    HU range %.0f .. %.0f; series %s%s%n", r[0], r[1],
        source.ctSeriesInstanceUid(), source.ctSeriesDescription().isEmpty() ? "" : " \"" + source.ctSeriesDescription() + "\""));
    if (source.structureSetSopInstanceUid() == null) {
      b.append("Structures: none (no RT Structure Set)\n");
    } else {
      b.append("Structures from RT Structure Set ").append(source.structureSetSopInstanceUid())
          .append(source.structureSetLabel().isEmpty() ? "" : " \"" + source.structureSetLabel() + "\"").append(":\n");
      b.append(String.format(Locale.ROOT, "  %3s %-26s %-16s %-13s %9s %12s%n", "ROI", "name", "structure", "match",
          "contours", "volume"));
      for (RoiFinding f : rois) {
        b.append(String.format(Locale.ROOT, "  %3d %-26s %-16s %-13s %4d/%-4d %9.1f cc%n",
            f.roiNumber(), quote(f.roiName()), f.structure() == null ? "(not imported)" : f.structure(),
            f.match(), f.contoursUsed(), f.contours(), f.voxelsInLabelMap() * grid.voxelVolumeCc()));
        for (String n : f.notes()) {
          b.append("        ").append(n).append('\n');
        }
      }
      List<Structure> kept = labels.structures();
      b.append("Label map: ").append(kept.size()).append(" structures\n");
    }
    b.append("Files: ").append(source.filesRead()).append(" DICOM files read, ").append(source.filesSkipped())
        .append(" skipped\n");
    if (!warnings.isEmpty()) {
      b.append("Warnings:\n");
      for (String w : warnings) {
        b.append("  - ").append(w).append('\n');
      }
    }
    return b.toString();
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
