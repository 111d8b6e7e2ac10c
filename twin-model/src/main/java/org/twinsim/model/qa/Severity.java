package org.twinsim.model.qa;

/** Graded alert severity: information only, physicist review the same day, or hold treatment. */
public enum Severity {
  INFO, REVIEW, HOLD;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
