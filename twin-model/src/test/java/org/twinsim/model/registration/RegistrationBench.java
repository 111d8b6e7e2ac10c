package org.twinsim.model.registration;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;

/**
 * Benchmark of our CPU demons against plastimatch's CPU demons on the same volume pairs, scored
 * against the known truth. Driven by {@code bench/registration/run.sh}:
 * <ol>
 * <li>{@code export --out DIR --cases N}: per case, our rigid bone registration on the full CBCT,
 * then MetaImage files that both programs read: the CBCT cropped to the region of interest within
 * its field of view ({@code fixed.mha}), the planning CT ({@code moving.mha}), the common initial
 * translation ({@code init.tfm}, ITK format), the truth on the fixed grid ({@code truth_vf.mha},
 * {@code day_labels.mha}), the planning labels, and a plastimatch command file with the same
 * levels, iterations and regularisation in mm as ours.</li>
 * <li>{@code ours --out DIR}: our demons on the exported files (default parameters, which stop on
 * convergence, and fixed iterations as plastimatch runs them), warm JIT, median of 3 timed runs;
 * writes {@code ours_vf.mha}, {@code ours_fixed_vf.mha}.</li>
 * <li>{@code score --out DIR}: TRE (inside prostate + bladder + rectum of the day) and Dice of
 * propagated contours for ours and for plastimatch's {@code plastimatch_vf.mha}; time ratio.</li>
 * </ol>
 * Cases come from a {@link CaseSource}; today the analytic pelvis phantom. When the virtual
 * patients exist, add a source that returns their (CBCT, FOV, planning CT, planning labels, true
 * field, true day labels, ROI) and the same three steps apply.
 */
public final class RegistrationBench {
  /** Untimed runs before timing (JIT compilation, buffers). */
  static final int WARM_UP_RUNS = 3;
  /** Timed runs; the minimum is reported (the usual statistic on a shared machine), the median beside it. */
  static final int TIMED_RUNS = 5;

  private RegistrationBench() {
  }

  /** One registration case with its truth. */
  record BenchCase(String name, Volume cbct, boolean[] fov, Volume planningCt, LabelMap planningLabels,
                   VectorField trueField, LabelMap dayLabels, RegionOfInterest roi) {
  }

  /** Where benchmark cases come from (phantom today, virtual patients later). */
  interface CaseSource {
    List<BenchCase> cases(int count);
  }

  /**
   * Virtual patients of the anatomy package (seed, replication 0, patients 0..n-1, fractions
   * 0..m-1): the day's CBCT (HU bias, cupping, noise, 450 x 180 mm field of view), the planning CT
   * and structures, the true field and true day structures. Field of view detected from the fill
   * value and region of interest automatic, as the course replay registers them
   * ({@link DailyRegistration}): the couch correction, then the targets' box cut to the field of view.
   */
  static final class VirtualPatientSource implements CaseSource {
    private final long seed;
    private final int fractions;

    VirtualPatientSource(long seed, int fractions) {
      this.seed = seed;
      this.fractions = fractions;
    }

    @Override
    public List<BenchCase> cases(int patients) {
      List<BenchCase> out = new ArrayList<>();
      for (int p = 0; p < patients; p++) {
        org.twinsim.model.anatomy.VirtualPatient vp =
            org.twinsim.model.anatomy.VirtualPatientGenerator.defaults().generate(seed, 0, p);
        for (int f = 0; f < fractions; f++) {
          org.twinsim.model.anatomy.DailyAnatomy d = org.twinsim.model.anatomy.DailyAnatomyGenerator.defaults().day(vp, f);
          boolean[] fov = FieldOfView.detect(d.cbct());
          RigidResult rigid = new RigidRegistration().register(
              new RegistrationInput(d.cbct(), vp.planningCt(), RigidTransform.IDENTITY, null, fov), RigidParameters.defaults());
          RegionOfInterest roi = DailyRegistration.automaticRoi(vp.planningLabels(), rigid.transform())
              .intersect(FieldOfView.bounds(fov, d.cbct().grid()));
          out.add(new BenchCase(String.format(Locale.ROOT, "vp%d-p%d-f%d", seed, p, f), d.cbct(), fov, vp.planningCt(),
              vp.planningLabels(), d.trueField(), d.trueLabels(), roi));
        }
      }
      return out;
    }
  }

