package org.twinsim.scenarios;

import org.twinsim.engine.scenario.Scenario;

/**
 * A scenario as loaded: the validated model, where it came from and its text (hashed into the run
 * manifest).
 */
public record LoadedScenario(Scenario scenario, String source, String text) {
}
