package org.twinsim.gpu.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.compare.GammaCriteria;
import org.twinsim.gpu.compare.GammaIndex;
import org.twinsim.gpu.compare.GammaResult;
import org.twinsim.gpu.cuda.Device;
import org.twinsim.gpu.cuda.GpuException;
import org.twinsim.gpu.dose.GpuDvhEngine;
import org.twinsim.gpu.dose.GpuPencilBeamEngine;
import org.twinsim.gpu.registration.GpuDemonsRegistration;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.DailyAnatomy;
import org.twinsim.model.anatomy.DailyAnatomyGenerator;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngineParams;
import org.twinsim.model.dose.DoseMetrics;
import org.twinsim.model.dose.DoseVolumeHistogram;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.planning.Morphology;
import org.twinsim.model.planning.ProstatePlanner;
import org.twinsim.model.planning.SpotPlacementParams;
import org.twinsim.model.planning.SpotPlacer;
import org.twinsim.model.random.RandomStreams;
import org.twinsim.model.registration.DailyRegistration;
import org.twinsim.model.registration.DeformableResult;
import org.twinsim.model.registration.DemonsParameters;
import org.twinsim.model.registration.DemonsRegistration;
import org.twinsim.model.registration.RegionOfInterest;
import org.twinsim.model.registration.RegistrationInput;
import org.twinsim.model.registration.RigidResult;
import org.twinsim.model.registration.TargetRegistrationError;
import umontreal.ssj.rng.RandomStream;

/**
 * The equivalence checks of the GPU backends of the twin-model interfaces against their CPU
 * references, on a virtual patient (the self-test's second part; {@link EquivalenceChecks} is the
 * first, kernel by kernel):
 * <ul>
 *   <li>demons registration ({@link GpuDemonsRegistration} vs {@link DemonsRegistration}) of the
 *   day's CBCT to the planning CT from the couch registration, on the automatic region of interest,
 *   with {@code convergenceMm = 0} (the same iterations on both): the field over the region within
 *   the registration package's backend tolerance, {@value #FIELD_RMS_TOL_MM} mm RMS and
 *   {@value #FIELD_MAX_TOL_MM} mm maximum (expected: bit-identical); for the symmetric additive
 *   default and for the diffeomorphic update;</li>
 *   <li>pencil-beam dose ({@link GpuPencilBeamEngine} vs {@link CpuPencilBeamEngine}) of a two-beam
 *   plan from the spot placer with seeded weights, nominal and with a setup shift and range error:
 *   every voxel within {@value #DOSE_REL_TOL} of the maximum dose, and the gamma 1%/1 mm pass rate
 *   (global, 10% threshold, {@link GammaIndex}) at least {@value #GAMMA_MIN_PASS_RATE};</li>
 *   <li>DVHs ({@link GpuDvhEngine} vs {@link DoseMetrics#histograms}) of the prostate structures:
 *   equal counts in every bin, equal extremes, means within 1e-9 relative;</li>
 *   <li>that a second registration of the same sizes allocates no device memory.</li>
 * </ul>
 * A GPU backend that falls back to the CPU fails its check (the fallback's warning is the note).
 */
public final class BackendChecks {
  /** The registration package's backend tolerance: RMS over the region, mm. */
  public static final double FIELD_RMS_TOL_MM = 0.05;
  /** The registration package's backend tolerance: maximum over the region, mm. */
  public static final double FIELD_MAX_TOL_MM = 0.5;
  /** Largest dose difference per voxel, as a fraction of the maximum dose. */
  public static final double DOSE_REL_TOL = 1e-5;
  /** Smallest gamma 1%/1 mm pass rate accepted (the GPU issue's criterion). */
  public static final double GAMMA_MIN_PASS_RATE = 0.99;

  /**
   * The patient and how long its registration runs.
   *
   * @param spacingMm voxel size of the virtual patient, mm (the self-test: 4)
   * @param iterations demons iterations per level (the self-test: 50, the default)
   */
  public record Workload(double spacingMm, int iterations) {
    /** The self-test's workload: 4 mm, 3 levels x 50 iterations (the tolerance's setting). */
    public static Workload selfTest() {
      return new Workload(4, 50);
    }
  }

