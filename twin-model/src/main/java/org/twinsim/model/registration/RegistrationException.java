package org.twinsim.model.registration;

/**
 * A registration that cannot be posed or solved: no overlap between the images, a constant image,
 * grids that differ with no transform relating them, non-finite voxels, no bone for a bone
 * registration. The message says what was found and what was expected. Registrations throw this
 * instead of returning a field that would carry NaN or garbage downstream.
 */
public class RegistrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistrationException(String message) {
    super(message);
  }
}
