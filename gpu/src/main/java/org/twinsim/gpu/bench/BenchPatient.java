package org.twinsim.gpu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.DailyAnatomy;
import org.twinsim.model.anatomy.DailyAnatomyGenerator;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.planning.PlanLibraryBuilder;
import org.twinsim.model.planning.PlanningParams;
import org.twinsim.model.planning.PlanningResult;
import org.twinsim.model.planning.ProstatePlanner;
import org.twinsim.model.planning.UncertaintySetting;
import org.twinsim.model.registration.DailyRegistration;
import org.twinsim.model.registration.RegionOfInterest;
import org.twinsim.model.registration.RigidResult;

/**
 * The clinical workload of the composite benchmarks, made once per run: a virtual prostate patient
 * ({@link VirtualPatientGenerator} with the default anatomy at the benchmark's voxel size), the true
 * anatomy and CBCT of one fraction ({@link DailyAnatomyGenerator#defaults()}), the rigid (couch)
 * registration of that CBCT with its automatic region of interest (the start of the deformable
 * step), and a library of robust plans on the planning CT ({@link ProstatePlanner}, the settings of
 * {@link PlanLibraryBuilder#DEFAULT_SETTINGS}: setup 1.5 / 3 / 5 mm, range 3.5%), planned in the
 * dose region of {@link PlanOfTheDayPipeline#doseRegion} as the course replay plans them.
 *
 * <p>The plans are optimised with a bounded number of iterations (the benchmark times forward dose
 * calculations, whose cost is set by the placed spots and the grid, not by how well the weights
 * converged), on the CPU engine with all processors.
 *
 * @param spacingMm voxel size, mm
 * @param patient the virtual patient
 * @param day the fraction's true anatomy and CBCT
 * @param rigid the couch registration of the CBCT to the planning CT
 * @param fieldOfView the CBCT's detected field of view (true = measured voxel)
 * @param roi the deformable step's automatic region of interest, cut to the field of view's box
 * @param library the plan library, in the order of the settings
 * @param prescriptionGy dose per fraction, Gy (2.5: the course replay's default fractionation)
 * @param fractions fractions of the course (28)
 * @param setupSeconds wall time of making all this, s
 */
public record BenchPatient(double spacingMm, VirtualPatient patient, DailyAnatomy day, RigidResult rigid,
                           boolean[] fieldOfView, RegionOfInterest roi, List<PlanningResult> library, double prescriptionGy, int fractions,
                           double setupSeconds) {
  /** Dose per fraction, Gy. */
  public static final double PRESCRIPTION_GY = 2.5;
  /** Fractions of the course. */
  public static final int FRACTIONS = 28;
  /** Optimiser iterations of each benchmark plan. */
  public static final int OPTIMIZER_ITERATIONS = 30;
  /** The fraction (0-based) whose CBCT is registered. */
  public static final int FRACTION = 3;

  /**
   * Makes the workload.
   *
   * @param seed run seed of the virtual patient (patient 0 of replication 0)
   * @param optimizerIterations iterations of each plan's optimisation
   * @param log progress lines
   */
  public static BenchPatient create(double spacingMm, long seed, int optimizerIterations, Consumer<String> log) {
    long t0 = System.nanoTime();
    VirtualPatient vp = new VirtualPatientGenerator(PhantomSpec.withSpacing(spacingMm), AnatomyVariation.defaults())
        .generate(seed, 0, 0);
    DailyAnatomy day = DailyAnatomyGenerator.defaults().day(vp, FRACTION);
    log.accept(String.format(Locale.ROOT, "bench: patient %s, fraction %d CBCT %s (%.1f s)", vp.planningCt().grid(),
        FRACTION + 1, day.cbct().grid(), (System.nanoTime() - t0) * 1e-9));
    DailyRegistration.Couch couch = DailyRegistration.cpuDefaults().couch(day.cbct(), null, vp.planningCt(), null);
    RigidResult rigid = couch.rigid();
    RegionOfInterest roi = DailyRegistration.automaticRoi(vp.planningLabels(), rigid.transform())
        .intersect(couch.fieldOfViewBox());
    CpuPencilBeamEngine engine = new CpuPencilBeamEngine();
    PlanningParams pp = PlanningParams.defaults();
    pp = pp.withOptimizer(pp.optimizer().withMaxIterations(optimizerIterations));
    ProstatePlanner planner = new ProstatePlanner(engine, pp);
    DoseContext ctx = PlanOfTheDayPipeline.context(vp.planningCt(), vp.planningLabels(),
        StoppingPowerCalibration.defaults());
    List<PlanningResult> library = new ArrayList<>();
    for (UncertaintySetting s : PlanLibraryBuilder.DEFAULT_SETTINGS) {
      long tp = System.nanoTime();
      PlanningResult r = planner.plan(String.format(Locale.ROOT, "robust-%.1fmm", s.setupMm()), ctx, vp.planningLabels(),
          PRESCRIPTION_GY, s, null);
      library.add(r);
      log.accept(String.format(Locale.ROOT, "bench: plan %s: %d spots (%.1f s, %d optimiser iterations)", r.plan().name(),
          r.plan().spotCount(), (System.nanoTime() - tp) * 1e-9, optimizerIterations));
    }
    return new BenchPatient(spacingMm, vp, day, rigid, couch.fieldOfView(), roi, List.copyOf(library), PRESCRIPTION_GY, FRACTIONS,
        (System.nanoTime() - t0) * 1e-9);
  }

  /** The setup margin of each library plan, mm. */
  public double marginMm(int i) {
    return PlanLibraryBuilder.DEFAULT_SETTINGS.get(i).setupMm();
  }
}
