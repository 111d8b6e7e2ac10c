package org.twinsim.model.anatomy;

import java.util.List;
import org.twinsim.model.geometry.Structure;

/**
 * Canonical structure names and the label tree shared by the anatomy generator, the dose metrics,
 * registration and DICOM (where an imported RT Structure Set's ROI names are mapped onto these).
 *
 * <p>Tree (a structure's mask includes its children): Body > {CTV > {Prostate > Urethra,
 * SeminalVesicles}, Bladder > BladderNeck, Rectum > RectalWall, FemoralHead_L, FemoralHead_R,
 * PelvicBone}. The CTV is the prostate with the proximal seminal vesicles.
 */
public final class StructureNames {
  public static final String BODY = "Body";
  public static final String CTV = "CTV";
  public static final String PROSTATE = "Prostate";
  public static final String URETHRA = "Urethra";
  public static final String SEMINAL_VESICLES = "SeminalVesicles";
  public static final String BLADDER = "Bladder";
  public static final String BLADDER_NECK = "BladderNeck";
  public static final String RECTUM = "Rectum";
  public static final String RECTAL_WALL = "RectalWall";
  public static final String FEMORAL_HEAD_L = "FemoralHead_L";
  public static final String FEMORAL_HEAD_R = "FemoralHead_R";
  public static final String PELVIC_BONE = "PelvicBone";

  private StructureNames() {
  }

  /**
   * The label tree of a virtual prostate patient. Priorities resolve overlaps between structures
   * that are not nested: target over organs at risk, bone over soft tissue.
   */
  public static List<Structure> prostateTree() {
    return List.of(
        new Structure(1, BODY, 0, 0),
        new Structure(2, CTV, 50, 1),
        new Structure(3, PROSTATE, 51, 2),
        new Structure(4, URETHRA, 52, 3),
        new Structure(5, SEMINAL_VESICLES, 51, 2),
        new Structure(6, BLADDER, 30, 1),
        new Structure(7, BLADDER_NECK, 31, 6),
        new Structure(8, RECTUM, 40, 1),
        new Structure(9, RECTAL_WALL, 41, 8),
        new Structure(10, FEMORAL_HEAD_L, 20, 1),
        new Structure(11, FEMORAL_HEAD_R, 20, 1),
        new Structure(12, PELVIC_BONE, 10, 1));
  }
}
