package org.twinsim.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.twinsim.reports.chart.Plot;
import org.twinsim.reports.run.InvalidRunException;
import org.twinsim.reports.run.RunFolder;

/**
 * Writes the report of a run folder: the HTML page and, in a {@code plots/} folder next to it, every
 * plot as PNG and SVG. The run is read and checked completely before anything is written; the plots
 * folder is staged and moved into place, then the page is written under a temporary name and moved,
 * so a failure leaves no partial report.
 */
public final class ReportWriter {
  /** Name of the plots folder next to the page. */
  public static final String PLOTS = "plots";

  /**
   * What was written.
   *
   * @param html the page
   * @param plotsDir the folder of PNG and SVG files
   * @param files every plot file written
   * @param report the report's content
   */
  public record Written(Path html, Path plotsDir, List<Path> files, RunReport report) {
  }

  private ReportWriter() {
  }

  /** Default place of the page: {@code RUN_DIR/report/index.html}. */
  public static Path defaultOutput(Path runDir) {
    return runDir.resolve("report").resolve("index.html");
  }

  /**
   * Reads the run and writes its report.
   *
   * @param out the HTML file, or null for {@link #defaultOutput}
   * @throws InvalidRunException if the folder is not a readable run (nothing is written)
   * @throws IOException if writing fails (no partial page is left)
   */
  public static Written write(Path runDir, Path out) throws InvalidRunException, IOException {
    return write(runDir, out, ScenarioFacts.NONE);
  }

  /**
   * Reads the run and writes its report, with what the caller knows of the scenario.
   *
   * @param out the HTML file, or null for {@link #defaultOutput}
   * @param facts e.g. the capacity scenario's start target ({@link ScenarioFacts#NONE} if unknown)
   * @throws InvalidRunException if the folder is not a readable run (nothing is written)
   * @throws IOException if writing fails (no partial page is left)
   */
  public static Written write(Path runDir, Path out, ScenarioFacts facts) throws InvalidRunException, IOException {
    RunFolder run = RunFolder.open(runDir);
    Path html = (out != null ? out : defaultOutput(run.dir())).toAbsolutePath().normalize();
    if (Files.isDirectory(html)) {
      throw new IOException(html + ": is a folder (--out names the HTML file to write)");
    }
    String now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    RunReport report = ReportBuilder.build(run, PLOTS, now, facts);
    Path dir = html.getParent();
    Files.createDirectories(dir);
    String tag = ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path plotsDir = dir.resolve(PLOTS);
    Path staging = dir.resolve("." + PLOTS + ".tmp-" + tag);
    Path tmpHtml = dir.resolve("." + html.getFileName() + ".tmp-" + tag);
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(staging);
      for (Plot p : report.plots()) {
        Files.write(staging.resolve(p.id() + ".png"), p.png());
        Files.write(staging.resolve(p.id() + ".svg"), p.svg());
        files.add(plotsDir.resolve(p.id() + ".png"));
        files.add(plotsDir.resolve(p.id() + ".svg"));
      }
      Files.writeString(tmpHtml, report.html(), StandardCharsets.UTF_8);
      deleteTree(plotsDir);
      move(staging, plotsDir);
      move(tmpHtml, html);
    } finally {
      deleteTree(staging);
      Files.deleteIfExists(tmpHtml);
    }
    return new Written(html, plotsDir, List.copyOf(files), report);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
