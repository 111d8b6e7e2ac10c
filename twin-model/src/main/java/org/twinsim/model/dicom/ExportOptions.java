package org.twinsim.model.dicom;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Options of an export.
 *
 * @param dateTime written as study, series, content and structure-set date and time (default: now,
 *     to the second)
 * @param uids the UID generator (default {@link DicomUids#random()}; {@link DicomUids#derived} for
 *     reproducible files)
 * @param studyDescription Study Description (0008,1030), at most 64 characters (default "twinsim")
 */
public record ExportOptions(LocalDateTime dateTime, DicomUids uids, String studyDescription) {
  public ExportOptions {
    Objects.requireNonNull(dateTime, "dateTime");
    Objects.requireNonNull(uids, "uids");
    if (studyDescription == null || studyDescription.length() > 64) {
      throw new IllegalArgumentException("studyDescription must be at most 64 characters");
    }
  }

  /** Now, random UIDs, description "twinsim". */
  public static ExportOptions defaults() {
    return new ExportOptions(LocalDateTime.now().withNano(0), DicomUids.random(), "twinsim");
  }

  /** Fixed date and UIDs derived from {@code seedText}: byte-identical files on every run. */
  public static ExportOptions reproducible(String seedText, LocalDateTime dateTime) {
    return new ExportOptions(dateTime.withNano(0), DicomUids.derived(seedText), "twinsim");
  }
}
