package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Volume;

/**
 * Exported CT, CBCT, RT Structure Set and RT Dose checked by dicom3tools: dciodvfy (each file
 * against its IOD) and dcentvfy (patient and study attributes consistent across all files).
 *
 * <p>Allowed warning: "Retired Person Name form" for Patient's Name: a pseudonym is one name
 * component without "^", which PS3.5 6.2 (PN) allows (trailing empty components may be omitted)
 * but dciodvfy takes for the pre-DICOM name form.
 */
class DicomConformanceTest {
  static final String DCIODVFY = "/usr/bin/dciodvfy";
  static final String DCENTVFY = "/usr/bin/dcentvfy";
  static final String ALLOWED_WARNING = "Retired Person Name form";

  @TempDir
  static Path tmp;
  static ExportedPatient patient;
  static ExportedSeries cbct;

  @BeforeAll
  static void export() throws Exception {
    patient = Fixtures.exportPhantom(tmp.resolve("vp"), "VP-0002");
    Phantom p = Phantom.create();
    Volume noisy = p.hu.copy();
    float[] d = noisy.data();
    for (int i = 0; i < d.length; i++) {
      d[i] += 0.37f * ((i * 2654435761L) % 7 - 3); // fractional HU, as a simulated CBCT has
    }
    cbct = DicomExport.writeCbct(tmp.resolve("cbct1"), noisy, patient, CbctFrameOfReference.SHARED_WITH_PLANNING, 101,
        "CBCT fraction 1", ExportOptions.reproducible("cbct", Fixtures.WHEN.plusDays(7)));
  }

  static List<String> problems(String output) {
    List<String> bad = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("Error") || (line.startsWith("Warning") && !line.contains(ALLOWED_WARNING))) {
        bad.add(line);
      }
    }
    return bad;
  }

  static void assertValid(Path file) throws Exception {
    Fixtures.Run r = Fixtures.run(Fixtures.cmd(DCIODVFY, file.toString()));
    assertTrue(problems(r.output()).isEmpty() && !r.output().contains("Assertion"),
        file.getFileName() + ":\n" + r.output());
  }

  @Test
  void ctSlicesPassDciodvfy() throws Exception {
    assumeTrue(Fixtures.executable(DCIODVFY), "dciodvfy (dicom3tools) not installed");
    for (int k : new int[] {0, 9, patient.ct().files().size() - 1}) {
      Path f = patient.ct().files().get(k);
      Fixtures.Run r = Fixtures.run(Fixtures.cmd(DCIODVFY, f.toString()));
      assertTrue(r.output().contains("CTImage"), "dciodvfy recognises the CT Image IOD:\n" + r.output());
      assertValid(f);
    }
  }

  @Test
  void structureSetAndDosePassDciodvfy() throws Exception {
    assumeTrue(Fixtures.executable(DCIODVFY), "dciodvfy (dicom3tools) not installed");
    Fixtures.Run rs = Fixtures.run(Fixtures.cmd(DCIODVFY, patient.structureSetFile().toString()));
    assertTrue(rs.output().contains("RTStructureSet"), rs.output());
    assertValid(patient.structureSetFile());
    Fixtures.Run rd = Fixtures.run(Fixtures.cmd(DCIODVFY, patient.doseFile().toString()));
    assertTrue(rd.output().contains("RTDose"), rd.output());
    assertValid(patient.doseFile());
  }

  @Test
  void cbctAndFractionDosePassDciodvfy() throws Exception {
    assumeTrue(Fixtures.executable(DCIODVFY), "dciodvfy (dicom3tools) not installed");
    assertValid(cbct.files().get(3));
    Path fx = DicomExport.writeDose(tmp.resolve("fx1"), Phantom.dose(), patient, DoseSummationType.FRACTION, null, 201,
        ExportOptions.reproducible("fx", Fixtures.WHEN));
    assertValid(fx);
  }

  @Test
  void allFilesOfTheStudyAreConsistent() throws Exception {
    assumeTrue(Fixtures.executable(DCENTVFY), "dcentvfy (dicom3tools) not installed");
    List<String> c = Fixtures.cmd(DCENTVFY);
    for (Path f : Fixtures.files(tmp)) {
      c.add(f.toString());
    }
    Fixtures.Run r = Fixtures.run(c);
    assertEquals(List.of(), problems(r.output()), r.output());
    assertEquals(patient.frameOfReferenceUid(), cbct.frameOfReferenceUid());
  }

  /**
   * A jagged outline gives one contour with thousands of vertices, whose Contour Data exceeds the
   * 64 KiB that explicit VR allows a DS value: the structure set is then written in implicit VR,
   * still valid, and still imports exactly.
   */
  @Test
  void contourLongerThan64KiBFallsBackToImplicitVr() throws Exception {
    Grid3 g = new Grid3(400, 400, 1, 0.9765625, 0.9765625, 2.0, -194.82421875, -194.82421875, 0);
    LabelMap lm = new LabelMap(g, List.of(new Structure(1, "Body", 0, 0)));
    lm.paint("Body", idx -> {
      int i = idx % 400;
      int j = idx / 400;
      int halfWidth = 150 + (j % 2) * 3; // a saw-tooth on all four sides
      int inset = (i % 2) * 3;
      return j >= 20 + inset && j < 380 - inset && Math.abs(i - 200) < halfWidth;
    });
    Volume hu = new Volume(g);
    ExportedPatient e = DicomExport.writePatient(tmp.resolve("jagged"), hu, lm, new Pseudonym("VP-JAG"),
        ExportOptions.reproducible("jagged", Fixtures.WHEN));
    com.pixelmed.dicom.AttributeList meta = new com.pixelmed.dicom.AttributeList();
    meta.readOnlyMetaInformationHeader(e.structureSetFile().toFile());
    assertEquals(DicomStructure.IMPLICIT_LE, DicomValues.string(meta, Tags.TransferSyntaxUID));
    ImportedPatient in = DicomImport.read(e.dir());
    assertEquals(lm.voxelCount("Body"), in.labels().voxelCount("Body"));
    assertTrue(java.util.Arrays.equals(lm.labels(), in.labels().labels()));
    if (Fixtures.executable(DCIODVFY)) {
      assertValid(e.structureSetFile());
    }
  }
}
