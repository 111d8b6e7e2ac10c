package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * Every kind of bad input gives a {@link DicomImportException} whose message names the file and
 * the problem, and the import writes nothing (the folder tree is unchanged byte for byte).
 */
class DicomImportErrorTest {
  @TempDir
  static Path shared;
  static Path pristine;

  @TempDir
  Path tmp;
  Path dir;

  @BeforeAll
  static void exportOnce() throws IOException {
    pristine = Fixtures.exportPhantom(shared.resolve("pristine"), "VP-0004").dir();
  }

  @BeforeEach
  void copy() {
    dir = tmp.resolve("in");
    Fixtures.copyTree(pristine, dir);
  }

  /** Imports {@link #dir}, expects failure, checks nothing was written, returns the message. */
  String fails() throws Exception {
    List<String> before = snapshot();
    DicomImportException e = assertThrows(DicomImportException.class, () -> DicomImport.read(dir));
    assertEquals(before, snapshot(), "the import must not write anything");
    assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
    assertTrue(e.getMessage().startsWith("DICOM import of " + dir.toAbsolutePath().normalize() + " failed"), e.getMessage());
    return e.getMessage();
  }

  List<String> snapshot() throws IOException {
    List<String> s = new ArrayList<>();
    for (Path p : Fixtures.files(tmp)) {
      s.add(tmp.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " "
          + java.util.Arrays.hashCode(Files.readAllBytes(p)));
    }
    return s;
  }

