package org.twinsim.model.registration;

import java.io.PrintStream;
import java.util.Locale;
import org.twinsim.model.geometry.Grid3;

/**
 * Observer of a registration's progress (ITK's iteration events): the command line turns it into a
 * progress bar, the report into a convergence plot. Callbacks come from the registering thread,
 * in order; they must be cheap. Every method has an empty default.
 */
public interface RegistrationListener {
  /** A listener that ignores everything. */
  RegistrationListener NONE = new RegistrationListener() {
  };

  /** A level starts ({@code level} counts down to 0, the finest). */
  default void levelStarted(String method, int level, int levels, Grid3 grid) {
  }

  /**
   * One iteration finished.
   *
   * @param metric the metric before this iteration's update (mean squared difference, HU^2)
   * @param updateRmsMm root-mean-square length of this iteration's update over the overlap, mm
   */
  default void iteration(String method, int level, int iteration, double metric, double updateRmsMm) {
  }

  /** A level finished. */
  default void levelFinished(LevelReport report) {
  }

  /** A listener that prints one line per level (and nothing per iteration) to {@code out}. */
  static RegistrationListener printing(PrintStream out) {
    return new RegistrationListener() {
      @Override
      public void levelFinished(LevelReport report) {
        out.println(report);
      }
    };
  }

  /** A listener that prints every iteration's metric (for debugging convergence). */
  static RegistrationListener verbose(PrintStream out) {
    return new RegistrationListener() {
      @Override
      public void iteration(String method, int level, int iteration, double metric, double updateRmsMm) {
        out.printf(Locale.ROOT, "%s L%d it %3d metric %.2f update %.4f mm%n", method, level, iteration, metric, updateRmsMm);
      }

      @Override
      public void levelFinished(LevelReport report) {
        out.println(report);
      }
    };
  }
}
