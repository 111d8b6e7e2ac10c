package org.twinsim.cli;

import picocli.CommandLine.Command;

/** The {@code twinsim} command and its subcommands. */
@Command(name = "twinsim", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "Discrete-event simulation and validation testbed for a digital twin of adaptive proton therapy of the prostate.",
    subcommands = {RunCommand.class, SweepCommand.class, ReportCommand.class, ScenariosCommand.class,
        ValidateCommand.class, ImportDicomCommand.class, ExportDicomCommand.class, BenchCommand.class,
        FitTimingCommand.class})
final class TwinsimCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