  private BackendChecks() {
  }

  /** Runs every check on {@code device}; progress lines go to {@code log}. */
  public static List<CheckResult> run(Device device, Workload w, long seed, Consumer<String> log) {
    List<CheckResult> out = new ArrayList<>();
    VirtualPatient vp = new VirtualPatientGenerator(PhantomSpec.withSpacing(w.spacingMm()), AnatomyVariation.defaults())
        .generate(seed, 0, 0);
    DailyAnatomy day = DailyAnatomyGenerator.defaults().day(vp, 3);
    log.accept("backend checks: virtual patient " + vp.planningCt().grid() + ", fraction 4");
    DailyRegistration.Couch couch = DailyRegistration.cpuDefaults().couch(day.cbct(), null, vp.planningCt(), null);
    RigidResult rigid = couch.rigid();
    RegionOfInterest roi = DailyRegistration.automaticRoi(vp.planningLabels(), rigid.transform())
        .intersect(couch.fieldOfViewBox());
    RegistrationInput in = new RegistrationInput(day.cbct(), vp.planningCt(), rigid.transform(), roi,
        couch.fieldOfView());
    boolean[] roiMask = roiMask(day.cbct().grid(), roi);
    List<String> fallbacks = new ArrayList<>();
    GpuFallback fb = new GpuFallback(fallbacks::add);

    try (GpuDemonsRegistration gpu = new GpuDemonsRegistration(device, fb)) {
      DemonsRegistration cpu = new DemonsRegistration();
      DemonsParameters base = DemonsParameters.defaults().withConvergenceMm(0).withMaxIterations(w.iterations());
      for (DemonsParameters p : List.of(base, base.withUpdateRule(DemonsParameters.UpdateRule.DIFFEOMORPHIC))) {
        String name = "demons registration " + p.force().name().toLowerCase(Locale.ROOT) + " "
            + p.updateRule().name().toLowerCase(Locale.ROOT) + " " + dims(vp.planningCt().grid());
        fallbacks.clear();
        DeformableResult c = cpu.register(in, p);
        DeformableResult g = gpu.register(in, p);
        out.add(fieldCheck(name, g, c, roiMask, fallbacks));
      }
      long allocs = device.allocations();
      gpu.register(in, base);
      long more = device.allocations() - allocs;
      out.add(new CheckResult("demons registration reuses its device buffers", more == 0, more, 0, more, allocs,
          "cuMemAlloc calls on a second registration of the same sizes: " + more));
    } catch (GpuException | LinkageError e) {
      out.add(failed("demons registration", e));
    }

    DoseContext ctx = DoseContext.fromCt(vp.planningCt(), StoppingPowerCalibration.defaults());
    Plan plan = plan(vp, ctx, seed);
    BeamModel model = BeamModel.defaults();
    float[] reference = null;
    try (GpuPencilBeamEngine gpu = new GpuPencilBeamEngine(device, model, DoseEngineParams.defaults(), fb)) {
      CpuPencilBeamEngine cpu = new CpuPencilBeamEngine(model, DoseEngineParams.defaults());
      for (Scenario s : List.of(Scenario.NOMINAL, new Scenario(new Vec3(2.5, -3, 1.5), 0.035))) {
        fallbacks.clear();
        float[] c = new float[ctx.grid().size()];
        float[] g = new float[ctx.grid().size()];
        cpu.computeDose(ctx, plan, s, c);
        gpu.computeDose(ctx, plan, s, g);
        if (reference == null) {
          reference = c;
        }
        out.addAll(doseChecks("pencil-beam dose " + (s.isNominal() ? "nominal" : "shifted, range +3.5%") + " "
            + dims(ctx.grid()) + " (" + plan.spotCount() + " spots)", ctx.grid(), c, g, fallbacks));
      }
    } catch (GpuException | LinkageError e) {
      out.add(failed("pencil-beam dose", e));
    }

    try (GpuDvhEngine gpu = new GpuDvhEngine(device, fb)) {
      fallbacks.clear();
      List<String> structures = DoseMetrics.prostateStructures().stream()
          .filter(s -> vp.planningLabels().has(s) && vp.planningLabels().voxelCount(s) > 0).toList();
      Map<String, DoseVolumeHistogram> c = DoseMetrics.histograms(reference, vp.planningLabels(), structures);
      Map<String, DoseVolumeHistogram> g = gpu.histograms(reference, vp.planningLabels(), structures);
      out.add(dvhCheck("DVH of " + structures.size() + " structures " + dims(ctx.grid()), c, g, fallbacks));
    } catch (GpuException | LinkageError e) {
      out.add(failed("DVH", e));
    }
    return out;
  }

