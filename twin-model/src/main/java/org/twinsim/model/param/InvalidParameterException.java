package org.twinsim.model.param;

/**
 * A parameter outside its valid range, naming the field (relative path such as
 * {@code systematicMm.lr}) and what was expected, so that a scenario loader can prefix the path
 * of the enclosing object and report {@code anatomy.prostate.systematicMm.lr: expected ...}.
 */
public class InvalidParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidParameterException(String field, String expected) {
    super(field + ": " + expected);
    this.field = field;
  }

  /** The field path relative to the object that rejected it. */
  public String field() {
    return field;
  }

  /** What was expected, without the field name. */
  public String expected() {
    String m = getMessage();
    return m.substring(Math.min(m.length(), field.length() + 2));
  }

  /** Throws unless {@code value} is finite and > 0. */
  public static double positive(String field, Double value) {
    if (value == null || !(value > 0) || value.isInfinite()) {
      throw new InvalidParameterException(field, "expected a positive number, got " + value);
    }
    return value;
  }

  /** Throws unless {@code value} is finite and >= 0. */
  public static double nonNegative(String field, Double value) {
    if (value == null || !(value >= 0) || value.isInfinite()) {
      throw new InvalidParameterException(field, "expected a number >= 0, got " + value);
    }
    return value;
  }

  /** Throws unless {@code lo <= value <= hi}. */
  public static double inRange(String field, Double value, double lo, double hi) {
    if (value == null || !(value >= lo && value <= hi)) {
      throw new InvalidParameterException(field, "expected a number in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /** Throws unless {@code value >= min}. */
  public static int atLeast(String field, Integer value, int min) {
    if (value == null || value < min) {
      throw new InvalidParameterException(field, "expected an integer >= " + min + ", got " + value);
    }
    return value;
  }
}
