package org.twinsim.engine.timing;

import java.util.Locale;

/**
 * The steps a fraction's workflow is made of, each with the shared resource it holds (besides the
 * treatment room, which a session holds from setup to exit) and whether it is computation.
 */
public enum StepKind {
  /** Patient arrival relative to the appointment (may be negative: early). Not a room step. */
  ARRIVAL(Resource.NONE, false),
  /** Patient positioning on the couch. */
  SETUP(Resource.THERAPISTS, false),
  /** Daily cone-beam CT acquisition and reconstruction. */
  CBCT(Resource.THERAPISTS, false),
  /** Rigid (bony) match and couch correction, checked by the therapists. */
  RIGID_MATCH(Resource.THERAPISTS, false),
  /** Deformable registration CBCT to planning CT. */
  DEFORMABLE_REGISTRATION(Resource.GPU, true),
  /** Digital-twin update with the day's measurement and forecast. */
  TWIN_UPDATE(Resource.GPU, true),
  /** Dose recomputation of each library plan on the day's anatomy and selection. */
  PLAN_SELECTION(Resource.GPU, true),
  /** Physicist review and approval of the plan of the day. */
  PLAN_REVIEW(Resource.PHYSICIST, false),
  /** Contour review and editing on the day's anatomy for a re-plan. */
  CONTOURING(Resource.PHYSICIST, false),
  /** Full re-optimisation of the plan on the day's anatomy. */
  REOPTIMISATION(Resource.GPU, true),
  /** Patient-specific QA of a re-optimised plan (independent dose check). */
  PLAN_QA(Resource.PHYSICIST, false),
  /** Re-imaging after a safety hold: a repeat CBCT with its rigid match and couch check (safety layer only). */
  REIMAGING(Resource.THERAPISTS, false),
  /** Beam delivery. */
  DELIVERY(Resource.THERAPISTS, false),
  /** Patient leaves, room turnover. */
  EXIT(Resource.THERAPISTS, false);

  /** Shared resources a step may hold. */
  public enum Resource { NONE, THERAPISTS, PHYSICIST, GPU }

  private final Resource resource;
  private final boolean compute;
  private final String key;
  private final String streamPurpose;

  StepKind(Resource resource, boolean compute) {
    this.resource = resource;
    this.compute = compute;
    this.key = name().toLowerCase(Locale.ROOT).replace('_', '-');
    this.streamPurpose = "timing." + key;
  }

  /** Purpose of the random stream the step's durations are drawn from. */
  public String streamPurpose() {
    return streamPurpose;
  }

  public Resource resource() {
    return resource;
  }

  /** Whether the step is computation (its duration can be measured instead of sampled). */
  public boolean isCompute() {
    return compute;
  }

  /** The name used in scenario files and tables, e.g. "deformable-registration". */
  public String key() {
    return key;
  }

  /** The step of a scenario key; null if none. */
  public static StepKind ofKey(String key) {
    for (StepKind k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    return null;
  }
}
