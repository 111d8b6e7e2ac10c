package org.twinsim.model.dicom;

import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/**
 * Export of a patient to DICOM: planning CT series, RT Structure Set and RT Dose, and CBCT series
 * of the same study. The entry point the command line calls.
 *
 * <p>Every method writes a new folder atomically (into a hidden temporary sibling that is renamed
 * when complete): after a failure or an interruption the target does not exist. The target must
 * not exist or be an empty folder. Files are DICOM Part 10, Explicit VR Little Endian (an RT
 * Structure Set with a contour longer than 64 KiB is written in Implicit VR Little Endian), and
 * carry only the {@link Pseudonym} as patient identity.
 *
 * <p>Layout of {@link #writePatient}: {@code CT_0001.dcm ... CT_nnnn.dcm} (slice k+1 at z(k)),
 * {@code RTSTRUCT.dcm}, and {@code RTDOSE.dcm} when a dose is given: the folder imports back with
 * {@link DicomImport#read}. {@link #writeCbct} writes {@code CBCT_0001.dcm ...} into its own
 * folder (a second CT series in the planning folder would make the import ambiguous).
 */
public final class DicomExport {
  private DicomExport() {
  }

  /** Planning CT and structures, no dose. */
  public static ExportedPatient writePatient(Path dir, Volume ctHu, LabelMap labels, Pseudonym pseudonym,
                                             ExportOptions options) throws IOException {
    return writePatient(dir, ctHu, labels, null, DoseSummationType.PLAN, pseudonym, options);
  }

  /**
   * Planning CT, structures and (optionally) a dose grid.
   *
   * @param dir the folder to create
   * @param ctHu the planning CT in HU; integer values round-trip exactly ({@link HuEncoding})
   * @param labels structures on the CT grid (each exported with its descendants)
   * @param doseGy dose on its own grid in the same patient coordinates, or null
   * @param summation what the dose sums (PLAN or FRACTION); ignored without dose
   * @param pseudonym the only patient identity written
   * @throws IllegalArgumentException if labels are not on the CT grid, or HU or dose are not finite
   *     (dose also negative)
   */
  public static ExportedPatient writePatient(Path dir, Volume ctHu, LabelMap labels, Volume doseGy,
                                             DoseSummationType summation, Pseudonym pseudonym,
                                             ExportOptions options) throws IOException {
    Objects.requireNonNull(ctHu, "ctHu");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(options, "options");
    labels.grid().requireSame(ctHu.grid(), "DICOM export: label map and CT");
    for (var s : labels.structures()) {
      if (s.name().length() > 64) {
        throw new IllegalArgumentException("structure name longer than 64 characters (ROI Name is LO): " + s.name());
      }
    }
    HuEncoding.choose(ctHu.data()); // validates HU before anything is written
    String frameOfReference = options.uids().next();
    StudyReference ref = new StudyReference(pseudonym, options.uids().next(), frameOfReference,
        options.dateTime(), options.studyDescription());
    StudyContext study = new StudyContext(ref, options);
    return AtomicFolder.write(dir, tmp -> {
      ExportedSeries ct = CtSeriesWriter.write(tmp, ctHu, study, new CtSeriesWriter.Spec(1, "Planning CT", "CT",
          frameOfReference, new String[] {"DERIVED", "SECONDARY"}, null, TransferSyntax.ExplicitVRLittleEndian));
      Path rs = tmp.resolve("RTSTRUCT.dcm");
      String rsUid = RtStructWriter.write(rs, labels, ct, study, 2, TransferSyntax.ExplicitVRLittleEndian);
      Path rd = null;
      String rdUid = null;
      if (doseGy != null) {
        rd = tmp.resolve("RTDOSE.dcm");
        rdUid = RtDoseWriter.write(rd, doseGy, frameOfReference, summation, null, study, 3,
            TransferSyntax.ExplicitVRLittleEndian);
      }
      Path abs = dir.toAbsolutePath().normalize();
      return new ExportedPatient(abs, ref, ct.relocated(tmp, abs), abs.resolve("RTSTRUCT.dcm"), rsUid,
          rd == null ? null : abs.resolve("RTDOSE.dcm"), rdUid);
    });
  }

  /**
   * A CBCT series of an exported patient, in the same study, into its own folder.
   *
   * @param cbctHu the CBCT in HU (fractional values are quantised, see {@link HuEncoding})
   * @param planning what {@link #writePatient} returned for the patient
   * @param frame whether the CBCT shares the planning CT's frame of reference (see
   *     {@link CbctFrameOfReference})
   * @param seriesNumber Series Number, e.g. 100 + fraction number
   * @param description Series Description, e.g. "CBCT fraction 3" (at most 64 characters)
   */
  public static ExportedSeries writeCbct(Path dir, Volume cbctHu, ExportedPatient planning, CbctFrameOfReference frame,
                                         int seriesNumber, String description, ExportOptions options) throws IOException {
    Objects.requireNonNull(cbctHu, "cbctHu");
    Objects.requireNonNull(planning, "planning");
    if (description == null || description.length() > 64) {
      throw new IllegalArgumentException("CBCT series description must be at most 64 characters");
    }
    HuEncoding.choose(cbctHu.data());
    StudyContext study = new StudyContext(planning.study(), options);
    String forUid = frame == CbctFrameOfReference.SHARED_WITH_PLANNING
        ? planning.frameOfReferenceUid() : options.uids().next();
    Path abs = dir.toAbsolutePath().normalize();
    return AtomicFolder.write(dir, tmp -> CtSeriesWriter.write(tmp, cbctHu, study,
        new CtSeriesWriter.Spec(seriesNumber, description, "CBCT", forUid,
            new String[] {"DERIVED", "SECONDARY"}, null, TransferSyntax.ExplicitVRLittleEndian))
        .relocated(tmp, abs));
  }

  /**
   * A dose grid of an exported patient (e.g. the delivered dose of one fraction) as
   * {@code RTDOSE.dcm} in a new folder.
   *
   * @param referencedPlanSopInstanceUid the plan the dose belongs to, or null for a fresh UID
   * @return the file written
   */
  public static Path writeDose(Path dir, Volume doseGy, ExportedPatient planning, DoseSummationType summation,
                               String referencedPlanSopInstanceUid, int seriesNumber, ExportOptions options)
      throws IOException {
    Objects.requireNonNull(doseGy, "doseGy");
    Objects.requireNonNull(planning, "planning");
    Objects.requireNonNull(summation, "summation");
    StudyContext study = new StudyContext(planning.study(), options);
    Path abs = dir.toAbsolutePath().normalize();
    AtomicFolder.write(dir, tmp -> RtDoseWriter.write(tmp.resolve("RTDOSE.dcm"), doseGy,
        planning.frameOfReferenceUid(), summation, referencedPlanSopInstanceUid, study, seriesNumber,
        TransferSyntax.ExplicitVRLittleEndian));
    return abs.resolve("RTDOSE.dcm");
  }
}