  /** A two-beam plan over the CTV + 5 mm from the spot placer, weights drawn from a seeded stream (a fifth zero). */
  static Plan plan(VirtualPatient vp, DoseContext ctx, long seed) {
    boolean[] target = Morphology.dilate(vp.planningLabels().mask(StructureNames.CTV), vp.planningCt().grid(), 5);
    Vec3 iso = ProstatePlanner.ctvCentroid(vp.planningLabels());
    Plan placed = new SpotPlacer(BeamModel.defaults(), SpotPlacementParams.defaults()).place("self-test", ctx, target, iso,
        0.035, 1.0);
    double[] w = new double[placed.spotCount()];
    RandomStream rs = RandomStreams.stream(seed, "gpu.selftest.spotWeights");
    for (int s = 0; s < w.length; s++) {
      w[s] = rs.nextDouble() < 0.2 ? 0 : 0.5 + 2 * rs.nextDouble();
    }
    return placed.withWeights(w);
  }

  static CheckResult fieldCheck(String name, DeformableResult gpu, DeformableResult cpu, boolean[] roi, List<String> fallbacks) {
    TargetRegistrationError d = TargetRegistrationError.of(gpu.field(), cpu.field(), roi);
    long differ = 0;
    long values = 0;
    VectorField a = gpu.field();
    VectorField b = cpu.field();
    for (int n = 0; n < roi.length; n++) {
      if (roi[n]) {
        values += 3;
        differ += (a.ux()[n] != b.ux()[n] ? 1 : 0) + (a.uy()[n] != b.uy()[n] ? 1 : 0) + (a.uz()[n] != b.uz()[n] ? 1 : 0);
      }
    }
    boolean ok = fallbacks.isEmpty() && gpu.method().equals(GpuDemonsRegistration.NAME) && d.rmsMm() <= FIELD_RMS_TOL_MM
        && d.maxMm() <= FIELD_MAX_TOL_MM && java.util.Arrays.equals(gpu.iterationsPerLevel(), cpu.iterationsPerLevel());
    String note = String.format(Locale.ROOT, "over the region: RMS %.3g mm (tolerance %.2g mm), max %.3g mm (tolerance %.2g mm);"
        + " iterations %s vs %s; GPU %.2f s, CPU %.2f s", d.rmsMm(), FIELD_RMS_TOL_MM, d.maxMm(), FIELD_MAX_TOL_MM,
        java.util.Arrays.toString(gpu.iterationsPerLevel()), java.util.Arrays.toString(cpu.iterationsPerLevel()),
        gpu.seconds(), cpu.seconds()) + (fallbacks.isEmpty() ? "" : "; FELL BACK TO THE CPU: " + fallbacks.get(0));
    return new CheckResult(name, ok, d.maxMm(), FIELD_MAX_TOL_MM, differ, values, note);
  }

