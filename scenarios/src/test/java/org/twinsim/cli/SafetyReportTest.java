package org.twinsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.engine.run.LocalRunner;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.reports.html.ReportWriter;
import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioLoader;

/** The report's safety section on a twin-guided imaging run: the detection-delay and imaging-dose figures. */
class SafetyReportTest {
  @Test
  void imagingRunReportsDelayAndDoseVsCoverage(@TempDir Path dir) throws Exception {
    String yaml = """
        name: imaging-small
        seed: 5
        replications: 1
        cohort: {patients: 6}
        fractionation: {fractions: 12}
        physics: {mode: geometric}
        strategies: [non-adaptive, digital-twin]
        safety:
          anomalies:
            - {kind: prostate-shift, perFraction: 0.1, sizeMm: [8, 15]}
          imaging: {policy: twin-guided, learningFractions: 3}
        """;
    Path file = dir.resolve("imaging-small.yaml");
    Files.writeString(file, yaml);
    LoadedScenario ls = new ScenarioLoader().load(file);
    Path out = dir.resolve("run");
    new LocalRunner().run(ls.scenario(), new RunOptions(out, false, 2, null, ls.source(), ls.text(), "test", "unknown", null));
    ReportWriter.Written w = ReportWriter.write(out, null);
    String html = Files.readString(w.html());
    assertTrue(html.contains("Safety: detection delay"), "detection delay figure");
    assertTrue(html.contains("Safety: ROC over the detector threshold"), "ROC figure");
    assertTrue(html.contains("Twin-guided imaging: dose vs coverage"), "imaging figure");
    assertTrue(html.contains("imaging_dose_relative_pct"), "imaging figures in the table");
  }
}
