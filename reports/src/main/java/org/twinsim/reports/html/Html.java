package org.twinsim.reports.html;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML. */
final class Html {
  private Html() {
  }

  /** Escapes text for element content and double-quoted attribute values. */
  static String esc(Object o) {
    if (o == null) {
      return "";
    }
    String s = o.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\u0000' -> b.append('\ufffd');   // NUL marks figures while the page is assembled
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A number with {@code digits} decimals, or an en dash for NaN. */
  static String num(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "\u2013";
  }

  /** "mean ± sd", or an en dash. */
  static String meanSd(double mean, double sd, int digits) {
    if (!Double.isFinite(mean)) {
      return "\u2013";
    }
    return num(mean, digits) + (Double.isFinite(sd) ? " \u00b1 " + num(sd, digits) : "");
  }

  /**
   * "mean ± half-width" with as many decimals as show the half-width to two significant digits (at
   * most 4, at least 0); the mean alone (2 decimals) when there is no interval.
   */
  static String meanCi(double mean, double halfWidth) {
    if (!Double.isFinite(mean)) {
      return "\u2013";
    }
    if (!Double.isFinite(halfWidth)) {
      return num(mean, 2);
    }
    int digits = halfWidth > 0 ? (int) Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(halfWidth)))) : 2;
    return num(mean, digits) + " \u00b1 " + num(halfWidth, digits);
  }

  /** A p-value to 2 significant digits, "< 0.0001" below that. */
  static String p(double p) {
    if (!Double.isFinite(p)) {
      return "\u2013";
    }
    if (p < 1e-4) {
      return "&lt; 0.0001";
    }
    return String.format(Locale.ROOT, "%.2g", p);
  }

  /** A file-name-safe form of a name. */
  static String slug(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
    return t.isEmpty() ? "_" : t;
  }
}
