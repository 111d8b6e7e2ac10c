package org.twinsim.model.geometry;

/**
 * One delineated structure of a {@link LabelMap}.
 *
 * <p>Structures form a tree: a voxel carries the label of the most specific structure that claims
 * it, and a structure's mask is its own voxels plus those of all its descendants (the bladder
 * contains the bladder neck, the body contains every organ). Where two structures that are not
 * nested claim the same voxel, the one with the higher {@code priority} keeps it.
 *
 * @param label voxel value, 1..255 (0 is background)
 * @param name structure name as in an RT Structure Set (e.g. "CTV", "BladderNeck")
 * @param priority overlap priority: higher wins
 * @param parentLabel label of the enclosing structure, or 0 for a top-level structure
 */
public record Structure(int label, String name, int priority, int parentLabel) {
  public Structure {
    if (label < 1 || label > 255) {
      throw new IllegalArgumentException("structure label must be in 1..255, got " + label);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("structure name must not be blank");
    }
    if (parentLabel < 0 || parentLabel > 255 || parentLabel == label) {
      throw new IllegalArgumentException("structure " + name + ": invalid parent label " + parentLabel);
    }
  }
}
