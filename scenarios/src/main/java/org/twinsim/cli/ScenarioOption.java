package org.twinsim.cli;

import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioException;
import org.twinsim.scenarios.ScenarioLoader;

/** Resolves the SCENARIO argument shared by several commands. */
final class ScenarioOption {
  private ScenarioOption() {
  }

  static LoadedScenario load(String nameOrPath) throws ScenarioException {
    return new ScenarioLoader().load(nameOrPath == null ? "default" : nameOrPath);
  }
}
