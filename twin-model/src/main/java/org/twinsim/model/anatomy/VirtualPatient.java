package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/**
 * One virtual prostate patient at planning: the planning CT and its structures, the implicit
 * anatomy they were rasterised from, and the motion model that draws every fraction's truth.
 * Produced by {@link VirtualPatientGenerator}; each day comes from
 * {@link DailyAnatomyGenerator#day(VirtualPatient, int)}, which reuses what this object holds
 * (the padded planning model without rectal gas, the bone distance map) instead of redoing it.
 *
 * <p>Immutable in its fields; the voxel arrays of the CT and label map are shared, not copied:
 * callers must not modify them.
 */
public final class VirtualPatient {
  private final long seed;
  private final int replication;
  private final int patient;
  private final PhantomSpec spec;
  private final MotionModel motion;
  private final PelvisPhantom anatomy;
  private final Volume planningCt;
  private final LabelMap planningLabels;
  private final double planningGasCc;
  private final Volume sourceCt;
  private final Volume boneDistance;
  private final double boneImmobileMm;

  VirtualPatient(long seed, int replication, int patient, PhantomSpec spec, MotionModel motion,
                 PelvisPhantom anatomy, Volume planningCt, LabelMap planningLabels, double planningGasCc,
                 Volume sourceCt, Volume boneDistance, double boneImmobileMm) {
    this.seed = seed;
    this.replication = replication;
    this.patient = patient;
    this.spec = spec;
    this.motion = motion;
    this.anatomy = anatomy;
    this.planningCt = planningCt;
    this.planningLabels = planningLabels;
    this.planningGasCc = planningGasCc;
    this.sourceCt = sourceCt;
    this.boneDistance = boneDistance;
    this.boneImmobileMm = boneImmobileMm;
  }

  public long seed() {
    return seed;
  }

  public int replication() {
    return replication;
  }

  public int patient() {
    return patient;
  }

  public PhantomSpec spec() {
    return spec;
  }

  /** The per-patient systematic and per-fraction random motion and filling. */
  public MotionModel motion() {
    return motion;
  }

  /** The implicit anatomy at planning (evaluate it at any point). */
  public PelvisPhantom anatomy() {
    return anatomy;
  }

  /** The planning CT, HU, on {@link PhantomSpec#grid()} (the room frame, isocentre at the origin). */
  public Volume planningCt() {
    return planningCt;
  }

  /** The planning structures ({@link StructureNames#prostateTree()}) on the planning grid. */
  public LabelMap planningLabels() {
    return planningLabels;
  }

  /** Rectal gas in the planning CT, cm^3 (0 when none was drawn). */
  public double planningGasCc() {
    return planningGasCc;
  }

  /** The planning model on the padded grid, without rectal gas: the source of every daily CT. */
  Volume sourceCt() {
    return sourceCt;
  }

  /** Distance to the nearest bone, mm (clipped), on a coarse grid. */
  Volume boneDistance() {
    return boneDistance;
  }

  /**
   * Tissue whose interpolated bone distance is at most this is held still (mm): 1 mm plus the
   * largest amount by which the coarse map overstates the distance at a bone voxel of the
   * planning grid, so that every bone voxel is immobile.
   */
  double boneImmobileMm() {
    return boneImmobileMm;
  }
}