  static List<CheckResult> doseChecks(String name, Grid3 grid, float[] cpu, float[] gpu, List<String> fallbacks) {
    double max = 0;
    for (float v : cpu) {
      max = Math.max(max, v);
    }
    double worst = 0;
    long differ = 0;
    for (int i = 0; i < cpu.length; i++) {
      double d = Math.abs((double) gpu[i] - cpu[i]);
      worst = Math.max(worst, d);
      differ += Float.floatToIntBits(gpu[i]) != Float.floatToIntBits(cpu[i]) ? 1 : 0;
    }
    double tol = DOSE_REL_TOL * max;
    String fell = fallbacks.isEmpty() ? "" : "; FELL BACK TO THE CPU: " + fallbacks.get(0);
    List<CheckResult> r = new ArrayList<>();
    r.add(new CheckResult(name, fallbacks.isEmpty() && max > 0 && worst <= tol, worst, tol, differ, cpu.length,
        String.format(Locale.ROOT, "max dose %.4g Gy", max) + fell));
    GammaResult g = GammaIndex.compare(new Volume(grid, cpu), new Volume(grid, gpu), GammaCriteria.defaults());
    r.add(new CheckResult(name + " gamma", fallbacks.isEmpty() && g.evaluated() > 0 && g.passRate() >= GAMMA_MIN_PASS_RATE,
        g.maxGamma(), 1.0, g.evaluated() - g.passed(), g.evaluated(), String.format(Locale.ROOT,
        "gamma %s pass rate %.3f%% (required >= %.0f%%), mean gamma %.3g", g.criteria().label(), 100 * g.passRate(),
        100 * GAMMA_MIN_PASS_RATE, g.meanGamma()) + fell));
    return r;
  }

  static CheckResult dvhCheck(String name, Map<String, DoseVolumeHistogram> cpu, Map<String, DoseVolumeHistogram> gpu,
                              List<String> fallbacks) {
    long differ = 0;
    long values = 0;
    double worstMean = 0;
    boolean ok = fallbacks.isEmpty() && cpu.keySet().equals(gpu.keySet());
    for (String s : cpu.keySet()) {
      DoseVolumeHistogram a = cpu.get(s);
      DoseVolumeHistogram b = gpu.get(s);
      if (b == null) {
        continue;
      }
      double[] ca = a.cumulativePercent();
      double[] cb = b.cumulativePercent();
      values += ca.length;
      if (ca.length != cb.length || a.binWidthGy() != b.binWidthGy()) {
        differ += Math.max(ca.length, cb.length);
        ok = false;
        continue;
      }
      for (int i = 0; i < ca.length; i++) {
        differ += ca[i] != cb[i] ? 1 : 0;
      }
      double rel = Math.abs(a.meanGy() - b.meanGy()) / Math.max(1e-300, Math.abs(a.meanGy()));
      worstMean = Math.max(worstMean, rel);
      ok &= a.voxelCount() == b.voxelCount() && a.minGy() == b.minGy() && a.maxGy() == b.maxGy() && rel <= 1e-9;
    }
    ok &= differ == 0;
    return new CheckResult(name, ok, differ, 0, differ, values, String.format(Locale.ROOT,
        "bins compared (cumulative volumes); mean dose rel. difference %.2g (tolerance 1e-9)", worstMean)
        + (fallbacks.isEmpty() ? "" : "; FELL BACK TO THE CPU: " + fallbacks.get(0)));
  }

  private static CheckResult failed(String what, Throwable e) {
    return new CheckResult(what, false, Double.NaN, 0, 0, 0, "GPU error: " + GpuException.firstLine(e));
  }

  private static String dims(Grid3 g) {
    return g.nx() + "x" + g.ny() + "x" + g.nz();
  }

  /** The voxels of g whose centres lie in the region. */
  static boolean[] roiMask(Grid3 g, RegionOfInterest r) {
    boolean[] m = new boolean[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double x = g.x(i);
          double y = g.y(j);
          double z = g.z(k);
          m[g.index(i, j, k)] = x >= r.minMm().x() && x <= r.maxMm().x() && y >= r.minMm().y() && y <= r.maxMm().y()
              && z >= r.minMm().z() && z <= r.maxMm().z();
        }
      }
    }
    return m;
  }
}
