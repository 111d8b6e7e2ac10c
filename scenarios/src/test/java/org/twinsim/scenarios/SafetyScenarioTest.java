package org.twinsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.engine.scenario.Scenario;

/** The scenario's safety section: defaults, and bad settings named by file and field path. */
class SafetyScenarioTest {
  private static final String HEAD = "name: s\nphysics: {mode: geometric}\n";

  private static String error(String yaml) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(HEAD + yaml, "my.yaml"));
    return e.getMessage();
  }

  @Test
  void absentIsOffAndPresentTakesDefaults() throws Exception {
    ScenarioLoader l = new ScenarioLoader();
    assertNull(l.parse(HEAD, "a.yaml").safety());
    Scenario s = l.parse(HEAD + "safety: {anomalies: [{kind: gross-setup, perFraction: 0.1}]}\n", "a.yaml");
    assertTrue(s.safetyOn());
    assertEquals(4.5, s.safety().detector("couch").holdScore());
    assertEquals(3.5, s.safety().detector("position").reviewScore());
    assertEquals(5.0, s.safety().anomalies().get(0).minMm());
    assertEquals(10.0, s.safety().anomalies().get(0).maxMm());
    assertEquals("safety-study", l.loadCatalog("safety-study").scenario().name());
  }

  @Test
  void negativeThresholdNamesTheField() {
    String m = error("safety: {detectors: {position: {holdScore: -1}}}\n");
    assertTrue(m.startsWith("my.yaml: "), m);
    assertTrue(m.contains("safety.detectors.position.holdScore"), m);
    assertTrue(m.contains("positive"), m);
  }

  @Test
  void holdBelowReviewIsAnError() {
    String m = error("safety: {detectors: {couch: {reviewScore: 5, holdScore: 4}}}\n");
    assertTrue(m.contains("safety.detectors.couch.holdScore"), m);
  }

  @Test
  void unknownDetectorNamesTheKnownOnes() {
    String m = error("safety: {detectors: {cusum: {holdScore: 4}}}\n");
    assertTrue(m.contains("safety.detectors.cusum"), m);
    assertTrue(m.contains("[couch, position]"), m);
  }

  @Test
  void unknownAnomalyKind() {
    String m = error("safety:\n  anomalies:\n    - {kind: alien-abduction, perFraction: 0.1}\n");
    assertTrue(m.contains("safety.anomalies[0].kind"), m);
    assertTrue(m.contains("gross-setup"), m);
  }

  @Test
  void unknownImagingPolicy() {
    String m = error("safety:\n  imaging: {policy: sometimes}\n");
    assertTrue(m.contains("safety.imaging.policy"), m);
    assertTrue(m.contains("twin-guided"), m);
  }

  @Test
  void kvPairThresholdAboveTheLowDoseOne() {
    String m = error("safety:\n  imaging: {policy: twin-guided, lowDoseBelowMm: 3, kvPairBelowMm: 4}\n");
    assertTrue(m.contains("safety.imaging.kvPairBelowMm"), m);
  }

  @Test
  void imagingCatalogScenarioLoads() throws Exception {
    var s = new ScenarioLoader().loadCatalog("imaging-study").scenario();
    assertTrue(!s.safety().imaging().isDailyCbct());
  }

  @Test
  void rateOutsideTheUnitInterval() {
    String m = error("safety:\n  anomalies:\n    - {kind: gross-setup, perFraction: 1.5}\n");
    assertTrue(m.contains("safety.anomalies[0].perFraction"), m);
    m = error("safety:\n  anomalies:\n    - {kind: gross-setup, perCourse: -0.1}\n");
    assertTrue(m.contains("safety.anomalies[0].perCourse"), m);
    m = error("safety:\n  anomalies:\n    - {kind: gross-setup}\n");
    assertTrue(m.contains("safety.anomalies[0].perFraction"), m);
  }

  @Test
  void unknownKeyInTheSection() {
    String m = error("safety: {anomalys: []}\n");
    assertTrue(m.contains("unknown key 'anomalys'"), m);
  }

  @Test
  void fullPhysicsRunsTheDetectorsInMonitorModeOnly() throws Exception {
    Scenario s = new ScenarioLoader().parse("name: s\nsafety: {}\n", "f.yaml");
    assertTrue(s.safetyOn() && s.physics().isFull());
    ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(
        "name: s\nsafety: {anomalies: [{kind: gross-setup, perFraction: 0.1}]}\n", "f.yaml"));
    assertTrue(e.getMessage().contains("safety.anomalies") && e.getMessage().contains("geometric"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(
        "name: s\nsafety: {imaging: {policy: twin-guided}}\n", "f.yaml"));
    assertTrue(e.getMessage().contains("safety.imaging.policy"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(
        "name: s\nmode: capacity\nsafety: {}\n", "f.yaml"));
    assertTrue(e.getMessage().contains("safety"), e.getMessage());
  }
}
