package org.twinsim.model.dicom;

import java.util.Map;
import org.twinsim.model.anatomy.StructureNames;

/**
 * RT ROI Interpreted Type (PS3.3 C.8.8.8, defined terms EXTERNAL, CTV, ORGAN, ...) and display
 * colour for the canonical structures; other structures get no type and grey.
 */
final class RoiStyle {
  private RoiStyle() {
  }

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry(StructureNames.BODY, "EXTERNAL"),
      Map.entry(StructureNames.CTV, "CTV"),
      Map.entry(StructureNames.PROSTATE, "ORGAN"),
      Map.entry(StructureNames.URETHRA, "ORGAN"),
      Map.entry(StructureNames.SEMINAL_VESICLES, "ORGAN"),
      Map.entry(StructureNames.BLADDER, "ORGAN"),
      Map.entry(StructureNames.BLADDER_NECK, "ORGAN"),
      Map.entry(StructureNames.RECTUM, "ORGAN"),
      Map.entry(StructureNames.RECTAL_WALL, "ORGAN"),
      Map.entry(StructureNames.FEMORAL_HEAD_L, "ORGAN"),
      Map.entry(StructureNames.FEMORAL_HEAD_R, "ORGAN"),
      Map.entry(StructureNames.PELVIC_BONE, "ORGAN"));

  private static final Map<String, int[]> COLOURS = Map.ofEntries(
      Map.entry(StructureNames.BODY, new int[] {0, 255, 0}),
      Map.entry(StructureNames.CTV, new int[] {255, 0, 0}),
      Map.entry(StructureNames.PROSTATE, new int[] {255, 128, 128}),
      Map.entry(StructureNames.URETHRA, new int[] {255, 255, 0}),
      Map.entry(StructureNames.SEMINAL_VESICLES, new int[] {255, 0, 255}),
      Map.entry(StructureNames.BLADDER, new int[] {255, 200, 0}),
      Map.entry(StructureNames.BLADDER_NECK, new int[] {200, 120, 0}),
      Map.entry(StructureNames.RECTUM, new int[] {140, 70, 20}),
      Map.entry(StructureNames.RECTAL_WALL, new int[] {100, 50, 10}),
      Map.entry(StructureNames.FEMORAL_HEAD_L, new int[] {0, 200, 255}),
      Map.entry(StructureNames.FEMORAL_HEAD_R, new int[] {0, 128, 255}),
      Map.entry(StructureNames.PELVIC_BONE, new int[] {220, 220, 220}));

  /** The interpreted type, or "" (type 2, empty) when unknown. */
  static String interpretedType(String name) {
    return TYPES.getOrDefault(name, "");
  }

  static int[] colour(String name) {
    return COLOURS.getOrDefault(name, new int[] {160, 160, 160});
  }
}