  /** The analytic pelvis phantom with random deformations (seed 42) and CBCT artefacts. */
  static final class PhantomSource implements CaseSource {
    @Override
    public List<BenchCase> cases(int count) {
      List<BenchCase> out = new ArrayList<>();
      for (int c = 0; c < count; c++) {
        PelvisPhantom.Case k = PelvisPhantom.build(PelvisPhantom.grid4mm(), PelvisPhantom.randomDeformation(42, c),
            PelvisPhantom.CbctModel.TYPICAL, 42, c);
        out.add(new BenchCase("phantom" + c, k.cbct(), k.fov(), k.planningCt(), k.planningLabels(), k.trueField(),
            k.dayLabels(), PelvisPhantom.roi(k)));
      }
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: RegistrationBench export|ours|score|validate|timing|sensitivity"
          + " --out DIR [--cases N] [--iterations N] [--source phantom|vp] [--seed S] [--fractions F] [--dose-factor D]");
    }
    Path out = Path.of(option(args, "--out", "bench/out/registration"));
    int cases = Integer.parseInt(option(args, "--cases", "4"));
    int iterations = Integer.parseInt(option(args, "--iterations", "50"));
    String source = option(args, "--source", "phantom");
    long seed = Long.parseLong(option(args, "--seed", "2025"));
    int fractions = Integer.parseInt(option(args, "--fractions", "4"));
    switch (args[0]) {
      case "export" -> export(out, source.equals("vp") ? new VirtualPatientSource(seed, fractions).cases(cases)
          : new PhantomSource().cases(cases), iterations);
      case "validate" -> validate(seed, cases, fractions, Double.parseDouble(option(args, "--dose-factor", "1")));
      case "ours" -> ours(out, iterations, option(args, "--only", null));
      case "score" -> score(out);
      case "timing" -> {
        if (source.equals("vp")) {
          timingVirtualPatient(seed);
        } else {
          timing();
        }
      }
      case "sensitivity" -> sensitivity();
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static String option(String[] args, String name, String def) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return def;
  }

  // ---------------------------------------------------------------------------------------------

  static void export(Path out, List<BenchCase> cases, int iterations) throws IOException {
    Files.createDirectories(out);
    DemonsParameters p = DemonsParameters.defaults();
    for (BenchCase c : cases) {
      Path dir = out.resolve(c.name());
      Files.createDirectories(dir);
      RigidResult rigid = new RigidRegistration().register(
          new RegistrationInput(c.cbct(), c.planningCt(), RigidTransform.IDENTITY, null, c.fov()), RigidParameters.defaults());
      if (!rigid.transform().isTranslationOnly()) {
        throw new IllegalStateException("the bench passes a translation to plastimatch");
      }
      Grid3 g = c.cbct().grid();
      int[] box = cropBox(g, c.roi(), c.fov());
      Grid3 cg = Sampling.subGrid(g, box);
      Volume fixed = new Volume(cg, Sampling.crop(c.cbct().data(), g, box));
      MetaImage.writeVolume(dir.resolve("fixed.mha"), fixed);
      MetaImage.writeVolume(dir.resolve("moving.mha"), c.planningCt());
      // the same CBCT after our shading correction and histogram matching, so that plastimatch can
      // also be run with a CBCT-suited similarity (its CPU demons compares raw grey values)
      DeformableResult once = new DemonsRegistration().register(
          new RegistrationInput(fixed, c.planningCt(), rigid.transform(), null, null), p.withMaxIterations(1));
      Volume matched = fixed.copy();
      once.shading().applyInPlace(matched.data(), cg);
      once.intensityMap().applyInPlace(matched.data());
      MetaImage.writeVolume(dir.resolve("fixed_hm.mha"), matched);
      VectorField truth = new VectorField(cg, Sampling.crop(c.trueField().ux(), g, box),
          Sampling.crop(c.trueField().uy(), g, box), Sampling.crop(c.trueField().uz(), g, box));
      MetaImage.writeField(dir.resolve("truth_vf.mha"), truth);
      MetaImage.writeLabels(dir.resolve("day_labels.mha"), cg, cropBytes(c.dayLabels().labels(), g, box));
      MetaImage.writeLabels(dir.resolve("planning_labels.mha"), c.planningCt().grid(), c.planningLabels().labels());
      Vec3 t = rigid.transform().translationMm();
      Files.writeString(dir.resolve("init.tfm"), String.format(Locale.ROOT,
          "#Insight Transform File V1.0%n#Transform 0%nTransform: TranslationTransform_double_3_3%n"
              + "Parameters: %.6f %.6f %.6f%nFixedParameters:%n", t.x(), t.y(), t.z()));
      Files.writeString(dir.resolve("plastimatch.parms"), plastimatchParms(p, cg, iterations, "fixed.mha", "plastimatch_vf.mha"));
      Files.writeString(dir.resolve("plastimatch_hm.parms"),
          plastimatchParms(p, cg, iterations, "fixed_hm.mha", "plastimatch_hm_vf.mha"));
      Properties meta = new Properties();
      meta.setProperty("rigid.t", t.x() + " " + t.y() + " " + t.z());
      meta.setProperty("crop", Arrays.toString(box));
      meta.setProperty("fixed.grid", cg.toString());
      try (Writer w = Files.newBufferedWriter(dir.resolve("case.properties"), StandardCharsets.UTF_8)) {
        meta.store(w, "registration bench case " + c.name());
      }
      System.out.printf(Locale.ROOT, "exported %s: fixed %s, rigid couch shift (%.2f, %.2f, %.2f) mm%n", c.name(), cg,
          t.x(), t.y(), t.z());
    }
  }

