package org.twinsim.scenarios;

/** A scenario that cannot be read or is invalid; the message is one line naming the file, the field path and what was expected. */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
