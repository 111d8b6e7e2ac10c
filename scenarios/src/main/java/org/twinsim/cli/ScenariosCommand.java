package org.twinsim.cli;

import java.util.concurrent.Callable;
import org.twinsim.scenarios.LoadedScenario;
import org.twinsim.scenarios.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code twinsim scenarios}: the catalog with one-line descriptions. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "List the scenarios shipped with twinsim (any YAML file path works too).")
final class ScenariosCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ScenarioLoader l = new ScenarioLoader();
    for (String n : ScenarioLoader.catalogNames()) {
      LoadedScenario s = l.loadCatalog(n);
      spec.commandLine().getOut().printf("%-12s %s%n", n, s.scenario().description());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
