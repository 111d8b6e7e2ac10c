package org.twinsim.gpu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twinsim.gpu.ops.VolumeKernels;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.DoseVolumeHistogram;
import org.twinsim.model.dose.DvhEngine;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.planning.Morphology;
import org.twinsim.model.planning.PlanningResult;
import org.twinsim.model.registration.DailyRegistration;
import org.twinsim.model.registration.DeformableRegistration;
import org.twinsim.model.registration.DemonsParameters;
import org.twinsim.model.registration.RigidParameters;
import org.twinsim.model.registration.RigidRegistration;
import org.twinsim.model.selection.PlanEvaluation;
import org.twinsim.model.selection.PlanOfTheDay;
import org.twinsim.model.selection.SelectionRule;

/**
 * The digital twin's whole decision for one fraction, as the course replay
 * ({@code org.twinsim.engine.physics.PatientCourse}) makes it and as the clinic would wait for it:
 * <ol>
 *   <li>registration of the day's CBCT to the planning CT ({@link DailyRegistration}: rigid bone
 *   registration for the couch correction, on the CPU in both backends; demons registration on the
 *   automatic region of interest, on the chosen backend; contour propagation);</li>
 *   <li>the anatomy the clinic sees: the planning CT warped by the registration field
 *   ({@link VolumeKernels#warp}, outside -1000 HU) as stopping powers, with dose computed in the
 *   region of {@link #doseRegion} (CTV, bladder and rectum as propagated, grown by
 *   {@value #DOSE_MARGIN_MM} mm, inside the body);</li>
 *   <li>each library plan's dose there, with the beams following the corrected couch, and its DVH
 *   metrics (CTV D98, bladder neck, rectum and bladder D2cc, % of the prescription);</li>
 *   <li>the choice by {@link PlanOfTheDay} with the default {@link SelectionRule}.</li>
 * </ol>
 * The backends are passed in: the CPU references, or the GPU backends of
 * {@link org.twinsim.gpu.ComputeBackend}. Stateful backends (the registration's device buffers) are
 * reused across calls, as across one patient's fractions.
 */
public final class PlanOfTheDayPipeline {
  /** Dose is computed within this distance of the reported structures, mm (the course replay's default). */
  public static final double DOSE_MARGIN_MM = 15;
  /** Structures whose DVHs the selection reads. */
  static final List<String> STRUCTURES = List.of(StructureNames.CTV, StructureNames.BLADDER_NECK,
      StructureNames.RECTUM, StructureNames.BLADDER);

  private final DailyRegistration registration;
  private final DoseEngine dose;
  private final DvhEngine dvh;
  private final VolumeKernels kernels;
  private final StoppingPowerCalibration calibration = StoppingPowerCalibration.defaults();

  /**
   * Wall times of the steps of one call, s, and what was chosen.
   *
   * @param registrationS rigid + deformable registration + contour propagation
   * @param deformableS the deformable step alone
   * @param anatomyS warping the planning CT, stopping powers, dose region
   * @param doseS the library's doses
   * @param dvhS the library's DVHs and metrics
   * @param totalS the whole decision, selection included
   * @param evaluations each plan's metrics on the anatomy as seen
   * @param chosen the plan of the day
   * @param doses the library's doses (Gy, on the planning grid), in library order
   */
  public record Outcome(double registrationS, double deformableS, double anatomyS, double doseS, double dvhS, double totalS,
                        List<PlanEvaluation> evaluations, PlanEvaluation chosen, List<float[]> doses) {
    /** One line: the breakdown and the choice. */
    public String describe() {
      return String.format(Locale.ROOT, "%.2f s: registration %.2f s (deformable %.2f s), anatomy %.2f s, dose %.2f s,"
          + " DVH %.2f s; chose %s (CTV D98 %.1f%%)", totalS, registrationS, deformableS, anatomyS, doseS, dvhS,
          chosen.planId(), chosen.ctvD98Pct());
    }
  }

  /**
   * @param deformable the demons backend (CPU reference or GPU)
   * @param dose the dose engine
   * @param dvh the DVH engine
   * @param kernels the volume kernels (the warp of the planning CT)
   */
  public PlanOfTheDayPipeline(DeformableRegistration deformable, DoseEngine dose, DvhEngine dvh, VolumeKernels kernels) {
    this.registration = new DailyRegistration(new RigidRegistration(), deformable, RigidParameters.defaults(),
        DemonsParameters.defaults());
    this.dose = dose;
    this.dvh = dvh;
    this.kernels = kernels;
  }

