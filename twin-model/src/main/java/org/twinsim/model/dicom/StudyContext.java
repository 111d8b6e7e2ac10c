package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;

/**
 * What all instances of one exported study share: the pseudonymous Patient module, the General
 * Study module, General Equipment and the SOP Common basics (PS3.3 C.7.1.1, C.7.2.1, C.7.5.1,
 * C.12.1). Study-level values come from the {@link StudyReference}; instance-level dates from the
 * options.
 */
record StudyContext(StudyReference study, ExportOptions options) {
  static final String MANUFACTURER = "twinsim";
  static final String SOFTWARE_VERSION = "0.1.0";
  /** De-identification Method of twinsim's exports; an import that finds it keeps the pseudonym. */
  static final String DEIDENTIFICATION_METHOD = "twinsim pseudonym (no original identifiers)";

  /** Puts SOP Common, Patient, General Study and General Equipment attributes. */
  void putCommon(AttributeList l, String sopClassUid, String sopInstanceUid) {
    var t = options.dateTime();
    DicomValues.put(l, Tags.SOPClassUID, sopClassUid);
    DicomValues.put(l, Tags.SOPInstanceUID, sopInstanceUid);
    DicomValues.put(l, Tags.InstanceCreationDate, DicomValues.date(t));
    DicomValues.put(l, Tags.InstanceCreationTime, DicomValues.time(t));
    // Patient module: the pseudonym only; type 2 attributes present but empty.
    DicomValues.put(l, Tags.PatientName, study.pseudonym().value());
    DicomValues.put(l, Tags.PatientID, study.pseudonym().value());
    DicomValues.put(l, Tags.PatientBirthDate);
    DicomValues.put(l, Tags.PatientSex);
    DicomValues.put(l, Tags.PatientIdentityRemoved, "YES");
    DicomValues.put(l, Tags.DeidentificationMethod, DEIDENTIFICATION_METHOD);
    // General Study module
    DicomValues.put(l, Tags.StudyInstanceUID, study.studyInstanceUid());
    DicomValues.put(l, Tags.StudyDate, DicomValues.date(study.studyDateTime()));
    DicomValues.put(l, Tags.StudyTime, DicomValues.time(study.studyDateTime()));
    DicomValues.put(l, Tags.ReferringPhysicianName);
    DicomValues.put(l, Tags.StudyID, "1");
    DicomValues.put(l, Tags.AccessionNumber);
    DicomValues.put(l, Tags.StudyDescription, study.studyDescription());
    // General Equipment module
    DicomValues.put(l, Tags.Manufacturer, MANUFACTURER);
    DicomValues.put(l, Tags.ManufacturerModelName, "twinsim testbed");
    DicomValues.put(l, Tags.SoftwareVersions, SOFTWARE_VERSION);
  }

  String studyInstanceUid() {
    return study.studyInstanceUid();
  }

  /** Puts the series-level attributes shared by image and RT series. */
  void putSeries(AttributeList l, String modality, String seriesInstanceUid, int seriesNumber, String description) {
    var t = options.dateTime();
    DicomValues.put(l, Tags.Modality, modality);
    DicomValues.put(l, Tags.SeriesInstanceUID, seriesInstanceUid);
    DicomValues.putInt(l, Tags.SeriesNumber, seriesNumber);
    DicomValues.put(l, Tags.SeriesDate, DicomValues.date(t));
    DicomValues.put(l, Tags.SeriesTime, DicomValues.time(t));
    DicomValues.put(l, Tags.SeriesDescription, description);
  }
}
