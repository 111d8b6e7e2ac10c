package org.twinsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.twinsim.scenarios.ScenarioException;
import picocli.CommandLine;

/**
 * Entry point of the {@code twinsim} command line. Exit codes: 0 success, 1 failure while running,
 * 2 bad usage or invalid input (one line on standard error naming what was wrong).
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug") || System.getenv("TWINSIM_DEBUG") != null;
    String[] a = java.util.Arrays.stream(args).filter(x -> !x.equals("--debug")).toArray(String[]::new);
    CommandLine cl = new CommandLine(new TwinsimCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      if (ex instanceof ScenarioException) {
        err.println("twinsim: " + ex.getMessage());
        err.flush();
        return 2;
      }
      if (ex instanceof IOException) {
        err.println("twinsim: " + ex.getMessage());
        if (debug) {
          ex.printStackTrace(err);
        }
        err.flush();
        return 1;
      }
      err.println("twinsim: internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
      if (debug) {
        ex.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    return cl.execute(a);
  }
}
