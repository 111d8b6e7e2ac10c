package org.twinsim.model.dicom;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The study-level identity shared by all exports of one patient (planning CT, structures, doses,
 * CBCTs): DICOM requires the General Study attributes to agree across all instances of a study
 * (checked by dicom3tools' dcentvfy).
 *
 * @param pseudonym the patient's pseudonym
 * @param studyInstanceUid Study Instance UID
 * @param frameOfReferenceUid the planning CT's Frame of Reference UID
 * @param studyDateTime Study Date and Study Time
 * @param studyDescription Study Description
 */
public record StudyReference(Pseudonym pseudonym, String studyInstanceUid, String frameOfReferenceUid,
                             LocalDateTime studyDateTime, String studyDescription) {
  public StudyReference {
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(studyDateTime, "studyDateTime");
    if (!DicomUids.isValid(studyInstanceUid) || !DicomUids.isValid(frameOfReferenceUid)) {
      throw new IllegalArgumentException("study and frame of reference UIDs must be valid UIDs");
    }
    if (studyDescription == null || studyDescription.length() > 64) {
      throw new IllegalArgumentException("studyDescription must be at most 64 characters");
    }
  }
}
