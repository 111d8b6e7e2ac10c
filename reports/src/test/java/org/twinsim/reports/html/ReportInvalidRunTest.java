package org.twinsim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.reports.run.InvalidRunException;
import org.twinsim.reports.table.ParquetTables;
import org.twinsim.reports.table.Table;
import org.twinsim.reports.table.TwinsimTables;

/**
 * Folders that are not reportable runs: each gives an {@link InvalidRunException} whose one-line
 * message names the faulty path and the problem, and no report file or plots folder is written.
 */
class ReportInvalidRunTest {
  @TempDir
  Path tmp;

  /** Runs the writer on a broken folder; returns the message after checking nothing was written. */
  private String refuse(Path run, Path faulty, String problem) {
    InvalidRunException e = assertThrows(InvalidRunException.class, () -> ReportWriter.write(run, null));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().startsWith(faulty.toString()), e.getMessage() + " should name " + faulty);
    assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say " + problem);
    assertFalse(Files.exists(run.resolve("report")), "no report folder after: " + e.getMessage());
    return e.getMessage();
  }

  private Path small(String name) throws Exception {
    return RunFixtures.smallRun(Files.createDirectories(tmp.resolve(name)));
  }

  @Test
  void missingFolderAndFolderWithoutManifest() throws Exception {
    Path missing = tmp.resolve("nope");
    InvalidRunException e = assertThrows(InvalidRunException.class, () -> ReportWriter.write(missing, null));
    assertEquals(missing + ": no such folder", e.getMessage());
    assertFalse(Files.exists(missing));

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    refuse(empty, empty, "not a twinsim run (no manifest.json)");

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    e = assertThrows(InvalidRunException.class, () -> ReportWriter.write(file, null));
    assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
  }

  @Test
  void unreadableManifest() throws Exception {
    Path run = small("badjson");
    Files.writeString(run.resolve("manifest.json"), "{ \"tool\": \"twinsim\", \"seed\": [1,");
    refuse(run, run.resolve("manifest.json"), "unreadable manifest");

    Path other = small("othertool");
    Files.writeString(other.resolve("manifest.json"), "{\"tool\": \"something-else\"}");
    refuse(other, other.resolve("manifest.json"), "not a twinsim manifest");
  }

  @Test
  void truncatedEmptyAndGarbledParts() throws Exception {
    Function<byte[], byte[]> half = b -> java.util.Arrays.copyOf(b, b.length / 2);
    Function<byte[], byte[]> empty = b -> new byte[0];
    Function<byte[], byte[]> garbledFooter = b -> {
      byte[] c = b.clone();
      for (int i = c.length - 60; i < c.length - 8; i++) {
        c[i] = (byte) (c[i] ^ 0x5a);
      }
      return c;
    };
    Function<byte[], byte[]> garbledPages = b -> {
      byte[] c = b.clone();
      for (int i = 4; i < Math.min(c.length / 3, 400); i++) {
        c[i] = (byte) (c[i] ^ 0x5a);
      }
      return c;
    };
    int k = 0;
    for (Function<byte[], byte[]> damage : List.of(half, empty, garbledFooter, garbledPages)) {
      Path run = small("damaged" + k++);
      Path part = RunFixtures.firstFractionsPart(run);
      Files.write(part, damage.apply(Files.readAllBytes(part)));
      refuse(run, part, "corrupt or truncated Parquet part");
    }
  }

  @Test
  void zeroFractions() throws Exception {
    Path run = small("zero");
    try (var s = Files.walk(run.resolve("fractions"))) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.delete(p);
      }
    }
    ParquetTables.write(run.resolve("fractions/variant=base/part-r0000-p00000.parquet"),
        new Table(TwinsimTables.FRACTIONS), Map.of());
    // the manifest still lists two parts: the second is missing, which is found first
    refuse(run, run.resolve("fractions/variant=base/part-r0000-p00001.parquet"), "missing: listed in manifest.json");

    Path run2 = Files.createDirectories(tmp.resolve("zero2"));
    RunFixtures f = new RunFixtures(run2, List.of("digital-twin"));
    f.part("fractions", "base", "part-r0000-p00000.parquet", new Table(TwinsimTables.FRACTIONS));
    f.manifest("zero", 1, 1, List.of());
    refuse(run2, run2.resolve("fractions"), "no rows: the run delivered zero fractions");

    Path run3 = Files.createDirectories(tmp.resolve("nofractions"));
    new RunFixtures(run3, List.of("digital-twin")).manifest("none", 1, 1, List.of());
    refuse(run3, run3, "no fractions and no clinic_days table: nothing to report");
  }

  @Test
  void clinicRunsNeedClinicDayRows() throws Exception {
    // a capacity run (no fractions table) whose every table is empty
    Path run = Files.createDirectories(tmp.resolve("empty-capacity"));
    RunFixtures f = new RunFixtures(run, List.of("digital-twin"));
    f.part("clinic_days", "base", "part-r0000-digital-twin.parquet", new Table(TwinsimTables.CLINIC_DAYS));
    f.part("steps", "base", "part-r0000-digital-twin.parquet", new Table(TwinsimTables.STEPS));
    f.part("courses", "base", "part-r0000-digital-twin.parquet", new Table(TwinsimTables.COURSES));
    f.manifest("empty-capacity", 1, 0, List.of("mode: capacity"));
    refuse(run, run.resolve("clinic_days"), "no rows: the run treated no sessions");

    // steps and courses but no clinic_days
    Path run2 = Files.createDirectories(tmp.resolve("no-days"));
    RunFixtures g = new RunFixtures(run2, List.of("digital-twin"));
    g.part("steps", "base", "part-r0000-digital-twin.parquet", RunFixtures.gpuSteps(0, 0));
    g.manifest("no-days", 1, 0, List.of("mode: queue"));
    refuse(run2, run2, "no fractions and no clinic_days table");

    // clinic_days without its key columns
    Path run3 = Files.createDirectories(tmp.resolve("not-days"));
    RunFixtures h = new RunFixtures(run3, List.of("digital-twin"));
    h.part("clinic_days", "base", "part-r0000.parquet", RunFixtures.gpuSteps(0, 0));
    h.manifest("not-days", 1, 0, List.of());
    refuse(run3, run3.resolve("clinic_days"), "no column 'patients_treated' (not a twinsim clinic_days table)");
  }

  @Test
  void damagedStepsPartIsRefusedThoughOnlyStreamed() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("bad-steps"));
    RunFixtures f = new RunFixtures(run, List.of("digital-twin", "non-adaptive"));
    f.part("clinic_days", "base", "part-r0000.parquet", RunFixtures.clinicDays(0, 0, 3,
        List.of("digital-twin", "non-adaptive")));
    Table steps = new Table(TwinsimTables.STEPS);
    for (int i = 0; i < 400; i++) {
      steps.addAll(RunFixtures.gpuSteps(i % 3, 0));
    }
    f.part("steps", "base", "part-r0000.parquet", steps);
    f.manifest("bad-steps", 3, 0, List.of("mode: capacity"));
    Path part = run.resolve("steps/variant=base/part-r0000.parquet");
    byte[] good = Files.readAllBytes(part);
    for (Function<byte[], byte[]> damage : List.<Function<byte[], byte[]>>of(
        b -> java.util.Arrays.copyOf(b, b.length / 2),
        b -> {
          byte[] c = b.clone();
          for (int i = 4; i < Math.min(c.length / 3, 400); i++) {
            c[i] = (byte) (c[i] ^ 0x5a);
          }
          return c;
        })) {
      Files.write(part, damage.apply(good));
      refuse(run, part, "corrupt or truncated Parquet part");
    }
    Files.write(part, good);
    Table fewer = new Table(TwinsimTables.STEPS);
    fewer.addAll(RunFixtures.gpuSteps(0, 0));
    ParquetTables.write(part, fewer, Map.of());
    refuse(run, part, "holds 3 rows but manifest.json records 1200");
  }

  @Test
  void rowCountsMustMatchTheManifestAndPartsLieInVariantFolders() throws Exception {
    Path run = small("rows");
    Path part = RunFixtures.firstFractionsPart(run);
    Table t = ParquetTables.read(part);
    Table fewer = new Table(TwinsimTables.FRACTIONS);
    fewer.add(RunFixtures.row(fewer, Map.of("replication", 0, "patient_id", "P0", "fraction", 1, "strategy", "oracle")));
    ParquetTables.write(part, fewer, Map.of());
    refuse(run, part, "holds 1 rows but manifest.json records " + t.size());

    Path run2 = small("stray");
    Path stray = run2.resolve("fractions/elsewhere/part.parquet");
    ParquetTables.write(stray, fewer, Map.of());
    refuse(run2, stray, "part outside a variant folder");

    Path run3 = small("txt");
    Path txt = Files.writeString(run3.resolve("fractions/variant=base/notes.txt"), "hello");
    refuse(run3, txt, "unexpected file in table folder fractions");
  }
}
