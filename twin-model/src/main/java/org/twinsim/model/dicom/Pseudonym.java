package org.twinsim.model.dicom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A patient pseudonym: the only patient identifier twinsim writes into exports, reports and
 * messages.
 *
 * <p>For an imported patient it is {@code "TS-"} followed by the first 10 hexadecimal digits of
 * SHA-256 over {@code salt + '\n' + PatientID + '\n' + PatientName} (both trimmed; PatientName in
 * its DICOM form, e.g. {@code DOE^JANE}), so the same patient always gets the same pseudonym and
 * courses can be linked across imports. This is pseudonymisation, not anonymisation: with the
 * public {@link #PROJECT_SALT}, whoever knows a Patient ID can recompute its pseudonym. A site
 * that needs more passes its own secret salt ({@link #of(String, String, String)}).
 * 10 hex digits (40 bits) make a collision within a cohort of 10,000 patients unlikely
 * (probability about 5e-5).
 *
 * <p>A virtual patient's pseudonym is chosen by the generator (e.g. {@code VP-0007}); any value of
 * 1 to 64 characters from {@code [A-Za-z0-9._-]} is accepted, which is valid in PN and LO
 * attributes and in file names.
 *
 * @param value the pseudonym, written as Patient's Name and Patient ID
 */
public record Pseudonym(String value) {
  /** The fixed salt of twinsim's default pseudonyms (version 1). */
  public static final String PROJECT_SALT = "twinsim-pseudonym-v1";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public Pseudonym {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("pseudonym must be 1 to 64 characters from [A-Za-z0-9._-], got "
          + (value == null ? "null" : "a value of " + value.length() + " characters"));
    }
  }

  /** The pseudonym of a real patient with the project salt. */
  public static Pseudonym of(String patientId, String patientName) {
    return of(patientId, patientName, PROJECT_SALT);
  }

  /** The pseudonym of a real patient with a site-specific salt. */
  public static Pseudonym of(String patientId, String patientName, String salt) {
    String text = salt + '\n' + clean(patientId) + '\n' + clean(patientName);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return new Pseudonym("TS-" + HexFormat.of().formatHex(h).substring(0, 10));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String clean(String s) {
    return s == null ? "" : s.trim();
  }

  @Override
  public String toString() {
    return value;
  }
}
