package org.twinsim.model.dicom;

/**
 * Options of {@link DicomImport#read(java.nio.file.Path, ImportOptions)}.
 *
 * @param ctSeriesInstanceUid the CT series to import when the folder holds several, or null
 *     (then exactly one CT series must be present)
 * @param structureSetSopInstanceUid the RT Structure Set to use when the folder holds several, or
 *     null (then at most one may be present)
 * @param pseudonymSalt the salt of the patient pseudonym (default {@link Pseudonym#PROJECT_SALT};
 *     a site secret makes pseudonyms unlinkable by outsiders)
 */
public record ImportOptions(String ctSeriesInstanceUid, String structureSetSopInstanceUid, String pseudonymSalt) {
  public ImportOptions {
    if (pseudonymSalt == null || pseudonymSalt.isEmpty()) {
      throw new IllegalArgumentException("pseudonymSalt must not be empty");
    }
  }

  public static ImportOptions defaults() {
    return new ImportOptions(null, null, Pseudonym.PROJECT_SALT);
  }

  public ImportOptions withCtSeries(String seriesInstanceUid) {
    return new ImportOptions(seriesInstanceUid, structureSetSopInstanceUid, pseudonymSalt);
  }

  public ImportOptions withStructureSet(String sopInstanceUid) {
    return new ImportOptions(ctSeriesInstanceUid, sopInstanceUid, pseudonymSalt);
  }
}
