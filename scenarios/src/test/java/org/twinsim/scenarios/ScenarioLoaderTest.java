package org.twinsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.timing.StepKind;

class ScenarioLoaderTest {
  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void everyCatalogScenarioLoads() throws Exception {
    assertTrue(ScenarioLoader.catalogNames().contains("default"));
    for (String n : ScenarioLoader.catalogNames()) {
      LoadedScenario s = loader.loadCatalog(n);
      assertEquals(n, s.scenario().name());
      assertFalse(s.scenario().description().isBlank(), n + " needs a description");
    }
  }

  @Test
  void defaultScenarioIsTheSeedStudy() throws Exception {
    Scenario s = loader.load("default").scenario();
    assertEquals(10, s.cohort().patients());
    assertEquals(28, s.fractionation().fractions());
    assertEquals(2.5, s.fractionation().doseGy());
    assertEquals(4, s.strategies().size());
    assertEquals(2, s.clinic().rooms().size());
    assertEquals(1.9, s.anatomy().prostate().systematicMm().si());
    assertEquals(LocalDate.of(2026, 4, 3), s.fractionation().holidays().get(0));
  }

  @Test
  void minimalFileTakesDefaultsAndShortForms(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, "name: tiny\nstrategies: [digital-twin, oracle]\nfractionation: {treatmentDays: [mon, Wednesday, FRI]}\n");
    Scenario s = loader.load(f.toString()).scenario();
    assertEquals(10, s.cohort().patients());
    assertEquals(2, s.strategies().size());
    assertEquals(20, s.strategies().get(0).slotMinutes());
    assertEquals(java.util.List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), s.fractionation().treatmentDays());
    assertEquals(300, s.timing().of(StepKind.SETUP).mean(), 1e-9);
  }

  /** Each broken file gives one line naming the file, the field path and what was expected. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "name: x\\nclinic:\\n  rooms:\\n    - {name: A, hours: '08:00-17:00'}\\n    - {name: B, hourz: '08:00-17:00'}\\n"
          + "| clinic.rooms[1]: unknown key 'hourz'",
      "name: x\\nclinic:\\n  rooms:\\n    - {name: A}\\n    - {name: B, hours: '18:00-08:00'}\\n"
          + "| clinic.rooms[1].hours: expected a valid time range",
      "name: x\\ncohort: {patients: -3}\\n| cohort.patients: expected an integer >= 1, got -3",
      "name: x\\ncohort: {patients: ten}\\n| cohort.patients: expected an integer",
      "name: x\\ncohort: {patients: 2.5}\\n| cohort.patients: expected an integer",
      "name: x\\nstrategies: [digital-twin, magic]\\n| strategies[1]: expected a strategy, one of",
      "name: x\\ntiming: {steps: {setup: {dist: lognormal, meanS: 300}}}\\n| timing.steps.setup.sdS: expected a positive number",
      "name: x\\ntiming: {steps: {coffee: {dist: constant, meanS: 3}}}\\n| timing.steps.coffee: unknown step",
      "name: x\\nfractionation: {startDate: 2026-13-45}\\n| fractionation.startDate: expected a date",
      "name: x\\nanatomy: {prostate: {systematicMm: {lr: 1, si: -2, ap: 1}}}\\n| anatomy.prostate.systematicMm.si: expected a number >= 0",
      "name: x\\ncohort: {patients: 3\\n| not valid YAML",
      "name: x\\nname: y\\n| not valid YAML",
      "description: no name\\n| name: expected a short name",
      "- just\\n- a list\\n| top level: expected a mapping of keys"})
  void brokenFilesGiveOneClearLine(String yaml, String expected, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, yaml.replace("\\n", "\n"));
    ScenarioException e = assertThrows(ScenarioException.class, () -> loader.load(f.toString()));
    String m = e.getMessage();
    assertTrue(m.startsWith(f.toString() + ": "), m);
    assertTrue(m.contains(expected.strip()), "expected '" + expected.strip() + "' in: " + m);
    assertEquals(1, m.lines().count(), m);
  }

  @Test
  void missingFileAndFolderAreNamed(@TempDir Path dir) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> loader.load(dir.resolve("nope.yaml").toString()));
    assertTrue(e.getMessage().endsWith("nope.yaml: no such file"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> loader.load("no-such-catalog-entry"));
    assertTrue(e.getMessage().contains("no such scenario in the catalog"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> loader.load(dir.toString() + "/"));
    assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
  }

  @Test
  void binaryAndEmptyFilesAreRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bin.yaml");
    Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertTrue(assertThrows(ScenarioException.class, () -> loader.load(f.toString())).getMessage().contains("not UTF-8"));
    Files.writeString(f, "\n# only a comment\n");
    assertTrue(assertThrows(ScenarioException.class, () -> loader.load(f.toString())).getMessage().contains("empty"));
  }
}
