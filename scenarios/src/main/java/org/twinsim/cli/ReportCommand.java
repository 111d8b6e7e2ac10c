package org.twinsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.twinsim.reports.html.BrowserCheck;
import org.twinsim.reports.html.ReportWriter;
import org.twinsim.reports.html.ScenarioFacts;
import org.twinsim.reports.manifest.ManifestJson;
import org.twinsim.reports.run.InvalidRunException;
import org.twinsim.scenarios.RunScenario;
import org.twinsim.scenarios.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim report RUN_DIR}: the self-contained HTML report of a run folder, with its plots as PNG and SVG. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = {"Write a self-contained HTML report of a run folder (plots inlined; no network needed to view it), "
        + "and every plot as PNG and SVG in a plots/ folder next to it.",
        "Default output: RUN_DIR/report/index.html."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a folder written by `twinsim run`")
  Path runDir;

  @Option(names = "--out", paramLabel = "FILE", description = "the HTML file to write (default: RUN_DIR/report/index.html)")
  Path out;

  @Option(names = "--check-browser", description = "open the report in headless Chromium, check that every plot renders "
      + "without script errors, and write screenshot.png next to the report")
  boolean checkBrowser;

  @Option(names = "--browser-timeout", paramLabel = "S", defaultValue = "90",
      description = "time limit for each Chromium run, s (default: ${DEFAULT-VALUE})")
  int browserTimeoutS;

  @Option(names = {"-q", "--quiet"}, description = "print only the path of the report")
  boolean quiet;

  @Option(names = "--target-start-days", paramLabel = "DAYS",
      description = "capacity runs: a course starting more than DAYS after it was ready counts as delayed "
          + "(default: the scenario's arrivals.targetStartDays, when the scenario the manifest names is found "
          + "with the text the manifest hashes)")
  Integer targetStartDays;

  /** The start target: given, or from the run's scenario (none if the manifest is unreadable: the writer says why). */
  private ScenarioFacts facts() {
    if (targetStartDays != null) {
      return new ScenarioFacts(targetStartDays, "given with --target-start-days");
    }
    Path mf = runDir.resolve("manifest.json");
    if (!Files.isRegularFile(mf)) {
      return ScenarioFacts.NONE;
    }
    try {
      return RunScenario.facts(new ScenarioLoader(), ManifestJson.read(mf));
    } catch (IOException | RuntimeException ex) {
      return ScenarioFacts.NONE;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter e = spec.commandLine().getErr();
    if (out != null && Files.isDirectory(out)) {
      e.println("twinsim: " + out + ": is a folder (--out names the HTML file to write)");
      e.flush();
      return 2;
    }
    if (browserTimeoutS < 1) {
      e.println("twinsim: --browser-timeout: expected an integer >= 1, got " + browserTimeoutS);
      e.flush();
      return 2;
    }
    if (targetStartDays != null && targetStartDays < 0) {
      e.println("twinsim: --target-start-days: expected an integer >= 0, got " + targetStartDays);
      e.flush();
      return 2;
    }
    ReportWriter.Written w;
    try {
      w = ReportWriter.write(runDir, out, facts());
    } catch (InvalidRunException ex) {
      e.println("twinsim: " + ex.getMessage());
      e.flush();
      return 2;
    }
    if (quiet) {
      o.println(w.html());
    } else {
      o.printf("Wrote %s%n  %d plots, each as PNG and SVG, in %s%n", w.html(), w.report().plots().size(), w.plotsDir());
      for (String u : w.report().unavailable()) {
        o.println("  " + u);
      }
    }
    o.flush();
    if (!checkBrowser) {
      return 0;
    }
    Optional<Path> chromium = BrowserCheck.findChromium();
    if (chromium.isEmpty()) {
      o.println("browser check skipped: chromium not found (Debian: apt-get install chromium; or set TWINSIM_CHROMIUM)");
      o.flush();
      return 0;
    }
    BrowserCheck.Result r = BrowserCheck.check(chromium.get(), w.html(), w.report().plots().size(),
        w.html().resolveSibling("screenshot.png"), Duration.ofSeconds(browserTimeoutS));
    if (r.passed()) {
      o.println(r.summary());
      o.flush();
      return 0;
    }
    e.println("twinsim: " + r.summary());
    e.flush();
    return 1;
  }
}
