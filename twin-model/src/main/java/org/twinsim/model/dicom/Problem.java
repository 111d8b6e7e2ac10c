package org.twinsim.model.dicom;

import java.nio.file.Path;

/**
 * One reason an import fails: the file it concerns (null for the folder as a whole) and what is
 * wrong, in words for the user. Thrown as {@link Failure} inside the importer, collected, and
 * reported together in one {@link DicomImportException}.
 */
record Problem(Path file, String message) {

  /** An unchecked carrier of a {@link Problem}, so that parsing code deep down can give up. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Problem problem;

    Failure(Path file, String message) {
      super(message, null, false, false);
      this.problem = new Problem(file, message);
    }
  }

  static Failure fail(Path file, String message) {
    return new Failure(file, message);
  }
}
