package org.twinsim.model.dicom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes patient identifiers from text that leaves the importer (messages, warnings, names).
 *
 * <p>File and folder names of real exports often carry the patient's name or ID
 * ({@code DOE_JANE/CT.12345678.1.dcm}). Every string the importer returns or throws passes through
 * here: each known Patient ID, each whole Patient's Name and each name component of at least two
 * letters is replaced (case-insensitively; name components only as whole words) by the pseudonym.
 */
final class Redactor {
  private final List<Pattern> patterns;
  private final String replacement;

  private Redactor(List<Pattern> patterns, String replacement) {
    this.patterns = patterns;
    this.replacement = Matcher.quoteReplacement(replacement);
  }

  /** A redactor that changes nothing (no identity known). */
  static Redactor none() {
    return new Redactor(List.of(), "");
  }

  /**
   * A redactor for the identities seen in the input.
   *
   * @param patientIds Patient ID values (blank ones ignored)
   * @param patientNames Patient's Name values in DICOM form (components separated by ^)
   * @param replacement what each occurrence becomes (the pseudonym)
   */
  static Redactor of(Collection<String> patientIds, Collection<String> patientNames, String replacement) {
    List<String> literal = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String id : patientIds) {
      if (id != null && !id.isBlank()) {
        literal.add(id.trim());
      }
    }
    for (String name : patientNames) {
      if (name == null || name.isBlank()) {
        continue;
      }
      literal.add(name.trim());
      for (String part : name.split("[\\^=\\s,]+")) {
        String p = part.trim();
        if (p.length() >= 2 && p.codePoints().anyMatch(Character::isLetter)) {
          words.add(p);
        }
      }
    }
    List<Pattern> ps = new ArrayList<>();
    literal.sort(Comparator.comparingInt(String::length).reversed());
    for (String l : literal) {
      ps.add(Pattern.compile(Pattern.quote(l), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    words.sort(Comparator.comparingInt(String::length).reversed());
    for (String w : words) {
      ps.add(Pattern.compile("(?<![\\p{L}])" + Pattern.quote(w) + "(?![\\p{L}])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    return new Redactor(ps, replacement);
  }

  String apply(String text) {
    if (text == null) {
      return null;
    }
    String t = text;
    for (Pattern p : patterns) {
      t = p.matcher(t).replaceAll(replacement);
    }
    return t;
  }

  /** Whether {@code text} contains an identifier this redactor knows (case-insensitive). */
  boolean leaks(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Pattern p : patterns) {
      if (p.matcher(lower).find()) {
        return true;
      }
    }
    return false;
  }
}