  static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "message should mention '" + p + "':\n" + message);
    }
  }

  static void truncate(Path f, long size) throws IOException {
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(size);
    }
  }

  @Test
  void missingSliceIsAGap() throws Exception {
    Files.delete(dir.resolve("CT_0010.dcm"));
    assertMentions(fails(), "missing slice", "CT_0009.dcm", "CT_0011.dcm", "1 slice missing");
  }

  @Test
  void twoCtSeriesAreMixed() throws Exception {
    Path extra = dir.resolve("extra.dcm");
    Files.copy(dir.resolve("CT_0005.dcm"), extra);
    Fixtures.modify(extra, l -> {
      DicomValues.put(l, Tags.SeriesInstanceUID, "2.25.1");
      DicomValues.put(l, Tags.SOPInstanceUID, "2.25.2");
    });
    assertMentions(fails(), "mixed CT series", "2 CT series", "extra.dcm", "2.25.1 (1 slice");
  }

  @Test
  void differentFramesOfReferenceInOneSeries() throws Exception {
    Fixtures.modify(dir.resolve("CT_0007.dcm"), l -> DicomValues.put(l, Tags.FrameOfReferenceUID, "2.25.77"));
    assertMentions(fails(), "CT_0007.dcm", "Frame of Reference UID 2.25.77 differs");
  }

  @Test
  void inconsistentPixelSpacing() throws Exception {
    Fixtures.modify(dir.resolve("CT_0012.dcm"), l -> DicomValues.putDs(l, Tags.PixelSpacing, 2.0, 2.4));
    assertMentions(fails(), "CT_0012.dcm", "Pixel Spacing", "inconsistent spacing");
  }

  @Test
  void inconsistentSliceSpacing() throws Exception {
    Fixtures.modify(dir.resolve("CT_0012.dcm"), l -> DicomValues.putDs(l, Tags.ImagePositionPatient, -48.75, -31.0, 5.5 + 1.0));
    assertMentions(fails(), "inconsistent slice spacing", "CT_0012.dcm");
  }

  @Test
  void twoSlicesAtOnePosition() throws Exception {
    Fixtures.modify(dir.resolve("CT_0012.dcm"), l -> DicomValues.putDs(l, Tags.ImagePositionPatient, -48.75, -31.0, 1.5));
    assertMentions(fails(), "two different slices at z = 1.500 mm", "CT_0011.dcm", "CT_0012.dcm");
  }

  @Test
  void inconsistentOrientation() throws Exception {
    Fixtures.modify(dir.resolve("CT_0003.dcm"), l -> DicomValues.putDs(l, Tags.ImageOrientationPatient, -1, 0, 0, 0, 1, 0));
    assertMentions(fails(), "CT_0003.dcm", "inconsistent orientation");
  }

  @Test
  void obliqueSeriesIsRefused() throws Exception {
    double c = Math.cos(0.2);
    double s = Math.sin(0.2);
    for (Path f : Fixtures.files(dir)) {
      if (f.getFileName().toString().startsWith("CT_")) {
        Fixtures.modify(f, l -> DicomValues.putDs(l, Tags.ImageOrientationPatient, c, s, 0, -s, c, 0));
      }
    }
    assertMentions(fails(), "CT_0001.dcm", "is not axial");
  }

  @Test
  void gantryTiltIsRefused() throws Exception {
    Fixtures.modify(dir.resolve("CT_0004.dcm"), l -> DicomValues.putDs(l, Tags.GantryDetectorTilt, 5));
    assertMentions(fails(), "CT_0004.dcm", "gantry tilt of 5.00 degrees");
  }

  @Test
  void structureSetOnAnotherFrameOfReference() throws Exception {
    Fixtures.modify(dir.resolve("RTSTRUCT.dcm"), l -> {
      SequenceAttribute rfor = (SequenceAttribute) l.get(Tags.ReferencedFrameOfReferenceSequence);
      DicomValues.put(rfor.getItem(0).getAttributeList(), Tags.FrameOfReferenceUID, "2.25.99");
      SequenceAttribute rois = (SequenceAttribute) l.get(Tags.StructureSetROISequence);
      for (int i = 0; i < rois.getNumberOfItems(); i++) {
        DicomValues.put(rois.getItem(i).getAttributeList(), Tags.ReferencedFrameOfReferenceUID, "2.25.99");
      }
    });
    assertMentions(fails(), "RTSTRUCT.dcm", "refers to Frame of Reference 2.25.99", "not the CT's");
  }

  @Test
  void truncatedCtSlice() throws Exception {
    Path f = dir.resolve("CT_0008.dcm");
    truncate(f, Files.size(f) - 1000);
    assertMentions(fails(), "CT_0008.dcm", "truncated", "(7FE0,0010)");
  }

  @Test
  void ctSliceCutRightAfterThePreamble() throws Exception {
    truncate(dir.resolve("CT_0002.dcm"), 132);
    assertMentions(fails(), "CT_0002.dcm", "no File Meta Information");
  }

  @Test
  void truncatedStructureSet() throws Exception {
    Path f = dir.resolve("RTSTRUCT.dcm");
    truncate(f, Files.size(f) * 6 / 10);
    assertMentions(fails(), "RTSTRUCT.dcm", "truncated");
  }

  /** A complete file whose Pixel Data does not match Rows x Columns: caught by the length check. */
  @Test
  void pixelDataShorterThanRowsTimesColumns() throws Exception {
    Fixtures.modify(dir.resolve("CT_0006.dcm"), l -> DicomValues.putInt(l, Tags.Rows, 33));
    assertMentions(fails(), "CT_0006.dcm", "Pixel Data holds 2560 bytes", "33 x 40");
  }

  /** Zeros appended to a complete file (a botched copy): the walker sees elements out of order. */
  @Test
  void trailingGarbage() throws Exception {
    Path f = dir.resolve("CT_0013.dcm");
    truncate(f, Files.size(f) + 512);
    assertMentions(fails(), "CT_0013.dcm", "damaged data set", "(0000,0000)");
  }

  @Test
  void zeroLengthFile() throws Exception {
    truncate(dir.resolve("CT_0009.dcm"), 0);
    assertMentions(fails(), "CT_0009.dcm", "empty file (0 bytes)");
  }

  @Test
  void damagedDicomFile() throws Exception {
    RandomStream rs = RandomStreams.stream(7, "test.dicom.garbage");
    byte[] b = new byte[4000];
    for (int i = 132; i < b.length; i++) {
      b[i] = (byte) (rs.nextInt(0, 255));
    }
    b[128] = 'D';
    b[129] = 'I';
    b[130] = 'C';
    b[131] = 'M';
    Files.createDirectories(dir.resolve("deep/er"));
    Files.write(dir.resolve("deep/er/garbage.dcm"), b);
    assertMentions(fails(), "deep/er/garbage.dcm");
  }

  @Test
  void noCtAtAll() throws Exception {
    for (Path f : Fixtures.files(dir)) {
      if (f.getFileName().toString().startsWith("CT_")) {
        Files.delete(f);
      }
    }
    assertMentions(fails(), "no CT image found", "2 DICOM file(s)", "RT Dose");
  }

  @Test
  void twoStructureSets() throws Exception {
    Path copy = dir.resolve("RS2.dcm");
    Files.copy(dir.resolve("RTSTRUCT.dcm"), copy);
    Fixtures.modify(copy, l -> DicomValues.put(l, Tags.SOPInstanceUID, "2.25.5"));
    assertMentions(fails(), "2 RT Structure Sets", "RS2.dcm", "RTSTRUCT.dcm", "ImportOptions.structureSetSopInstanceUid");
  }

  @Test
  void twoPatients() throws Exception {
    Fixtures.modify(dir.resolve("RTDOSE.dcm"), l -> DicomValues.put(l, Tags.PatientID, "OTHER-PATIENT-ID"));
    String m = fails();
    assertMentions(m, "2 patients");
    assertFalse(m.contains("OTHER-PATIENT-ID"));
  }

  @Test
  void contourDataShorterThanDeclared() throws Exception {
    Fixtures.modify(dir.resolve("RTSTRUCT.dcm"), l -> {
      SequenceAttribute rc = (SequenceAttribute) l.get(Tags.ROIContourSequence);
      SequenceAttribute cs = (SequenceAttribute) rc.getItem(1).getAttributeList().get(Tags.ContourSequence);
      AttributeList c = cs.getItem(0).getAttributeList();
      Attribute n = c.get(Tags.NumberOfContourPoints);
      DicomValues.putInt(c, Tags.NumberOfContourPoints, n.getSingleIntegerValueOrDefault(0) + 1);
    });
    assertMentions(fails(), "RTSTRUCT.dcm", "ROI 'CTV'", "declares", "damaged or truncated");
  }

  @Test
  void compressedCtIsRefusedClearly() throws Exception {
    assumeTrue(Fixtures.executable("/usr/bin/dcmcjpeg"), "dcmcjpeg (dcmtk) not installed");
    Path f = dir.resolve("CT_0005.dcm");
    Path out = tmp.resolve("c.dcm");
    Fixtures.Run r = Fixtures.run(Fixtures.cmd("/usr/bin/dcmcjpeg", f.toString(), out.toString()));
    assertEquals(0, r.exit(), r.output());
    Files.move(out, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertMentions(fails(), "CT_0005.dcm", "compressed pixel data", "1.2.840.10008.1.2.4.");
  }

  @Test
  void everyProblemIsListed() throws Exception {
    truncate(dir.resolve("CT_0008.dcm"), Files.size(dir.resolve("CT_0008.dcm")) / 2);
    truncate(dir.resolve("CT_0009.dcm"), 0);
    String m = fails();
    assertMentions(m, "(2 problems)", "CT_0008.dcm", "CT_0009.dcm");
  }

  @Test
  void notAFolder() {
    DicomImportException e = assertThrows(DicomImportException.class, () -> DicomImport.read(tmp.resolve("nope")));
    assertMentions(e.getMessage(), "nope", "not a folder");
  }
}
