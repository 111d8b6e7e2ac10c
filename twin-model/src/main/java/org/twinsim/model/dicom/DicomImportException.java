package org.twinsim.model.dicom;

import java.util.List;

/**
 * A DICOM folder that cannot be imported. The message names the folder, and for each problem the
 * file (relative to the folder) and what is wrong with it, in words meant for the user; it never
 * contains the patient's name or ID (they are replaced by the pseudonym). Nothing is returned or
 * written when this is thrown.
 */
public class DicomImportException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  DicomImportException(String message, List<String> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Each problem as "file: what is wrong" (or just "what is wrong" for folder-level problems). */
  public List<String> problems() {
    return problems;
  }
}
