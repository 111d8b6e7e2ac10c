package org.twinsim.model.registration;

import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;

/**
 * The registration step of one fraction: rigid bone registration of the day's CBCT to the planning
 * CT (the couch correction), deformable registration started from it, and propagation of the
 * planning structures to the day. The CBCT's field of view (given, or detected from its fill value
 * by {@link FieldOfView#detect}) restricts every step: the rigid step runs on its bounding box, the
 * deformable step on the targets' region cut to it. Holds the backends and their parameters; its
 * deformable backend keeps buffers between calls, so use one instance per patient (or per thread).
 */
public final class DailyRegistration {
  /** Margin around the targets of the automatic region of interest, mm. */
  public static final double ROI_MARGIN_MM = 30;
  /** The structures the automatic region of interest encloses (those present in the label map). */
  public static final java.util.List<String> ROI_STRUCTURES = java.util.List.of(
      org.twinsim.model.anatomy.StructureNames.PROSTATE, org.twinsim.model.anatomy.StructureNames.SEMINAL_VESICLES,
      org.twinsim.model.anatomy.StructureNames.BLADDER, org.twinsim.model.anatomy.StructureNames.RECTUM);

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
   * @param fieldOfView the CBCT voxels that the registration used (the given field-of-view mask, or
   *     the one {@link FieldOfView#detect detected}); outside it the CBCT holds no data and the field
   *     is an extrapolation (not copied: do not modify)
   * @param seconds wall time of the three steps, s
   */
  public record Result(RigidResult rigid, DeformableResult deformable, LabelMap propagatedLabels,
                       boolean[] fieldOfView, double seconds) {
    /** The CBCT -> CT field. */
    public VectorField field() {
      return deformable.field();
    }
  }

  /**
   * The automatic region of interest: {@link #ROI_STRUCTURES} of the planning labels plus
   * {@link #ROI_MARGIN_MM}, moved into the CBCT by the inverse of the couch correction's
   * translation at the isocentre; null (whole image) if none of the structures is delineated.
   */
  public static RegionOfInterest automaticRoi(LabelMap planningLabels, RigidTransform couchCorrection) {
    java.util.List<String> present = new java.util.ArrayList<>();
    for (String s : ROI_STRUCTURES) {
      if (planningLabels.has(s) && planningLabels.voxelCount(s) > 0) {
        present.add(s);
      }
    }
    if (present.isEmpty()) {
      return null;
    }
    RegionOfInterest planning = RegionOfInterest.ofStructures(planningLabels, ROI_MARGIN_MM, present.toArray(new String[0]));
    // CT point q corresponds to CBCT point T^-1(q); the box's centre is moved, its size kept
    org.twinsim.model.geometry.Vec3 centre = planning.minMm().plus(planning.maxMm()).times(0.5);
    return planning.shifted(couchCorrection.inverse().apply(centre).minus(centre));
  }

  /**
   * The rigid (couch) step alone.
   *
   * @param rigid the couch correction
   * @param fieldOfView the CBCT voxels used (given or detected; not copied)
   * @param fieldOfViewBox the bounding box of the field of view, the rigid step's region
   */
  public record Couch(RigidResult rigid, boolean[] fieldOfView, RegionOfInterest fieldOfViewBox) {
  }

  /**
   * The first step of {@link #register}: the field of view (given, or detected from the fill
   * value) and the rigid bone registration on its bounding box, the isocentre at the CBCT grid's
   * centre. For callers (benchmarks, backend checks) that need the couch correction without the
   * deformable step.
   *
   * @throws RegistrationException if the field of view is empty or the rigid step fails
   */
  public Couch couch(Volume cbct, boolean[] fovMask, Volume planningCt, RegistrationListener listener) {
    if (cbct == null || planningCt == null) {
      throw new IllegalArgumentException("daily registration: the CBCT and the planning CT are required");
    }
    boolean[] fov = fovMask != null ? fovMask : FieldOfView.detect(cbct);
    RegionOfInterest fovBox = FieldOfView.bounds(fov, cbct.grid());
    if (fovBox == null) {
      throw new RegistrationException("daily registration: the CBCT's field of view is empty"
          + (fovMask != null ? " (the given mask has no true voxel)" : " (every voxel holds the fill value)"));
    }
    RegistrationInput in = new RegistrationInput(cbct, planningCt, RigidTransform.IDENTITY, fovBox, fov);
    RigidResult r = rigid.register(in, Vec3.of(cbct.grid().centreMm()), null, rigidParameters, listener);
    return new Couch(r, fov, fovBox);
  }

  /**
   * Registers the day's CBCT to the planning CT and propagates the planning structures.
   *
   * @param cbct the day's CBCT (fixed image)
   * @param fovMask its reconstructed field of view (true = measured voxel; e.g.
   *     {@link FieldOfView#of(org.twinsim.model.anatomy.CbctSpec, org.twinsim.model.geometry.Grid3)}),
   *     or null to {@link FieldOfView#detect detect} it from the image's fill value. Voxels outside
   *     it take part in no metric: a CBCT's constant fill (-1000 HU) beyond its reconstruction
   *     cylinder would otherwise be matched against the CT's bone and tissue
   * @param planningCt planning CT (moving image), in the same patient frame as the CBCT
   * @param planningLabels planning structures on the planning CT grid
   * @param roi region of interest of the deformable step, or null for the automatic one: the
   *     bounding box of {@link #ROI_STRUCTURES} grown by {@link #ROI_MARGIN_MM}, moved with the
   *     couch correction into the CBCT (the whole CBCT if none of them is delineated), cut to the
   *     field of view's bounding box; pass
   *     {@link RegionOfInterest#covering} of the CBCT grid to register everything (several times
   *     slower). With the automatic region a fraction of a virtual patient (120 x 80 x 60 grid of
   *     4 mm voxels) takes about 0.5 s of process CPU time (rigid 0.13 s, demons 0.3 s, measured on
   *     2 shared cores, {@code bench/registration} {@code timing})
   * @throws RegistrationException if the field of view is empty, the targets lie outside it, or a
   *     step cannot be posed or gives an absurd result (see {@link RigidRegistration})
   */
  public Result register(Volume cbct, boolean[] fovMask, Volume planningCt, LabelMap planningLabels,
                         RegionOfInterest roi, RegistrationListener listener) {
    long t0 = System.nanoTime();
    if (cbct == null || planningCt == null || planningLabels == null) {
      throw new IllegalArgumentException("daily registration: the CBCT, the planning CT and the planning labels are required");
    }
    Couch c = couch(cbct, fovMask, planningCt, listener);
    boolean[] fov = c.fieldOfView();
    RegionOfInterest fovBox = c.fieldOfViewBox();
    RigidResult r = c.rigid();
    RegistrationInput in = new RegistrationInput(cbct, planningCt, RigidTransform.IDENTITY, null, fov);
    RegionOfInterest region = roi;
    if (region == null) {
      RegionOfInterest auto = automaticRoi(planningLabels, r.transform());
      region = auto == null ? fovBox : auto.intersect(fovBox);
      if (region == null) {
        throw new RegistrationException("daily registration: the targets' region " + auto
            + " lies outside the CBCT's field of view " + fovBox);
      }
    }
    DeformableResult d = deformable.register(in.withInitial(r.transform()).withRoi(region), demonsParameters, listener);
    LabelMap labels = ContourPropagation.propagate(planningLabels, d.field());
    return new Result(r, d, labels, fov, (System.nanoTime() - t0) * 1e-9);
  }
}