  /** The decision of the patient's fraction. */
  public Outcome run(BenchPatient p) {
    long t0 = System.nanoTime();
    Volume ct = p.patient().planningCt();
    DailyRegistration.Result reg = registration.register(p.day().cbct(), null, ct, p.patient().planningLabels(), null, null);
    long t1 = System.nanoTime();
    Vec3 setup = reg.rigid().couchShiftMm().times(-1);
    Scenario couch = new Scenario(setup, 0);
    float[] warped = new float[reg.field().grid().size()];
    kernels.warp(ct.data(), ct.grid(), reg.field(), -1000f, warped);
    DoseContext ctx = context(new Volume(reg.field().grid(), warped), reg.propagatedLabels(), calibration);
    long t2 = System.nanoTime();
    double doseS = 0;
    double dvhS = 0;
    List<PlanEvaluation> evals = new ArrayList<>();
    List<float[]> doses = new ArrayList<>();
    for (int i = 0; i < p.library().size(); i++) {
      PlanningResult plan = p.library().get(i);
      long a = System.nanoTime();
      float[] d = new float[ctx.grid().size()];
      dose.computeDose(ctx, plan.plan(), couch, d);
      long b = System.nanoTime();
      evals.add(evaluation(plan.plan().name(), p.marginMm(i), dvh.histograms(d, reg.propagatedLabels(), present(
          reg.propagatedLabels())), p.prescriptionGy()));
      long c = System.nanoTime();
      doseS += (b - a) * 1e-9;
      dvhS += (c - b) * 1e-9;
      doses.add(d);
    }
    PlanEvaluation chosen = PlanOfTheDay.choose(evals, SelectionRule.defaults());
    long t3 = System.nanoTime();
    return new Outcome((t1 - t0) * 1e-9, reg.deformable().seconds(), (t2 - t1) * 1e-9, doseS, dvhS, (t3 - t0) * 1e-9,
        List.copyOf(evals), chosen, doses);
  }

  /** A dose context of a CT (HU) restricted to {@link #doseRegion}. */
  static DoseContext context(Volume ctHu, LabelMap labels, StoppingPowerCalibration calibration) {
    Volume rsp = calibration.toRsp(ctHu);
    return new DoseContext(rsp, doseRegion(rsp, labels), 0.02, 4);
  }

  /**
   * Where dose is computed: CTV, bladder and rectum grown by {@value #DOSE_MARGIN_MM} mm, where the
   * stopping power is at least 0.02 (not air); the course replay's DoseRegion.
   */
  public static boolean[] doseRegion(Volume rsp, LabelMap labels) {
    boolean[] union = new boolean[rsp.grid().size()];
    for (String s : List.of(StructureNames.CTV, StructureNames.BLADDER, StructureNames.RECTUM)) {
      boolean[] m = labels.mask(s);
      for (int i = 0; i < union.length; i++) {
        union[i] |= m[i];
      }
    }
    boolean[] grown = Morphology.dilate(union, rsp.grid(), DOSE_MARGIN_MM);
    float[] r = rsp.data();
    for (int i = 0; i < grown.length; i++) {
      grown[i] &= r[i] >= 0.02f;
    }
    return grown;
  }

  private static List<String> present(LabelMap labels) {
    return STRUCTURES.stream().filter(s -> labels.has(s) && labels.voxelCount(s) > 0).toList();
  }

  /** The selection's view of one plan's dose (the course replay's DayMetrics). */
  static PlanEvaluation evaluation(String id, double marginMm, Map<String, DoseVolumeHistogram> h, double rxGy) {
    DoseVolumeHistogram ctv = h.get(StructureNames.CTV);
    if (ctv == null) {
      throw new IllegalStateException("plan of the day: the propagated CTV is empty");
    }
    return new PlanEvaluation(id, marginMm, 100 * ctv.doseAtVolumePercent(98) / rxGy,
        100 * d2cc(h.get(StructureNames.BLADDER_NECK)) / rxGy, 100 * d2cc(h.get(StructureNames.RECTUM)) / rxGy,
        100 * d2cc(h.get(StructureNames.BLADDER)) / rxGy);
  }

  /** D2cc, or the mean of a structure smaller than 2 cc; NaN when absent. */
  private static double d2cc(DoseVolumeHistogram h) {
    if (h == null || h.voxelCount() == 0) {
      return Double.NaN;
    }
    return h.volumeCc() <= 2.0 ? h.meanGy() : h.doseAtVolumeCc(2.0);
  }
}
