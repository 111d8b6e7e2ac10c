package org.twinsim.model.dicom;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences PixelMed's own logging. On a Debian classpath PixelMed logs through slf4j to
 * java.util.logging and prints stack traces of recoverable parse problems to stderr; the importer
 * reports problems itself, in words, so the "com.pixelmed" logger is switched off (a strong
 * reference keeps the setting alive). Without slf4j on the classpath PixelMed falls back to
 * printing errors on stderr, which no setting turns off: there, {@link DicomStructure}'s checks
 * before parsing keep PixelMed from meeting most damaged input.
 */
final class PixelMedSetup {
  private static final Logger PIXELMED = Logger.getLogger("com.pixelmed");

  static {
    PIXELMED.setLevel(Level.OFF);
  }

  private PixelMedSetup() {
  }

  /** Idempotent; runs the static initialiser. */
  static void init() {
    // class initialisation does the work
  }
}