  /** The ROI's index box cut to the bounding box of the field of view. */
  static int[] cropBox(Grid3 g, RegionOfInterest roi, boolean[] fov) {
    int[] b = roi.indexBox(g);
    int[] f = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          if (fov == null || fov[g.index(i, j, k)]) {
            f[0] = Math.min(f[0], i);
            f[1] = Math.max(f[1], i);
            f[2] = Math.min(f[2], j);
            f[3] = Math.max(f[3], j);
            f[4] = Math.min(f[4], k);
            f[5] = Math.max(f[5], k);
          }
        }
      }
    }
    return new int[] {Math.max(b[0], f[0]), Math.min(b[1], f[1]), Math.max(b[2], f[2]), Math.min(b[3], f[3]),
        Math.max(b[4], f[4]), Math.min(b[5], f[5])};
  }

  private static byte[] cropBytes(byte[] src, Grid3 g, int[] box) {
    int nx = box[1] - box[0] + 1;
    int ny = box[3] - box[2] + 1;
    int nz = box[5] - box[4] + 1;
    byte[] out = new byte[nx * ny * nz];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        System.arraycopy(src, g.index(box[0], box[2] + j, box[4] + k), out, nx * (j + ny * k), nx);
      }
    }
    return out;
  }

  /**
   * plastimatch stages matching our pyramid: subsampling 4, 2, 1; the same iteration bound; the
   * field smoothing sigma in mm that ours uses at that level (fieldSigmaVoxels x level spacing),
   * with a filter width covering +-3 sigma (plastimatch's default width of 3 voxels would truncate
   * it); the homogenisation set so that plastimatch's step bound equals ours
   * ({@code 1 / (4 h^2)}, h = maxStepVoxels x level spacing). plastimatch's CPU demons has no
   * update (fluid) smoothing, no histogram matching and no convergence test.
   */
  static String plastimatchParms(DemonsParameters p, Grid3 fixed, int iterations, String fixedFile, String vfFile) {
    StringBuilder b = new StringBuilder();
    b.append("[GLOBAL]\nfixed=").append(fixedFile).append("\nmoving=moving.mha\nxform_in=init.tfm\nvf_out=")
        .append(vfFile).append("\n\n");
    double sp = Math.max(fixed.spacingXMm(), Math.max(fixed.spacingYMm(), fixed.spacingZMm()));
    for (int l = p.levels() - 1; l >= 0; l--) {
      int f = 1 << l;
      double sigma = p.fieldSigmaVoxels() * sp * f;
      int width = 2 * (int) Math.ceil(3 * p.fieldSigmaVoxels()) + 1;
      double h = p.maxStepVoxels() * sp * f;
      b.append(String.format(Locale.ROOT, "[STAGE]%nxform=vf%noptim=demons%nimpl=plastimatch%nthreading=openmp%n"
              + "res=%d %d %d%nmax_its=%d%ndemons_std=%.4f%ndemons_filter_width=%d %d %d%n"
              + "demons_acceleration=1%ndemons_homogenization=%.8f%n%n",
          f, f, f, iterations, sigma, width, width, width, 1 / (4 * h * h)));
    }
    return b.toString();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The fraction's registration on the 4 mm grid of issue 5: the full 120 x 80 x 60 grid and the
   * region of interest around the prostate, warm JIT, fastest of 5, with the time per level.
   */
  static void timing() {
    Grid3 g = Grid3.centred(480, 320, 240, 4, 4, 4, 0, 10, 5);
    PelvisPhantom.Case c = PelvisPhantom.build(g, PelvisPhantom.randomDeformation(42, 0), PelvisPhantom.CbctModel.TYPICAL, 42, 0);
    RegistrationInput in = new RegistrationInput(c.cbct(), c.planningCt(), RigidTransform.IDENTITY, null, c.fov());
    RigidRegistration rigid = new RigidRegistration();
    DemonsRegistration demons = new DemonsRegistration();
    RigidResult rr = null;
    for (int i = 0; i < WARM_UP_RUNS; i++) {
      rr = rigid.register(in, RigidParameters.defaults());
    }
    double rigidBest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < TIMED_RUNS; i++) {
      rr = rigid.register(in, RigidParameters.defaults());
      rigidBest = Math.min(rigidBest, rr.seconds());
    }
    System.out.printf(Locale.ROOT, "rigid bone registration on %s: %.3f s (fastest of %d)%n", g, rigidBest, TIMED_RUNS);
    for (RegionOfInterest roi : new RegionOfInterest[] {PelvisPhantom.roi(c), null}) {
      RegistrationInput d = in.withInitial(rr.transform()).withRoi(roi);
      DeformableResult best = null;
      for (int i = 0; i < WARM_UP_RUNS + TIMED_RUNS; i++) {
        DeformableResult r = demons.register(d, DemonsParameters.defaults());
        if (i >= WARM_UP_RUNS && (best == null || r.seconds() < best.seconds())) {
          best = r;
        }
      }
      System.out.printf(Locale.ROOT, "demons on %s: %.3f s (fastest of %d)%n", roi == null ? "the full grid" : "the ROI " + roi,
          best.seconds(), TIMED_RUNS);
      for (LevelReport l : best.levels()) {
        System.out.println("  " + l);
      }
    }
  }

  /**
   * The fraction's registration as the course replay runs it ({@link DailyRegistration#cpuDefaults()}
   * on a virtual patient's 4 mm CBCT: field of view detected, rigid with capture-range search,
   * demons on the automatic region of interest, contour propagation), one instance reused across
   * fractions as in a course: 3 warm-up fractions, then 9 timed ones; fastest and median per stage.
   */
  static void timingVirtualPatient(long seed) {
    org.twinsim.model.anatomy.VirtualPatient vp =
        org.twinsim.model.anatomy.VirtualPatientGenerator.defaults().generate(seed, 0, 0);
    org.twinsim.model.anatomy.DailyAnatomy[] days = new org.twinsim.model.anatomy.DailyAnatomy[3];
    for (int f = 0; f < days.length; f++) {
      days[f] = org.twinsim.model.anatomy.DailyAnatomyGenerator.defaults().day(vp, f);
    }
    DailyRegistration pipeline = DailyRegistration.cpuDefaults();
    int timed = 9;
    double[][] t = new double[5][timed];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int run = 0; run < WARM_UP_RUNS + timed; run++) {
      org.twinsim.model.anatomy.DailyAnatomy d = days[run % days.length];
      long c0 = os.getProcessCpuTime();
      DailyRegistration.Result r = pipeline.register(d.cbct(), null, vp.planningCt(), vp.planningLabels(), null, null);
      long c1 = os.getProcessCpuTime();
      if (run >= WARM_UP_RUNS) {
        int q = run - WARM_UP_RUNS;
        t[4][q] = (c1 - c0) * 1e-9;
        t[0][q] = r.seconds();
        t[1][q] = r.rigid().seconds();
        t[2][q] = r.deformable().seconds();
        t[3][q] = r.seconds() - r.rigid().seconds() - r.deformable().seconds();
      }
    }
    String[] names = {"fraction total (wall)", "rigid (incl. search)", "demons", "field of view, ROI, propagation",
        "fraction total (process CPU)"};
    System.out.printf(Locale.ROOT, "DailyRegistration on virtual patient seed %d p0 (%s), %d cores, load %s:%n", seed,
        vp.planningCt().grid(), Runtime.getRuntime().availableProcessors(), loadAverage());
    for (int i = 0; i < 5; i++) {
      Arrays.sort(t[i]);
      System.out.printf(Locale.ROOT, "  %-32s fastest %.3f s, median %.3f s (of %d)%n", names[i], t[i][0], t[i][timed / 2],
          timed);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * How far the CPU field moves when its input is perturbed at the level of float rounding (each
   * CBCT voxel times 1 + e z, z standard normal, e = 1e-6 and 1e-5, i.e. a few to tens of ulps):
   * the floor under which a GPU port's differences (fused multiply-add, summation order) cannot be
   * expected to fall. Fixed iterations (convergenceMm = 0), region of interest of phantom case 0.
   */
  static void sensitivity() {
    PelvisPhantom.Case c = PelvisPhantom.build(PelvisPhantom.grid4mm(), PelvisPhantom.randomDeformation(42, 0),
        PelvisPhantom.CbctModel.TYPICAL, 42, 0);
    RegionOfInterest roi = PelvisPhantom.roi(c);
    DemonsParameters p = DemonsParameters.defaults().withConvergenceMm(0);
    RegistrationInput in = new RegistrationInput(c.cbct(), c.planningCt(), c.deformation().rigid(), roi, c.fov());
    DeformableResult a = new DemonsRegistration().register(in, p);
    Grid3 g = c.grid();
    boolean[] inRoi = new boolean[g.size()];
    int[] box = roi.indexBox(g);
    for (int k = box[4]; k <= box[5]; k++) {
      for (int j = box[2]; j <= box[3]; j++) {
        for (int i = box[0]; i <= box[1]; i++) {
          inRoi[g.index(i, j, k)] = true;
        }
      }
    }
    for (double e : new double[] {1e-6, 1e-5}) {
      Volume perturbed = c.cbct().copy();
      umontreal.ssj.rng.RandomStream s = org.twinsim.model.random.RandomStreams.stream(1, "bench.rounding");
      for (int n = 0; n < perturbed.data().length; n++) {
        perturbed.data()[n] *= (float) (1 + e * umontreal.ssj.probdist.NormalDist.inverseF01(s.nextDouble()));
      }
      DeformableResult b = new DemonsRegistration().register(
          new RegistrationInput(perturbed, c.planningCt(), c.deformation().rigid(), roi, c.fov()), p);
      TargetRegistrationError d = TargetRegistrationError.of(a.field(), b.field(), inRoi);
      System.out.printf(Locale.ROOT, "field change under a %.0e relative input perturbation (3 levels x %d iterations,"
          + " ROI %d voxels): RMS %.4f mm, p95 %.4f mm, max %.4f mm%n", e, p.maxIterations(), d.voxels(), d.rmsMm(),
          d.p95Mm(), d.maxMm());
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Issue 5's acceptance check on virtual patients, as the course replay registers them
   * ({@link DailyRegistration#cpuDefaults()}, field of view detected, automatic region of interest):
   * per fraction the couch-shift error against the true setup, the TRE inside prostate + bladder +
   * rectum within the CBCT's field of view (and per structure, and over the whole structures), the
   * error of the mean displacement over the prostate (what the twin observes), the propagated Dice
   * and the wall time; then per patient and over all fractions, with the targets.
   */
  static void validate(long seed, int patients, int fractions, double doseFactor) {
    DailyRegistration pipeline = DailyRegistration.cpuDefaults();
    List<String> s3 = RegistrationAccuracy.TRE_STRUCTURES;
    org.twinsim.model.anatomy.DailyAnatomyGenerator gen = org.twinsim.model.anatomy.DailyAnatomyGenerator.defaults();
    org.twinsim.model.anatomy.CbctSpec cbct = gen.cbctSpec().withDoseFactor(doseFactor);
    System.out.printf(Locale.ROOT, "virtual patients seed %d, %d patients x %d fractions, 4 mm, CBCT defaults, dose factor %.2f"
        + " (noise SD %.1f HU)%n", seed, patients, fractions, doseFactor, cbct.effectiveNoiseSdHu());
    double[] sq = new double[4];
    System.out.println("case          couch err | TRE FOV mean/p95 (rigid)   | whole mean/p95 | prostate   bladder     rectum"
        + "      | prostate shift err | Dice P     B     R    | s");
    List<double[]> all = new ArrayList<>();
    for (int p = 0; p < patients; p++) {
      org.twinsim.model.anatomy.VirtualPatient vp =
          org.twinsim.model.anatomy.VirtualPatientGenerator.defaults().generate(seed, 0, p);
      List<double[]> rows = new ArrayList<>();
      for (int f = 0; f < fractions; f++) {
        org.twinsim.model.anatomy.DailyAnatomy d = gen.day(vp, f, cbct);
        RegistrationAccuracy.Report r = RegistrationAccuracy.evaluate(pipeline, d.cbct(), null, vp.planningCt(),
            vp.planningLabels(), d.trueField(), d.trueLabels(), null);
        DailyRegistration.Result reg = r.registration();
        double couch = reg.rigid().couchShiftMm().plus(d.motion().setupMm()).norm();
        double[] row = new double[20];
        row[0] = couch;
        row[1] = r.tre().meanMm();
        row[2] = r.tre().p95Mm();
        row[3] = r.treRigid().meanMm();
        row[4] = r.treRigid().p95Mm();
        row[5] = r.treWhole().meanMm();
        row[6] = r.treWhole().p95Mm();
        StringBuilder per = new StringBuilder();
        for (int q = 0; q < 3; q++) {
          boolean[] m = d.trueLabels().mask(s3.get(q));
          for (int i = 0; i < m.length; i++) {
            m[i] &= reg.fieldOfView()[i];
          }
          TargetRegistrationError t = TargetRegistrationError.of(reg.field(), d.trueField(), m);
          row[7 + 2 * q] = t.meanMm();
          row[8 + 2 * q] = t.p95Mm();
          per.append(String.format(Locale.ROOT, "%4.2f/%5.2f  ", t.meanMm(), t.p95Mm()));
        }
        boolean[] pm = d.trueLabels().mask(StructureNames.PROSTATE);
        double[] e = new double[3];
        int c = 0;
        for (int i = 0; i < pm.length; i++) {
          if (pm[i]) {
            e[0] += reg.field().ux()[i] - d.trueField().ux()[i];
            e[1] += reg.field().uy()[i] - d.trueField().uy()[i];
            e[2] += reg.field().uz()[i] - d.trueField().uz()[i];
            c++;
          }
        }
        Vec3 shiftErr = new Vec3(e[0] / c, e[1] / c, e[2] / c);
        for (int a = 0; a < 3; a++) {
          sq[a] += shiftErr.get(a) * shiftErr.get(a);
        }
        sq[3] += couch * couch;
        row[13] = shiftErr.norm();
        row[14] = r.dice().get(StructureNames.PROSTATE);
        row[15] = r.dice().get(StructureNames.BLADDER);
        row[16] = r.dice().get(StructureNames.RECTUM);
        row[17] = reg.seconds();
        System.out.printf(Locale.ROOT, "vp%d-p%d-f%d  %6.3f mm | %5.2f/%5.2f (%5.2f/%5.2f) | %5.2f/%5.2f   | %s| %4.2f (%4.1f %4.1f %4.1f) "
                + "| %.3f %.3f %.3f | %.2f%n", seed, p, f, couch, row[1], row[2], row[3], row[4], row[5], row[6], per,
            row[13], shiftErr.x(), shiftErr.y(), shiftErr.z(), row[14], row[15], row[16], row[17]);
        rows.add(row);
        all.add(row);
      }
      summary("patient " + p, rows);
    }
    summary("ALL", all);
    System.out.printf(Locale.ROOT, "RMS over %d fractions: prostate shift error x/y/z %.3f/%.3f/%.3f mm, couch error %.3f mm%n",
        all.size(), Math.sqrt(sq[0] / all.size()), Math.sqrt(sq[1] / all.size()), Math.sqrt(sq[2] / all.size()),
        Math.sqrt(sq[3] / all.size()));
    int rigidOk = 0;
    int treOk = 0;
    int diceOk = 0;
    for (double[] r : all) {
      rigidOk += r[0] < 0.5 ? 1 : 0;
      treOk += r[1] < 1.5 && r[2] < 3 ? 1 : 0;
      diceOk += r[14] >= 0.90 && r[15] >= 0.85 && r[16] >= 0.85 ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "targets met (fractions of %d): couch within 0.5 mm %d; TRE mean < 1.5 and p95 < 3 mm %d;"
        + " Dice P >= 0.90, B and R >= 0.85 %d%n", all.size(), rigidOk, treOk, diceOk);
  }

  private static void summary(String what, List<double[]> rows) {
    double[] m = new double[20];
    double[] max = new double[20];
    double[] min = new double[20];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    for (double[] r : rows) {
      for (int i = 0; i < 20; i++) {
        m[i] += r[i] / rows.size();
        max[i] = Math.max(max[i], r[i]);
        min[i] = Math.min(min[i], r[i]);
      }
    }
    System.out.printf(Locale.ROOT, "%-10s mean over %d: couch err %.3f (max %.3f) mm | TRE FOV %.2f/%.2f (rigid %.2f/%.2f) |"
            + " whole %.2f/%.2f | prostate %.2f/%.2f bladder %.2f/%.2f rectum %.2f/%.2f | prostate shift err %.2f |"
            + " Dice P %.3f (min %.3f) B %.3f (min %.3f) R %.3f (min %.3f) | %.2f s (max %.2f)%n", what, rows.size(), m[0],
        max[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], min[14], m[15],
        min[15], m[16], min[16], m[17], max[17]);
  }

  // ---------------------------------------------------------------------------------------------

  static List<Path> caseDirs(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(d -> Files.exists(d.resolve("fixed.mha"))).sorted().toList();
    }
  }

  static RigidTransform initial(Path dir) throws IOException {
    for (String line : Files.readAllLines(dir.resolve("init.tfm"))) {
      if (line.startsWith("Parameters:")) {
        String[] t = line.substring(11).trim().split("\\s+");
        return RigidTransform.translation(new Vec3(Double.parseDouble(t[0]), Double.parseDouble(t[1]),
            Double.parseDouble(t[2])));
      }
    }
    throw new IOException(dir + "/init.tfm has no Parameters line");
  }

  static void ours(Path out, int iterations, String only) throws IOException {
    DemonsParameters def = DemonsParameters.defaults().withMaxIterations(iterations);
    DemonsParameters fixedIts = def.withConvergenceMm(0);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (Path dir : caseDirs(out)) {
      if (only != null && !dir.getFileName().toString().equals(only)) {
        continue;
      }
      Volume fixed = MetaImage.readVolume(dir.resolve("fixed.mha"));
      Volume moving = MetaImage.readVolume(dir.resolve("moving.mha"));
      RegistrationInput in = new RegistrationInput(fixed, moving, initial(dir), null, null);
      Properties res = new Properties();
      String[] names = {"default", "fixed"};
      DemonsParameters[] ps = {def, fixedIts};
      for (int v = 0; v < 2; v++) {
        DemonsRegistration d = new DemonsRegistration();
        for (int warm = 0; warm < WARM_UP_RUNS; warm++) {
          d.register(in, ps[v]); // JIT warm-up and buffers, as in a course after the first fractions
        }
        double[] wall = new double[TIMED_RUNS];
        double[] cpu = new double[TIMED_RUNS];
        DeformableResult r = null;
        for (int rep = 0; rep < TIMED_RUNS; rep++) {
          long c0 = os.getProcessCpuTime();
          r = d.register(in, ps[v]);
          cpu[rep] = (os.getProcessCpuTime() - c0) * 1e-9;
          wall[rep] = r.seconds();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        MetaImage.writeField(dir.resolve(v == 0 ? "ours_vf.mha" : "ours_fixed_vf.mha"), r.field());
        res.setProperty(names[v] + ".wall", Double.toString(wall[0]));
        res.setProperty(names[v] + ".cpu", Double.toString(cpu[0]));
        res.setProperty(names[v] + ".wall.median", Double.toString(wall[TIMED_RUNS / 2]));
        res.setProperty(names[v] + ".iterations", Arrays.toString(r.iterationsPerLevel()));
        StringBuilder lv = new StringBuilder();
        for (LevelReport l : r.levels()) {
          lv.append(String.format(Locale.ROOT, "%sL%d %dx%dx%d %d it %.1f ms", lv.length() == 0 ? "" : "; ", l.level(),
              l.grid().nx(), l.grid().ny(), l.grid().nz(), l.iterations(), l.seconds() * 1e3));
        }
        res.setProperty(names[v] + ".levels", lv.toString());
        System.out.printf(Locale.ROOT, "ours %s %s: min %.3f s wall (median %.3f), %.3f s cpu; %s%n", dir.getFileName(),
            names[v], wall[0], wall[TIMED_RUNS / 2], cpu[0], lv);
      }
      try (Writer w = Files.newBufferedWriter(dir.resolve("ours.properties"), StandardCharsets.UTF_8)) {
        res.store(w, "our demons on " + dir.getFileName());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Accuracy of one field on one case. */
  record Score(TargetRegistrationError tre, Map<String, Double> dice) {
  }

  static Score score(VectorField field, VectorField truth, LabelMap planning, LabelMap day) {
    boolean[] organs = RegistrationAccuracy.union(day, RegistrationAccuracy.TRE_STRUCTURES);
    TargetRegistrationError t = TargetRegistrationError.of(field, truth, organs);
    LabelMap prop = ContourPropagation.propagate(planning, field);
    return new Score(t, RegistrationAccuracy.dice(prop, day, RegistrationAccuracy.TRE_STRUCTURES));
  }

  static void score(Path out) throws IOException {
    List<double[]> rows = new ArrayList<>();
    System.out.println();
    System.out.println("case      method              TRE mean  p95   | Dice P   B     R    | time s (wall / cpu)  | iterations");
    for (Path dir : caseDirs(out)) {
      VectorField truth = MetaImage.readField(dir.resolve("truth_vf.mha"));
      Grid3 g = truth.grid();
      LabelMap day = new LabelMap(g, StructureNames.prostateTree(), MetaImage.readLabels(dir.resolve("day_labels.mha")));
      Volume moving = MetaImage.readVolume(dir.resolve("moving.mha"));
      LabelMap planning = new LabelMap(moving.grid(), StructureNames.prostateTree(),
          MetaImage.readLabels(dir.resolve("planning_labels.mha")));
      Properties ours = load(dir.resolve("ours.properties"));
      String name = dir.getFileName().toString();
      double[] row = new double[16];
      Arrays.fill(row, Double.NaN);
      Score rigid = score(initial(dir).toField(g), truth, planning, day);
      print(name, "rigid only", rigid, "", "");
      row[0] = rigid.tre().meanMm();
      row[1] = rigid.tre().p95Mm();
      if (Files.exists(dir.resolve("ours_vf.mha"))) {
        Score s = score(MetaImage.readField(dir.resolve("ours_vf.mha")), truth, planning, day);
        print(name, "ours (converged)", s, time(ours, "default"), ours.getProperty("default.iterations", ""));
        row[2] = s.tre().meanMm();
        row[3] = s.tre().p95Mm();
        row[4] = Double.parseDouble(ours.getProperty("default.wall", "NaN"));
        row[12] = s.dice().get(StructureNames.PROSTATE);
        Score f = score(MetaImage.readField(dir.resolve("ours_fixed_vf.mha")), truth, planning, day);
        print(name, "ours (fixed its)", f, time(ours, "fixed"), ours.getProperty("fixed.iterations", ""));
        row[5] = f.tre().meanMm();
        row[6] = f.tre().p95Mm();
        row[7] = Double.parseDouble(ours.getProperty("fixed.wall", "NaN"));
      }
      if (Files.exists(dir.resolve("plastimatch_vf.mha"))) {
        VectorField pv = MetaImage.readField(dir.resolve("plastimatch_vf.mha"));
        if (!pv.grid().sameAs(g)) {
          throw new IOException(dir + ": plastimatch's field grid " + pv.grid() + " differs from the fixed grid " + g);
        }
        Score s = score(pv, truth, planning, day);
        double[] pt = plastimatchTimes(dir, "plastimatch");
        print(name, "plastimatch demons", s,
            String.format(Locale.ROOT, "%.3f / %.3f (demons %.3f)", pt[0], pt[1], pt[2]), "");
        row[8] = s.tre().meanMm();
        row[9] = s.tre().p95Mm();
        row[10] = pt[0];
        row[11] = pt[2];
        row[13] = s.dice().get(StructureNames.PROSTATE);
      }
      if (Files.exists(dir.resolve("plastimatch_hm_vf.mha"))) {
        Score s = score(MetaImage.readField(dir.resolve("plastimatch_hm_vf.mha")), truth, planning, day);
        double[] pt = plastimatchTimes(dir, "plastimatch_hm");
        print(name, "plastimatch corr.", s,
            String.format(Locale.ROOT, "%.3f / %.3f (demons %.3f)", pt[0], pt[1], pt[2]), "");
        row[14] = s.tre().meanMm();
        row[15] = s.tre().p95Mm();
      }
      rows.add(row);
    }
    double[] m = new double[16];
    for (double[] r : rows) {
      for (int i = 0; i < 16; i++) {
        m[i] += r[i] / rows.size();
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "mean over %d cases: TRE mean/p95 mm: rigid %.2f/%.2f, ours %.2f/%.2f (fixed its %.2f/%.2f),"
        + " plastimatch %.2f/%.2f, plastimatch on our corrected CBCT (shading, histogram) %.2f/%.2f; prostate Dice ours %.3f,"
        + " plastimatch %.3f%n", rows.size(), m[0], m[1], m[2], m[3], m[5], m[6], m[8], m[9], m[14], m[15], m[12], m[13]);
    System.out.printf(Locale.ROOT, "time ratio ours/plastimatch (wall, ours in-process vs plastimatch process): "
        + "converged %.2f, fixed iterations %.2f; vs plastimatch's own demons timers: converged %.2f, fixed %.2f%n",
        m[4] / m[10], m[7] / m[10], m[4] / m[11], m[7] / m[11]);
  }

  private static String time(Properties p, String v) {
    return String.format(Locale.ROOT, "%.3f / %.3f", Double.parseDouble(p.getProperty(v + ".wall", "NaN")),
        Double.parseDouble(p.getProperty(v + ".cpu", "NaN")));
  }

  private static void print(String name, String method, Score s, String time, String its) {
    System.out.printf(Locale.ROOT, "%-9s %-19s %5.2f   %5.2f | %.3f %.3f %.3f | %-20s | %s%n", name, method,
        s.tre().meanMm(), s.tre().p95Mm(), s.dice().get(StructureNames.PROSTATE), s.dice().get(StructureNames.BLADDER),
        s.dice().get(StructureNames.RECTUM), time, its);
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  /**
   * plastimatch's times for a case, the fastest of its runs: {process wall, process cpu (user +
   * sys), sum of its demons iteration timers}, from {@code plastimatch.time} (written by /usr/bin/time -f "%e %U %S") and
   * the "Time for N iterations = S" lines of {@code plastimatch.log} (or {@code run}.time/.log).
   */
  static double[] plastimatchTimes(Path dir, String run) throws IOException {
    double[] t = {Double.NaN, Double.NaN, Double.NaN};
    Path tf = dir.resolve(run + ".time");
    if (Files.exists(tf)) {
      for (String line : Files.readAllLines(tf)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 3 || !f[0].matches("[0-9.]+")) {
          continue;
        }
        double wall = Double.parseDouble(f[0]);
        if (!(wall >= t[0])) {
          t[0] = wall;
          t[1] = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
        }
      }
    }
    Path log = dir.resolve(run + ".log");
    if (Files.exists(log)) {
      // one block of per-stage timers per run (runs separated by a "== run" line): the smallest total
      Pattern p = Pattern.compile("Time for \\d+ iterations = ([0-9.eE+-]+)");
      double sum = 0;
      boolean any = false;
      for (String line : Files.readAllLines(log)) {
        if (line.startsWith("== run") && any) {
          t[2] = Double.isNaN(t[2]) ? sum : Math.min(t[2], sum);
          sum = 0;
          any = false;
        }
        Matcher mt = p.matcher(line);
        if (mt.find()) {
          sum += Double.parseDouble(mt.group(1));
          any = true;
        }
      }
      if (any) {
        t[2] = Double.isNaN(t[2]) ? sum : Math.min(t[2], sum);
      }
    }
    return t;
  }
}
