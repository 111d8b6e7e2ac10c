package org.twinsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import org.twinsim.engine.run.UnitCoordinates;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.CbctSpec;
import org.twinsim.model.anatomy.DailyAnatomy;
import org.twinsim.model.anatomy.DailyAnatomyGenerator;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.dicom.CbctFrameOfReference;
import org.twinsim.model.dicom.DicomExport;
import org.twinsim.model.dicom.DoseSummationType;
import org.twinsim.model.dicom.ExportOptions;
import org.twinsim.model.dicom.ExportedPatient;
import org.twinsim.model.dicom.Pseudonym;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.planning.PlanningResult;
import org.twinsim.model.planning.ProstatePlanner;
import org.twinsim.model.planning.UncertaintySetting;
import org.twinsim.model.viz.AnatomyFigures;
import org.twinsim.reports.output.RunDirectory;
import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim export-dicom}: a virtual patient and its first fractions as DICOM, with pictures. */
@Command(name = "export-dicom", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Write one virtual patient of a scenario as DICOM: planning CT + RT Structure Set (+ RT Dose of the "
        + "clinical plan with --with-dose), and for each of the first fractions the simulated CBCT and the TRUE daily "
        + "CT (the simulation's ground truth, its own series), plus PNG slices (planning vs true day vs CBCT with "
        + "contours) to check the anatomy by eye. Written to a staging folder and moved into place when complete."})
final class ExportDicomCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "catalog name or YAML file (default: default)")
  String scenario;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "output folder (must not exist, or --overwrite)")
  Path out;

  @Option(names = "--patient", paramLabel = "N", description = "which virtual patient, 1-based (default 1)")
  int patient = 1;

  @Option(names = "--fractions", paramLabel = "N", description = "fractions to export (default 3)")
  int fractions = 3;

  @Option(names = "--replication", paramLabel = "N", description = "replication, 0-based (default 0)")
  int replication = 0;

  @Option(names = "--with-dose", description = "optimise the clinical plan and export its dose as RT Dose (adds seconds)")
  boolean withDose;

  @Option(names = "--overwrite", description = "replace a previous export in the output folder")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    LoadedScenario ls = ScenarioOption.load(scenario);
    Scenario s = ls.scenario();
    if (patient < 1) {
      throw new ScenarioException("--patient: expected an integer >= 1, got " + patient);
    }
    if (fractions < 0 || fractions > s.fractionation().fractions()) {
      throw new ScenarioException("--fractions: expected 0.." + s.fractionation().fractions() + ", got " + fractions);
    }
    if (replication < 0) {
      throw new ScenarioException("--replication: expected an integer >= 0, got " + replication);
    }
    PrintWriter o = spec.commandLine().getOut();
    String id = UnitCoordinates.virtualPatientId(patient - 1);
    VirtualPatient vp = new VirtualPatientGenerator(PhantomSpec.withSpacing(s.cohort().gridMm()), s.anatomy())
        .generate(s.seed(), replication, patient - 1);
    DailyAnatomyGenerator days = DailyAnatomyGenerator.defaults();
    CbctSpec cbct = days.cbctSpec().withDoseFactor(s.physics().cbctDoseFactor());
    Volume dose = null;
    if (withDose) {
      DoseContext ctx = DoseContext.fromCt(vp.planningCt(), StoppingPowerCalibration.defaults());
      CpuPencilBeamEngine engine = new CpuPencilBeamEngine();
      double margin = s.strategies().stream().filter(x -> x.name().equals("non-adaptive")).findFirst()
          .map(x -> x.setupMarginMm()).orElse(5.0);
      PlanningResult p = new ProstatePlanner(engine, null).plan("clinical", ctx, vp.planningLabels(),
          s.fractionation().doseGy(), new UncertaintySetting(margin, s.physics().rangeUncertainty()), null);
      dose = engine.computeDose(ctx, p.plan(), org.twinsim.model.dose.Scenario.NOMINAL);
    }
    ExportOptions opts = ExportOptions.reproducible(s.name() + "/" + s.seed() + "/" + replication + "/" + id,
        LocalDateTime.of(s.fractionation().startDate().minusDays(14), java.time.LocalTime.of(9, 0)));
    RunDirectory dir = RunDirectory.create(out, overwrite);
    try {
      Path root = dir.staging();
      ExportedPatient planning = DicomExport.writePatient(root.resolve("planning"), vp.planningCt(), vp.planningLabels(),
          dose, DoseSummationType.FRACTION, new Pseudonym(id), opts);
      java.nio.file.Files.createDirectories(root.resolve("figures"));
      for (int f = 0; f < fractions; f++) {
        DailyAnatomy day = days.day(vp, f, cbct);
        String fx = String.format("f%02d", f + 1);
        DicomExport.writeCbct(root.resolve("cbct-" + fx), day.cbct(), planning, CbctFrameOfReference.SHARED_WITH_PLANNING,
            100 + f + 1, "CBCT fraction " + (f + 1), opts);
        DicomExport.writeCbct(root.resolve("true-ct-" + fx), day.trueCt(), planning, CbctFrameOfReference.SHARED_WITH_PLANNING,
            200 + f + 1, "TRUE CT fraction " + (f + 1) + " (simulation truth)", opts);
        AnatomyFigures.writeComparison(root.resolve("figures").resolve(id + "-" + fx + ".png"), vp, day);
      }
      java.nio.file.Files.writeString(root.resolve("manifest.json"), String.format(java.util.Locale.ROOT,
          "{\"tool\":\"twinsim\",\"kind\":\"export-dicom\",\"version\":\"%s\",\"scenario\":\"%s\",\"seed\":%d,"
              + "\"replication\":%d,\"patient\":\"%s\",\"fractions\":%d,\"dose\":%s}%n",
          VersionInfo.version(), s.name(), s.seed(), replication, id, fractions, withDose));
      dir.commit();
    } catch (Exception | Error e) {
      dir.abort();
      throw e;
    }
    o.printf("Wrote %s: patient %s (scenario %s, seed %d): planning/ (CT, RTSTRUCT%s), %d x cbct-fNN/ and true-ct-fNN/, figures/*.png%n",
        dir.target(), id, s.name(), s.seed(), withDose ? ", RTDOSE" : "", fractions);
    o.flush();
    return 0;
  }
}
