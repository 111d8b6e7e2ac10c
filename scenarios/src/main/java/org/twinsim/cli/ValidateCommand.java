package org.twinsim.cli;

import java.util.concurrent.Callable;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.scenarios.LoadedScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinsim validate SCENARIO}: load and check a scenario without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "Check a scenario file (or catalog name) and print what it would run.")
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "catalog name or YAML file")
  String scenario;

  @Override
  public Integer call() throws Exception {
    LoadedScenario ls = ScenarioOption.load(scenario);
    Scenario s = ls.scenario();
    if (s.replaysCourses()) {
      spec.commandLine().getOut().printf("%s: valid. %s%n  %d patients x %d fractions x %d strategies %s, "
              + "%d replication(s), seed %d, %d room(s), %d GPU server(s)%n",
          ls.source(), s.description(), s.cohort().patients(), s.fractionation().fractions(), s.strategies().size(),
          s.strategyNames(), s.replications(), s.seed(), s.clinic().rooms().size(), s.clinic().gpuServers());
    } else {
      spec.commandLine().getOut().printf("%s: valid. %s%n  %s mode: %d days x %d strategies %s, %d replication(s), "
              + "seed %d, %d room(s), %d GPU server(s)%n",
          ls.source(), s.description(), s.mode(), s.horizonDays(), s.strategies().size(), s.strategyNames(),
          s.replications(), s.seed(), s.clinic().rooms().size(), s.clinic().gpuServers());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
