package org.twinsim.model.dicom;

import java.util.List;

/**
 * What the import made of one ROI of the RT Structure Set.
 *
 * @param roiNumber ROI Number (3006,0022)
 * @param roiName ROI Name (3006,0026) as found (patient identifiers redacted)
 * @param structure the structure name in the label map, or null when the ROI is not in it
 * @param match how the name was matched
 * @param interpretedType RT ROI Interpreted Type, "" when absent
 * @param contours number of contours of the ROI
 * @param contoursUsed closed planar contours rasterised onto CT slices
 * @param voxelsRasterised voxels inside the ROI's contours on the CT grid
 * @param voxelsInLabelMap voxels of the structure's mask in the label map (with its descendants),
 *     0 when not in the label map
 * @param notes what was skipped, clipped or renamed, and why
 */
public record RoiFinding(int roiNumber, String roiName, String structure, Match match, String interpretedType,
                         int contours, int contoursUsed, long voxelsRasterised, long voxelsInLabelMap,
                         List<String> notes) {

  /** How an ROI name was matched. */
  public enum Match {
    /** The canonical name itself (case and separators ignored). */
    CANONICAL,
    /** A synonym from {@link StructureSynonyms}. */
    SYNONYM,
    /** Unrecognised name, recognised as Body by RT ROI Interpreted Type EXTERNAL. */
    EXTERNAL_TYPE,
    /** Not recognised: kept under its own name. */
    OWN_NAME,
    /** Not in the label map (no usable contours, or no label left). */
    NOT_IMPORTED
  }

  public RoiFinding {
    notes = List.copyOf(notes);
  }
}
