package org.twinsim.model.anatomy;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Parameters of the daily deformation (how the drawn motion and filling of a fraction are spread
 * into the surrounding tissue). Every field is optional: {@code null} takes the default given here.
 * The defaults are plausible modelling choices (not measured constants): tissue within a few
 * centimetres of a moving organ follows it, bone does not deform.
 *
 * @param prostateMarginMm tissue within this distance of the CTV moves rigidly with it (default 2)
 * @param prostateBlendMm beyond the margin, the prostate's motion fades to zero over this distance
 *     (default 25: peri-prostatic fat and the neighbouring organ walls follow partly)
 * @param organExclusionMm bladder and rectal filling fade to zero within this distance of the
 *     day's CTV, so filling never deforms the prostate (default 8)
 * @param boneClearanceMm soft-tissue motion fades to zero within this distance of bone (default 8)
 * @param bladderMarginMm tissue within this distance of the bladder scales with it (default 8)
 * @param bladderBlendMm the bladder's filling motion fades to zero over this distance (default 35:
 *     bowel above the bladder is pushed along)
 * @param bladderShareLr share of the bladder's log volume change taken by the left-right axis
 *     (default 0.2; the bladder fills mostly superiorly and anteriorly)
 * @param bladderShareAp share taken by the antero-posterior axis (default 0.3; the rest,
 *     {@code 1 - lr - ap}, is superior-inferior)
 * @param rectumMarginMm tissue within this distance of the rectum scales with it (default 3)
 * @param rectumBlendMm rectal filling fades to zero over this distance (default 15)
 * @param controlSpacingMm spacing of the control lattice on which the composed organ motion is
 *     evaluated exactly and between whose nodes it is interpolated trilinearly, mm (default 8;
 *     on the CTV and its rigid margin the exact map is used, so the CTV moves exactly rigidly)
 * @param flowSteps the least number of Runge-Kutta (4th order) steps per deformation flow
 *     (default 1; more are taken where a day's motion needs them to keep each step a small,
 *     invertible perturbation of the identity)
 */
public record DailyAnatomySpec(Double prostateMarginMm, Double prostateBlendMm, Double organExclusionMm,
                               Double boneClearanceMm, Double bladderMarginMm, Double bladderBlendMm,
                               Double bladderShareLr, Double bladderShareAp, Double rectumMarginMm,
                               Double rectumBlendMm, Double controlSpacingMm, Integer flowSteps) {

  public DailyAnatomySpec {
    prostateMarginMm = def("prostateMarginMm", prostateMarginMm, 2.0);
    prostateBlendMm = def("prostateBlendMm", prostateBlendMm, 25.0);
    organExclusionMm = def("organExclusionMm", organExclusionMm, 8.0);
    boneClearanceMm = def("boneClearanceMm", boneClearanceMm, 8.0);
    bladderMarginMm = def("bladderMarginMm", bladderMarginMm, 8.0);
    bladderBlendMm = def("bladderBlendMm", bladderBlendMm, 35.0);
    bladderShareLr = def("bladderShareLr", bladderShareLr, 0.2);
    bladderShareAp = def("bladderShareAp", bladderShareAp, 0.3);
    rectumMarginMm = def("rectumMarginMm", rectumMarginMm, 3.0);
    rectumBlendMm = def("rectumBlendMm", rectumBlendMm, 15.0);
    controlSpacingMm = def("controlSpacingMm", controlSpacingMm, 8.0);
    flowSteps = flowSteps == null ? 1 : flowSteps;
    InvalidParameterException.inRange("prostateMarginMm", prostateMarginMm, 0, 20);
    InvalidParameterException.inRange("prostateBlendMm", prostateBlendMm, 8, 100);
    InvalidParameterException.inRange("organExclusionMm", organExclusionMm, 2, 40);
    InvalidParameterException.inRange("boneClearanceMm", boneClearanceMm, 2, 40);
    InvalidParameterException.inRange("bladderMarginMm", bladderMarginMm, 0, 30);
    InvalidParameterException.inRange("bladderBlendMm", bladderBlendMm, 8, 120);
    InvalidParameterException.inRange("bladderShareLr", bladderShareLr, 0, 1);
    InvalidParameterException.inRange("bladderShareAp", bladderShareAp, 0, 1 - bladderShareLr);
    InvalidParameterException.inRange("rectumMarginMm", rectumMarginMm, 0, 20);
    InvalidParameterException.inRange("rectumBlendMm", rectumBlendMm, 5, 60);
    InvalidParameterException.inRange("controlSpacingMm", controlSpacingMm, 1, 20);
    InvalidParameterException.atLeast("flowSteps", flowSteps, 1);
    if (flowSteps > 32) {
      throw new InvalidParameterException("flowSteps", "expected an integer in [1, 32], got " + flowSteps);
    }
  }

  /** All defaults. */
  public static DailyAnatomySpec defaults() {
    return new DailyAnatomySpec(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Share of the bladder's log volume change along superior-inferior. */
  public double bladderShareSi() {
    return 1 - bladderShareLr - bladderShareAp;
  }

  private static Double def(String field, Double v, double d) {
    if (v != null && (v.isNaN() || v.isInfinite())) {
      throw new InvalidParameterException(field, "expected a finite number, got " + v);
    }
    return v == null ? d : v;
  }
}
