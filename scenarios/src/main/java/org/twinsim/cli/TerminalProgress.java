package org.twinsim.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.twinsim.engine.run.ProgressListener;

/** A progress bar with ETA on the terminal's standard error; silent when that is not a terminal. */
final class TerminalProgress implements ProgressListener {
  private ProgressBar bar;

  /** A progress listener for the current terminal, or a silent one when not on a terminal. */
  static ProgressListener forConsole(boolean quiet) {
    return quiet || System.console() == null ? ProgressListener.NONE : new TerminalProgress();
  }

  @Override
  public synchronized void start(String phase, long total) {
    finish();
    bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
  }

  @Override
  public synchronized void advance(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  @Override
  public synchronized void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
