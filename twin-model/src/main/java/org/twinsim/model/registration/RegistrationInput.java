package org.twinsim.model.registration;

import org.twinsim.model.geometry.Volume;

/**
 * The images of one registration and what relates them.
 *
 * @param fixed the image the result lives on: the day's CBCT (HU-like values)
 * @param moving the image the result points into: the planning CT (HU)
 * @param initial initial fixed-to-moving transform (e.g. the rigid result); may be null only when
 *     both images share the same grid, and then means the identity
 * @param roi region of the fixed image to register, or null for the whole fixed grid; outside it
 *     the deformable result is the initial transform
 * @param fixedMask voxels of the fixed grid that hold valid data (the CBCT's reconstructed field of
 *     view), or null for all; voxels outside it exert no force and are left out of every metric
 */
public record RegistrationInput(Volume fixed, Volume moving, RigidTransform initial, RegionOfInterest roi,
                                boolean[] fixedMask) {
  public RegistrationInput {
    if (fixed == null || moving == null) {
      throw new IllegalArgumentException("registration: the fixed and the moving image are required");
    }
    if (fixedMask != null && fixedMask.length != fixed.grid().size()) {
      throw new IllegalArgumentException("registration: fixedMask has " + fixedMask.length
          + " values, the fixed grid has " + fixed.grid().size());
    }
    if (initial == null && !fixed.grid().sameAs(moving.grid())) {
      throw new RegistrationException("registration: fixed grid (" + fixed.grid() + ") and moving grid ("
          + moving.grid() + ") differ and no initial transform relates them; pass RigidTransform.IDENTITY"
          + " if both images are in the same patient frame");
    }
  }

  /** Same images on the same grid, identity start, whole grid, no mask. */
  public static RegistrationInput of(Volume fixed, Volume moving) {
    return new RegistrationInput(fixed, moving, null, null, null);
  }

  /** The initial transform, the identity if none was given. */
  public RigidTransform initialOrIdentity() {
    return initial == null ? RigidTransform.IDENTITY : initial;
  }

  public RegistrationInput withInitial(RigidTransform t) {
    return new RegistrationInput(fixed, moving, t, roi, fixedMask);
  }

  public RegistrationInput withRoi(RegionOfInterest r) {
    return new RegistrationInput(fixed, moving, initial, r, fixedMask);
  }

  public RegistrationInput withFixedMask(boolean[] m) {
    return new RegistrationInput(fixed, moving, initial, roi, m);
  }
}
