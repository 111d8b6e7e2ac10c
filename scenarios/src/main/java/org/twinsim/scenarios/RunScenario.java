package org.twinsim.scenarios;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.html.ScenarioFacts;
import org.twinsim.reports.manifest.RunManifest;

/**
 * Finds the scenario a run was made from, for the report: the manifest records where it came from
 * ({@code catalog:capacity-4rooms}, a file path, or for a sweep that followed by its
 * {@code PATH=V1,V2} axes) and the SHA-256 of its text. The scenario is used only if its text today
 * has that same hash, so a report never mixes a run with a scenario edited since.
 */
public final class RunScenario {
  private RunScenario() {
  }

  /**
   * What the report needs of the run's scenario (its start target), or why it is not known.
   *
   * @param m the run's manifest
   */
  public static ScenarioFacts facts(ScenarioLoader loader, RunManifest m) {
    String source = m.scenarioSource();
    if (source == null || source.isBlank()) {
      return new ScenarioFacts(null, "the manifest does not say where the scenario came from");
    }
    boolean changed = false;
    for (String candidate : candidates(source)) {
      LoadedScenario s;
      try {
        s = loader.load(candidate.startsWith("catalog:") ? candidate.substring("catalog:".length()) : candidate);
      } catch (ScenarioException | RuntimeException e) {
        continue;
      }
      if (!sha256(s.text()).equalsIgnoreCase(String.valueOf(m.scenarioSha256()))) {
        changed = true;
        continue;
      }
      Scenario sc = s.scenario();
      Integer target = sc.arrivals() == null ? null : sc.arrivals().targetStartDays();
      return new ScenarioFacts(target, "read from " + s.source() + ", the text the run's manifest hashes");
    }
    return new ScenarioFacts(null, changed
        ? "scenario " + source + " has changed since the run (its SHA-256 differs from the manifest's)"
        : "scenario " + source + " not found from here");
  }

  /** The source, then each prefix ending before a space, longest first (a sweep appends its axes). */
  static List<String> candidates(String source) {
    List<String> out = new ArrayList<>();
    out.add(source.strip());
    for (int i = source.length() - 1; i > 0; i--) {
      if (source.charAt(i) == ' ' && !source.substring(0, i).isBlank()) {
        out.add(source.substring(0, i).strip());
      }
    }
    return out;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
