package org.twinsim.model.registration;

/**
 * Deformable registration of the demons family, CBCT (fixed) to planning CT (moving). The CPU
 * reference is {@link DemonsRegistration}; a GPU backend implements the same interface with the
 * same semantics: for the same input and {@link DemonsParameters} it returns the same field within
 * the tolerance stated on {@link DemonsRegistration} (with {@code convergenceMm = 0}, so that
 * both run the same iteration counts).
 *
 * <p>Implementations may keep work buffers between calls (one patient's fractions share grids)
 * and are then not thread-safe: use one instance per thread.
 */
public interface DeformableRegistration {
  /** A short name for reports and timing rows, e.g. "demons-cpu". */
  String name();

  /**
   * Registers {@code input.fixed()} to {@code input.moving()}.
   *
   * @return the CBCT -> CT field on the fixed grid with per-level diagnostics; its field is finite
   * @throws RegistrationException for ill-posed input (no overlap, constant image, non-finite voxels)
   */
  DeformableResult register(RegistrationInput input, DemonsParameters parameters, RegistrationListener listener);

  /** {@link #register(RegistrationInput, DemonsParameters, RegistrationListener)} without a listener. */
  default DeformableResult register(RegistrationInput input, DemonsParameters parameters) {
    return register(input, parameters, RegistrationListener.NONE);
  }
}
