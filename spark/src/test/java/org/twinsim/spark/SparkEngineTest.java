package org.twinsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.cli.Main;
import org.twinsim.engine.run.IncompleteRunException;
import org.twinsim.engine.run.LocalRunner;
import org.twinsim.engine.run.RunLedger;
import org.twinsim.engine.run.RunOptions;
import org.twinsim.engine.run.RunResult;
import org.twinsim.engine.run.Variant;
import org.twinsim.engine.run.WorkUnit;
import org.twinsim.scenarios.ScenarioLoader;
import org.twinsim.scenarios.Sweep;

/**
 * The Spark engine on local[2] against the local engine, on the same small sweeps (geometric
 * physics, so a run takes seconds): identical parts and rows in every column not prefixed
 * measured_, each unit exactly once as DuckDB reads the tables, retries that leave one copy, and a
 * unit failing for good named by its coordinates, then finished by --resume.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkEngineTest {
  /** 3 variants x 2 replications x (1 clinic + 3 patient units). */
  private static final String[] COURSE_VARY = {"registration.prostateErrorSdMm=0.5,1,2"};
  /** 2 variants x 2 replications x 3 strategy units. */
  private static final String[] CAPACITY_VARY = {"clinic.gpuServers=1,2"};

  @TempDir
  static Path dir;
  private SparkSession spark;
  private String coursesFile;
  private String capacityFile;
  private Path localCourses;
  private Path localCapacity;

  @BeforeAll
  void start() throws Exception {
    coursesFile = resource("courses-geometric.yaml");
    capacityFile = resource("capacity-month.yaml");
    // one session for the class (Spark starts in seconds); the engine finds and keeps it
    spark = SparkSession.builder().config(SparkRunEngine.conf(SparkSettings.of(Map.of("master", "local[2]")),
        options(dir.resolve("unused")), "twinsim-test")).getOrCreate();
    localCourses = dir.resolve("local-courses");
    new LocalRunner().run(variants(coursesFile, COURSE_VARY), options(localCourses));
    localCapacity = dir.resolve("local-capacity");
    new LocalRunner().run(variants(capacityFile, CAPACITY_VARY), options(localCapacity));
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private Path resourceDir() throws Exception {
    return Path.of(getClass().getResource("courses-geometric.yaml").toURI()).getParent();
  }

  private String resource(String name) throws Exception {
    return resourceDir().resolve(name).toString();
  }

  private static List<Variant> variants(String file, String... vary) throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    List<Sweep.Axis> axes = new ArrayList<>();
    for (String v : vary) {
      axes.add(Sweep.axis(v));
    }
    return Sweep.variants(loader, loader.load(file), axes, null);
  }

  private static RunOptions options(Path out) {
    return new RunOptions(out, false, 2, null, "test", "text", "test", "unknown");
  }

  private static RunOptions options(Path out, Map<String, String> settings) {
    return options(out).withEngineSettings(settings);
  }

  private static void assertSameRows(Path expected, Path actual) throws Exception {
    for (String line : RunTables.compare(expected, actual)) {
      assertFalse(line.contains("DIFFERENT"), line);
    }
    assertEquals(RunTables.tables(expected), RunTables.tables(actual));
  }

  /** Every unit table: DuckDB reads the expected rows, each key once, and nothing else is in the folder. */
  private static void assertExactlyOnce(Path run, Map<String, Long> expectedRows) throws Exception {
    for (Map.Entry<String, Long> e : expectedRows.entrySet()) {
      long[] n = RunTables.duckCount(run, e.getKey());
      assertEquals(e.getValue(), n[0], e.getKey() + " rows");
      assertEquals(n[0], n[1], e.getKey() + ": a key appears more than once");
    }
    try (Stream<Path> s = Files.walk(run)) {
      List<Path> stray = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")
          && !p.getFileName().toString().equals("manifest.json")).toList();
      assertEquals(List.of(), stray, "files other than parts and the manifest");
    }
    try (Stream<Path> s = Files.list(run.getParent())) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("." + run.getFileName())).toList(),
          "partial folder or lock left next to the run");
    }
  }

  private static Map<String, Long> courseCounts() {
    // 3 variants x 2 replications x 3 patients x 5 fractions x 4 strategies
    return Map.of("fractions", 360L, "courses", 72L);
  }

  @Test
  void courseSweepOnSparkGivesTheLocalEnginesRows() throws Exception {
    Path out = dir.resolve("spark-courses");
    SparkRunEngine engine = new SparkRunEngine();
    RunResult r = engine.run(variants(coursesFile, COURSE_VARY), options(out, Map.of()));
    assertEquals(24, engine.lastStats().units());
    assertEquals("spark", r.manifest().engine());
    assertSameRows(localCourses, out);
    RunResult local = null;
    assertEquals(org.twinsim.reports.manifest.ManifestJson.read(localCourses.resolve("manifest.json")).tables(),
        r.manifest().tables(), "the manifests list the same parts with the same row counts");
    assertExactlyOnce(out, courseCounts());
    long[] days = RunTables.duckCount(out, "clinic_days");
    assertEquals(days[0], days[1]);
    assertEquals(RunTables.duckCount(localCourses, "steps")[0], RunTables.duckCount(out, "steps")[1]);
    assertTrue(r.sweepSummary() != null && r.sweepSummary().size() > 0);
  }

  @Test
  void capacitySweepOnSparkGivesTheLocalEnginesRows() throws Exception {
    Path out = dir.resolve("spark-capacity");
    SparkRunEngine engine = new SparkRunEngine();
    engine.run(variants(capacityFile, CAPACITY_VARY), options(out, Map.of()));
    assertEquals(12, engine.lastStats().units());
    assertSameRows(localCapacity, out);
    long courses = RunTables.duckCount(localCapacity, "courses")[0];
    assertTrue(courses > 20, "a month of referrals books some courses: " + courses);
    assertExactlyOnce(out, Map.of("courses", courses, "clinic_days", RunTables.duckCount(localCapacity, "clinic_days")[0],
        "steps", RunTables.duckCount(localCapacity, "steps")[0]));
  }

  /** A unit's first attempt fails after writing its first part; Spark's retry leaves one complete copy. */
  @Test
  void retriedUnitsLeaveExactlyOneCopyOfEachPart() throws Exception {
    Path out = dir.resolve("spark-retried");
    List<Variant> vs = variants(coursesFile, COURSE_VARY);
    String patient = vs.get(1).name();
    SparkRunEngine engine = new SparkRunEngine();
    engine.run(vs, options(out, Map.of("inject.failOnce", "variant=" + patient + " replication=1 patient=2;variant="
        + patient + " replication=0 (clinic unit)")));
    assertEquals(2, engine.lastStats().failedAttempts(), "two injected failures, each retried once");
    assertSameRows(localCourses, out);
    assertExactlyOnce(out, courseCounts());
  }

  /**
   * A unit that fails on every attempt: the run names it and every missing unit, writes no
   * manifest and no output folder, keeps the other units' parts; --resume then runs that unit only.
   */
  @Test
  void unitFailingForGoodIsNamedAndResumeRunsOnlyTheMissingUnit() throws Exception {
    Path out = dir.resolve("spark-failed");
    List<Variant> vs = variants(coursesFile, COURSE_VARY);
    String bad = "variant=" + vs.get(2).name() + " replication=1 patient=0";
    SparkRunEngine engine = new SparkRunEngine();
    IncompleteRunException e = assertThrows(IncompleteRunException.class,
        () -> engine.run(vs, options(out, Map.of("inject.failAlways", bad, "attempts", "2"))));
    assertEquals(List.of(bad), e.failures().keySet().stream().map(WorkUnit::label).toList());
    assertTrue(e.failures().values().iterator().next().contains("attempt 2 of 2"), e.failures().toString());
    assertEquals(List.of(bad), e.missing().stream().map(WorkUnit::label).toList());
    assertTrue(e.getMessage().contains("failed: " + bad) && e.getMessage().contains("missing: " + bad), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertFalse(Files.exists(out), "no output folder for an incomplete run");
    Path partial = e.partial();
    assertTrue(Files.readString(partial.resolve(RunLedger.INCOMPLETE_FILE)).contains(bad));
    assertFalse(Files.exists(partial.resolve("manifest.json")));
    // the injected failure struck after the unit's first part: the half unit is on disk, its second part is not
    String fractions = "fractions/variant=" + vs.get(2).name() + "/part-r0001-p00000.parquet";
    String courses = "courses/variant=" + vs.get(2).name() + "/part-r0001-p00000.parquet";
    assertTrue(Files.exists(partial.resolve(fractions)));
    assertFalse(Files.exists(partial.resolve(courses)));
    Path untouched = partial.resolve("fractions/variant=" + vs.get(0).name() + "/part-r0000-p00001.parquet");
    Object before = Files.readAttributes(untouched, "unix:ino");

    RunResult r = engine.run(vs, options(out, Map.of()).withResume(true));
    assertEquals(1, engine.lastStats().units(), "only the missing unit runs again");
    assertEquals(before, Files.readAttributes(out.resolve("fractions/variant=" + vs.get(0).name() + "/part-r0000-p00001.parquet"),
        "unix:ino"), "a complete unit's part is kept, not rewritten");
    assertTrue(r.manifest().notes().stream().anyMatch(n -> n.startsWith("resumed: 23 of 24 units")), r.manifest().notes().toString());
    assertSameRows(localCourses, out);
    assertExactlyOnce(out, courseCounts());
  }

  /** The command line: exit code 1, the failed unit and the missing units on standard error. */
  @Test
  void commandLineExitsNonZeroNamingTheMissingUnits() throws Exception {
    Path out = dir.resolve("cli-failed");
    String bad = "variant=gpuServers-2 replication=0 strategy=online-replan";
    StringWriter err = new StringWriter();
    StringWriter std = new StringWriter();
    int rc = Main.execute(new String[] {"sweep", capacityFile, "--vary", CAPACITY_VARY[0], "--out", out.toString(), "-q",
        "--engine", "spark", "--master", "local[2]", "--engine-conf", "inject.failAlways=" + bad, "--engine-conf", "attempts=1"},
        new PrintWriter(std, true), new PrintWriter(err, true));
    assertEquals(1, rc, err.toString());
    assertTrue(err.toString().contains("failed: " + bad) && err.toString().contains("missing: " + bad), err.toString());
    assertTrue(err.toString().contains("1 of 12 units missing"), err.toString());
    assertFalse(Files.exists(out));

    rc = Main.execute(new String[] {"sweep", capacityFile, "--vary", CAPACITY_VARY[0], "--out", out.toString(), "-q",
        "--engine", "spark", "--resume"}, new PrintWriter(std, true), new PrintWriter(err, true));
    assertEquals(0, rc, err.toString());
    assertSameRows(localCapacity, out);
  }
}
