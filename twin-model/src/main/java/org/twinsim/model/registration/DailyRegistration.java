package org.twinsim.model.registration;

import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;

/**
 * The registration step of one fraction: rigid bone registration of the day's CBCT to the planning
 * CT (the couch correction), deformable registration started from it, and propagation of the
 * planning structures to the day. Holds the backends and their parameters; its deformable backend
 * keeps buffers between calls, so use one instance per patient (or per thread).
 */
public final class DailyRegistration {
  private final RigidRegistration rigid;
  private final DeformableRegistration deformable;
  private final RigidParameters rigidParameters;
  private final DemonsParameters demonsParameters;

  public DailyRegistration(RigidRegistration rigid, DeformableRegistration deformable,
                           RigidParameters rigidParameters, DemonsParameters demonsParameters) {
    if (rigid == null || deformable == null || rigidParameters == null || demonsParameters == null) {
      throw new IllegalArgumentException("daily registration: backends and parameters are required");
    }
    this.rigid = rigid;
    this.deformable = deformable;
    this.rigidParameters = rigidParameters;
    this.demonsParameters = demonsParameters;
  }

  /** CPU backends with default parameters. */
  public static DailyRegistration cpuDefaults() {
    return new DailyRegistration(new RigidRegistration(), new DemonsRegistration(), RigidParameters.defaults(),
        DemonsParameters.defaults());
  }

  /**
   * One fraction's registration outcome.
   *
   * @param rigid the couch correction
   * @param deformable the deformable result (its field includes the rigid part)
   * @param propagatedLabels planning structures on the CBCT grid
   * @param seconds wall time of the three steps, s
   */
  public record Result(RigidResult rigid, DeformableResult deformable, LabelMap propagatedLabels, double seconds) {
    /** The CBCT -> CT field. */
    public VectorField field() {
      return deformable.field();
    }
  }

  /**
   * Registers the day's CBCT to the planning CT and propagates the planning structures.
   *
   * @param cbct the day's CBCT (fixed image)
   * @param fovMask its reconstructed field of view, or null
   * @param planningCt planning CT (moving image), in the same patient frame as the CBCT
   * @param planningLabels planning structures on the planning CT grid
   * @param roi region of interest of the deformable step (e.g. the pelvis around the prostate), or null
   */
  public Result register(Volume cbct, boolean[] fovMask, Volume planningCt, LabelMap planningLabels,
                         RegionOfInterest roi, RegistrationListener listener) {
    long t0 = System.nanoTime();
    RegistrationInput in = new RegistrationInput(cbct, planningCt, RigidTransform.IDENTITY, null, fovMask);
    RigidResult r = rigid.register(in, null, null, rigidParameters, listener);
    DeformableResult d = deformable.register(in.withInitial(r.transform()).withRoi(roi), demonsParameters, listener);
    LabelMap labels = ContourPropagation.propagate(planningLabels, d.field());
    return new Result(r, d, labels, (System.nanoTime() - t0) * 1e-9);
  }
}
