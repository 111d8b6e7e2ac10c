package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patient's name and ID, also in folder and file names, appear in no result, message or exported
 * byte: only the pseudonym does.
 */
class PseudonymisationTest {
  static final String NAME = "Doe^Jane";
  static final String ID = "MRN-12345678";
  static final List<String> TRACES = List.of("doe", "jane", "12345678");

  @TempDir
  Path tmp;
  Path dir;

  /** A phantom export relabelled as a real patient, in folders and files named after her. */
  @BeforeEach
  void realPatient() throws Exception {
    Path exported = Fixtures.exportPhantom(tmp.resolve("export"), "VP-0006").dir();
    dir = tmp.resolve("DOE_JANE_" + ID);
    Files.createDirectories(dir.resolve("Jane Doe CT"));
    for (Path f : Fixtures.files(exported)) {
      Fixtures.modify(f, l -> {
        DicomValues.put(l, Tags.PatientName, NAME);
        DicomValues.put(l, Tags.PatientID, ID);
        l.remove(Tags.PatientIdentityRemoved);
        l.remove(Tags.DeidentificationMethod);
      });
      String n = f.getFileName().toString();
      Path to = n.startsWith("CT_") ? dir.resolve("Jane Doe CT").resolve("doe." + n) : dir.resolve(ID + "_" + n);
      Files.move(f, to);
    }
    Files.writeString(dir.resolve("Readme for Jane Doe.txt"), "Patient Doe^Jane, MRN-12345678\n");
  }

  static void assertClean(String what, String text) {
    String t = text.toLowerCase(Locale.ROOT);
    for (String trace : TRACES) {
      assertFalse(t.contains(trace), what + " leaks '" + trace + "':\n" + text);
    }
  }

  @Test
  void importResultsCarryOnlyThePseudonym() throws Exception {
    ImportedPatient in = DicomImport.read(dir);
    assertEquals(Pseudonym.of(ID, NAME), in.pseudonym());
    assertEquals("TS-43f8f68ab1", in.pseudonym().value());
    assertClean("summary", in.summary());
    assertClean("toString", in.toString());
    assertClean("warnings", String.join("\n", in.warnings()));
    assertClean("findings", in.rois().toString());
    assertClean("source", in.source().toString());
    assertClean("structures", in.labels().structures().toString());
    assertTrue(String.join("\n", in.warnings()).contains("Readme for TS-43f8f68ab1 TS-43f8f68ab1.txt"), in.warnings().toString());
  }

  @Test
  void exportOfAnImportedPatientHoldsNoTraceOfTheName() throws Exception {
    ImportedPatient in = DicomImport.read(dir);
    ExportedPatient out = DicomExport.writePatient(tmp.resolve("out"), in.ct(), in.labels(), Phantom.dose(),
        DoseSummationType.FRACTION, in.pseudonym(), ExportOptions.reproducible("leak", Fixtures.WHEN));
    DicomExport.writeCbct(tmp.resolve("out-cbct"), in.ct(), out, CbctFrameOfReference.OWN, 101, "CBCT 1",
        ExportOptions.reproducible("leak cbct", Fixtures.WHEN));
    int files = 0;
    for (Path root : List.of(tmp.resolve("out"), tmp.resolve("out-cbct"))) {
      for (Path f : Fixtures.files(root)) {
        // all bytes, pixel data included (deterministic: reproducible UIDs, phantom-derived values)
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        String lower = bytes.toLowerCase(Locale.ROOT);
        for (String trace : TRACES) {
          assertFalse(lower.contains(trace), f + " contains '" + trace + "'");
        }
        assertClean("file name", f.toString().substring(tmp.toString().length()));
        assertTrue(bytes.contains("TS-43f8f68ab1"), f + " carries the pseudonym");
        files++;
      }
    }
    assertEquals(20 + 2 + 20, files);
  }

  /** Fully anonymised data (empty name and ID): the study, not the empty identity, makes the pseudonym. */
  @Test
  void anonymousPatientsStillGetDistinctPseudonyms() throws Exception {
    ExportedPatient e = Fixtures.exportPhantom(tmp.resolve("anon"), "VP-0007");
    for (Path f : Fixtures.files(e.dir())) {
      Fixtures.modify(f, l -> {
        DicomValues.put(l, Tags.PatientName);
        DicomValues.put(l, Tags.PatientID);
        l.remove(Tags.DeidentificationMethod);
      });
    }
    ImportedPatient in = DicomImport.read(e.dir());
    assertEquals(Pseudonym.of("StudyInstanceUID:" + e.study().studyInstanceUid(), ""), in.pseudonym());
    assertTrue(in.warnings().stream().anyMatch(w -> w.startsWith("no Patient ID or Patient's Name")), in.warnings().toString());
  }

  @Test
  void errorMessagesCarryOnlyThePseudonym() throws Exception {
    Path slice = dir.resolve("Jane Doe CT").resolve("doe.CT_0007.dcm");
    try (RandomAccessFile r = new RandomAccessFile(slice.toFile(), "rw")) {
      r.setLength(r.length() - 100);
    }
    DicomImportException e = assertThrows(DicomImportException.class, () -> DicomImport.read(dir));
    assertClean("message", e.getMessage());
    assertClean("problems", e.problems().toString());
    assertTrue(e.getMessage().contains("TS-43f8f68ab1 TS-43f8f68ab1 CT/TS-43f8f68ab1.CT_0007.dcm: file is truncated"),
        e.getMessage());
  }
}
