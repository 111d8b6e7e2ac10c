package org.twinsim.reports.run;

import java.nio.file.Path;

/**
 * A folder that cannot be reported on: missing, not a twinsim run, or holding an unreadable part.
 * The message is one line naming the path and the problem.
 */
public final class InvalidRunException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Path path;
  private final String problem;

  public InvalidRunException(Path path, String problem) {
    this(path, problem, null);
  }

  public InvalidRunException(Path path, String problem, Throwable cause) {
    super(path + ": " + oneLine(problem), cause);
    this.path = path;
    this.problem = oneLine(problem);
  }

  /** The file or folder at fault. */
  public Path path() {
    return path;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }

  static String oneLine(String s) {
    if (s == null) {
      return "unknown problem";
    }
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
