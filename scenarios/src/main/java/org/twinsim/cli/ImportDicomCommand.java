package org.twinsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.twinsim.model.dicom.DicomImport;
import org.twinsim.model.dicom.DicomImportException;
import org.twinsim.model.dicom.ImportOptions;
import org.twinsim.model.dicom.ImportedPatient;
import org.twinsim.scenarios.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim import-dicom DIR}: read a CT series and RT Structure Set and report what was found. */
@Command(name = "import-dicom", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Read a folder holding one CT series and (optionally) one RT Structure Set: any file names, any "
        + "slice order, implicit or explicit VR little endian. Reports the grid, HU range and every ROI with the "
        + "structure it maps to, or says clearly what is wrong. Patient names and IDs never appear: a stable "
        + "pseudonym replaces them. Nothing is written."})
final class ImportDicomCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "folder with the DICOM files (searched recursively)")
  Path dir;

  @Option(names = "--ct-series", paramLabel = "UID", description = "Series Instance UID of the CT to use when the folder holds several")
  String ctSeries;

  @Option(names = "--structure-set", paramLabel = "UID", description = "SOP Instance UID of the RT Structure Set to use when there are several")
  String structureSet;

  @Override
  public Integer call() throws Exception {
    ImportOptions o = ImportOptions.defaults();
    if (ctSeries != null) {
      o = o.withCtSeries(ctSeries);
    }
    if (structureSet != null) {
      o = o.withStructureSet(structureSet);
    }
    ImportedPatient p;
    try {
      p = DicomImport.read(dir, o);
    } catch (DicomImportException e) {
      throw new ScenarioException(e.getMessage());
    }
    spec.commandLine().getOut().print(p.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
