package org.twinsim.engine.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twinsim.model.param.InvalidParameterException;

/**
 * A treatment room (gantry) and its daily opening hours.
 *
 * @param name room name
 * @param hours opening hours as "HH:MM-HH:MM" (default "07:30-18:00")
 */
public record Room(String name, String hours) {
  private static final Pattern HOURS = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

  public Room {
    if (name == null || name.isBlank()) {
      throw new InvalidParameterException("name", "expected a room name");
    }
    hours = hours == null ? "07:30-18:00" : hours.strip();
    parseHours("hours", hours);
  }

  /** Parses "HH:MM-HH:MM" into {openS, closeS}; throws naming {@code field} if malformed. */
  static double[] parseHours(String field, String hours) {
    Matcher m = HOURS.matcher(hours.strip());
    if (!m.matches()) {
      throw new InvalidParameterException(field, "expected hours as HH:MM-HH:MM, got '" + hours + "'");
    }
    int open = minutes(m.group(1), m.group(2));
    int close = minutes(m.group(3), m.group(4));
    if (open < 0 || close < 0 || close <= open) {
      throw new InvalidParameterException(field, "expected a valid time range with closing after opening, got '" + hours + "'");
    }
    return new double[] {60.0 * open, 60.0 * close};
  }

  private static int minutes(String h, String m) {
    int hh = Integer.parseInt(h);
    int mm = Integer.parseInt(m);
    if (hh > 24 || mm > 59 || (hh == 24 && mm > 0)) {
      return -1;
    }
    return hh * 60 + mm;
  }

  /** Opening time, s since midnight. */
  public double openS() {
    return parseHours("hours", hours)[0];
  }

  /** Closing time, s since midnight. */
  public double closeS() {
    return parseHours("hours", hours)[1];
  }
}
