package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Warp;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * What real exports do differently: file names and layout, transfer syntaxes, pixel encodings,
 * orientation, padding, ROI names, contour positions, extra objects. Fixtures are the phantom
 * export rewritten with PixelMed.
 */
class DicomImportRobustnessTest {
  @TempDir
  static Path shared;
  static Path pristine;
  static ExportedPatient exported;
  static final Phantom P = Phantom.create();

  @TempDir
  Path tmp;
  Path dir;

  @BeforeAll
  static void exportOnce() throws IOException {
    exported = Fixtures.exportPhantom(shared.resolve("pristine"), "VP-0005");
    pristine = exported.dir();
  }

  @BeforeEach
  void copy() {
    dir = tmp.resolve("in");
    Fixtures.copyTree(pristine, dir);
  }

  static void assertSamePatient(ImportedPatient in) {
    assertTrue(in.grid().sameAs(P.grid), in.grid().toString());
    assertArrayEquals(P.hu.data(), in.ct().data());
    for (Structure s : P.labels.structures()) {
      if (P.labels.voxelCount(s.name()) > 0) {
        assertEquals(1.0, Warp.dice(P.labels.mask(s.name()), in.labels().mask(s.name())), 1e-12, s.name());
      }
    }
  }

  List<Path> ctFiles() throws IOException {
    List<Path> l = new ArrayList<>();
    for (Path f : Fixtures.files(dir)) {
      if (f.getFileName().toString().startsWith("CT_")) {
        l.add(f);
      }
    }
    return l;
  }

  /** Slice index k of an exported file CT_nnnn.dcm. */
  static int sliceOf(Path f) {
    String n = f.getFileName().toString();
    return Integer.parseInt(n.substring(3, 7)) - 1;
  }

  @Test
  void shuffledOddNamesNestedFoldersAndStrayFiles() throws Exception {
    RandomStream rs = RandomStreams.stream(3, "test.dicom.shuffle");
    String[] names = {"IM", "1.2.840.99.", "Ä Ö (copy) ", "x_", "no extension ", "ZZZ-"};
    int n = 0;
    for (Path f : Fixtures.files(dir)) {
      Path sub = dir.resolve("level" + rs.nextInt(0, 2)).resolve("deeper " + rs.nextInt(0, 1));
      Files.createDirectories(sub);
      String name = names[rs.nextInt(0, names.length - 1)] + rs.nextInt(0, 1_000_000) + "_" + n++;
      Files.move(f, sub.resolve(name));
    }
    Files.writeString(dir.resolve("README.txt"), "Exported by a planning system. Contains no images.\n");
    Files.write(dir.resolve("level0/notes.pdf"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', 10, 1, 2, 3});
    Files.writeString(dir.resolve(".DS_Store"), "x");
    Files.createDirectories(dir.resolve(".hidden"));
    Files.write(dir.resolve(".hidden/._CT_0001.dcm"), new byte[0]);
    ImportedPatient in = DicomImport.read(dir);
    assertSamePatient(in);
    String w = String.join("\n", in.warnings());
    assertTrue(w.contains("2 file(s) that are not DICOM skipped") && w.contains("README.txt"), w);
    assertTrue(w.contains("2 hidden file(s)/folder(s) skipped"), w);
  }

  /** Implicit VR, explicit VR big endian and little endian mixed; signed pixels, slope 0.25, intercept -512. */
  @Test
  void transferSyntaxesAndRescaleVary() throws Exception {
    String[] syntaxes = {TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian,
        TransferSyntax.ExplicitVRLittleEndian};
    for (Path f : ctFiles()) {
      int k = sliceOf(f);
      Fixtures.modify(f, syntaxes[k % 3], l -> {
        DicomValues.putInt(l, Tags.PixelRepresentation, 1);
        DicomValues.putDs(l, Tags.RescaleSlope, 0.25);
        DicomValues.putDs(l, Tags.RescaleIntercept, -512);
        l.put(pixels(k, hu -> Math.round((hu + 512) / 0.25f)));
      });
    }
    assertSamePatient(DicomImport.read(dir));
  }

  /** 12 bits stored in 16, with junk in the 4 unused high bits (old overlay planes). */
  @Test
  void bitsStoredTwelveIgnoresTheHighBits() throws Exception {
    for (Path f : ctFiles()) {
      int k = sliceOf(f);
      Fixtures.modify(f, l -> {
        DicomValues.putInt(l, Tags.BitsStored, 12);
        DicomValues.putInt(l, Tags.HighBit, 11);
        DicomValues.putInt(l, Tags.PixelRepresentation, 0);
        DicomValues.putDs(l, Tags.RescaleSlope, 1);
        DicomValues.putDs(l, Tags.RescaleIntercept, -1024);
        l.put(pixels(k, hu -> (Math.round(hu) + 1024) | 0xA000));
      });
    }
    assertSamePatient(DicomImport.read(dir));
  }

  /** Prone orientation: rows along -x, columns along -y; the import re-indexes without resampling. */
  @Test
  void flippedOrientationIsReindexed() throws Exception {
    Grid3 g = P.grid;
    for (Path f : ctFiles()) {
      int k = sliceOf(f);
      Fixtures.modify(f, l -> {
        DicomValues.putDs(l, Tags.ImageOrientationPatient, -1, 0, 0, 0, -1, 0);
        DicomValues.putDs(l, Tags.ImagePositionPatient, g.x(g.nx() - 1), g.y(g.ny() - 1), g.z(k));
        short[] px = new short[g.nx() * g.ny()];
        for (int r = 0; r < g.ny(); r++) {
          for (int c = 0; c < g.nx(); c++) {
            px[c + g.nx() * r] = (short) (Math.round(P.hu.get(g.nx() - 1 - c, g.ny() - 1 - r, k)) + 1024);
          }
        }
        OtherWordAttribute a = new OtherWordAttribute(Tags.PixelData);
        a.setValues(px);
        l.put(a);
      });
    }
    ImportedPatient in = DicomImport.read(dir);
    assertSamePatient(in);
    assertTrue(String.join(" ", in.warnings()).contains("re-indexed to +x/+y"), in.warnings().toString());
  }

  @Test
  void pixelPaddingBecomesAir() throws Exception {
    for (Path f : ctFiles()) {
      Fixtures.modify(f, l -> DicomValues.putInt(l, Tags.PixelPaddingValue, 0)); // stored 0 = -1024 HU
    }
    ImportedPatient in = DicomImport.read(dir);
    assertEquals(-1000f, in.ct().data()[0]);
    assertEquals(P.hu.data()[1], in.ct().data()[1]);
    assertTrue(in.warnings().stream().anyMatch(w -> w.startsWith("1 voxels marked as Pixel Padding")), in.warnings().toString());
  }

  interface Stored {
    int of(float hu);
  }

  static OtherWordAttribute pixels(int k, Stored stored) throws Exception {
    Grid3 g = P.grid;
    short[] px = new short[g.nx() * g.ny()];
    for (int j = 0; j < g.ny(); j++) {
      for (int i = 0; i < g.nx(); i++) {
        px[i + g.nx() * j] = (short) stored.of(P.hu.get(i, j, k));
      }
    }
    OtherWordAttribute a = new OtherWordAttribute(Tags.PixelData);
    a.setValues(px);
    return a;
  }

  /** Renames ROIs in the structure set (by ROI number = label), in UTF-8 where needed. */
  void renameRois(Map<Integer, String> names) throws Exception {
    Fixtures.modify(dir.resolve("RTSTRUCT.dcm"), l -> {
      SequenceAttribute rois = (SequenceAttribute) l.get(Tags.StructureSetROISequence);
      for (int i = 0; i < rois.getNumberOfItems(); i++) {
        AttributeList item = rois.getItem(i).getAttributeList();
        int n = DicomValues.intOr(item, Tags.ROINumber, -1);
        if (names.containsKey(n)) {
          DicomValues.put(item, Tags.ROIName, names.get(n));
        }
      }
      DicomValues.put(l, Tags.SpecificCharacterSet, "ISO_IR 192");
      l.insertSuitableSpecificCharacterSetForAllStringValues();
    });
  }

  @Test
  void roiNamesFromOtherSystemsMapOntoTheTree() throws Exception {
    renameRois(Map.of(1, "External", 2, "CTV_Prostate", 5, "SV", 6, "Blase", 10, "Hüftkopf_L", 11, "Femoral Head Right",
        4, "Zz_Urethra_PRV"));
    ImportedPatient in = DicomImport.read(dir);
    for (String s : List.of(StructureNames.BODY, StructureNames.CTV, StructureNames.SEMINAL_VESICLES,
        StructureNames.BLADDER, StructureNames.FEMORAL_HEAD_L, StructureNames.FEMORAL_HEAD_R, StructureNames.PROSTATE)) {
      boolean[] expected = P.labels.mask(s);
      assertEquals(1.0, Warp.dice(expected, in.labels().mask(s)), 1e-12, s);
    }
    RoiFinding hip = in.rois().stream().filter(f -> f.roiNumber() == 10).findFirst().orElseThrow();
    assertEquals("Hüftkopf_L", hip.roiName());
    assertEquals(RoiFinding.Match.SYNONYM, hip.match());
    RoiFinding prv = in.rois().stream().filter(f -> f.roiNumber() == 4).findFirst().orElseThrow();
    assertEquals(RoiFinding.Match.OWN_NAME, prv.match());
    assertEquals("Zz_Urethra_PRV", prv.structure());
    assertEquals(P.labels.voxelCount(StructureNames.URETHRA), prv.voxelsRasterised());
    assertEquals(0, prv.voxelsInLabelMap(), "all its voxels lie in the prostate, which has priority");
    assertTrue(prv.notes().get(0).contains("shared with higher-priority structures"), prv.notes().toString());
    assertEquals(StructureNames.BODY, in.labels().structure(in.labels().structure("Zz_Urethra_PRV").parentLabel()).name());
    assertTrue(!in.labels().has(StructureNames.URETHRA));
  }

  @Test
  void bodyRecognisedByInterpretedTypeExternal() throws Exception {
    renameRois(Map.of(1, "Outer skin XYZ"));
    ImportedPatient in = DicomImport.read(dir);
    RoiFinding b = in.rois().get(0);
    assertEquals(StructureNames.BODY, b.structure());
    assertEquals(RoiFinding.Match.EXTERNAL_TYPE, b.match());
    assertSamePatient(in);
  }

  @Test
  void betterSynonymWinsAndTheOtherKeepsItsName() throws Exception {
    renameRois(Map.of(2, "CTV_7800", 3, "CTV"));
    ImportedPatient in = DicomImport.read(dir);
    RoiFinding r3 = in.rois().stream().filter(f -> f.roiNumber() == 3).findFirst().orElseThrow();
    RoiFinding r2 = in.rois().stream().filter(f -> f.roiNumber() == 2).findFirst().orElseThrow();
    assertEquals(StructureNames.CTV, r3.structure());
    assertEquals(RoiFinding.Match.CANONICAL, r3.match());
    assertEquals("CTV_7800", r2.structure());
    assertTrue(r2.notes().get(0).contains("also a name for CTV"), r2.notes().toString());
  }

  /** Contours 0.6 mm off their slice (within a quarter of 3 mm) still land; 1.5 mm off are skipped. */
  @Test
  void contourSlicePositionTolerance() throws Exception {
    Fixtures.modify(dir.resolve("RTSTRUCT.dcm"), l -> {
      SequenceAttribute rc = (SequenceAttribute) l.get(Tags.ROIContourSequence);
      for (int r = 0; r < rc.getNumberOfItems(); r++) {
        AttributeList item = rc.getItem(r).getAttributeList();
        double shift = DicomValues.intOr(item, Tags.ReferencedROINumber, 0) == 8 ? 1.5 : 0.6;
        SequenceAttribute cs = (SequenceAttribute) item.get(Tags.ContourSequence);
        for (int c = 0; cs != null && c < cs.getNumberOfItems(); c++) {
          AttributeList ci = cs.getItem(c).getAttributeList();
          double[] p = DicomValues.doubles(ci, Tags.ContourData);
          for (int v = 2; v < p.length; v += 3) {
            p[v] += shift;
          }
          DicomValues.putDs(ci, Tags.ContourData, p);
        }
      }
    });
    ImportedPatient in = DicomImport.read(dir);
    assertEquals(1.0, Warp.dice(P.labels.mask(StructureNames.CTV), in.labels().mask(StructureNames.CTV)), 1e-12);
    RoiFinding rectum = in.rois().stream().filter(f -> f.roiNumber() == 8).findFirst().orElseThrow();
    assertEquals(RoiFinding.Match.NOT_IMPORTED, rectum.match());
    assertTrue(rectum.notes().get(0).contains("more than 0.75 mm from every CT slice"), rectum.notes().toString());
    // the rectal wall (child of the rectum) is re-parented to the nearest present ancestor, Body
    Structure wall = in.labels().structure(StructureNames.RECTAL_WALL);
    assertEquals(StructureNames.BODY, in.labels().structure(wall.parentLabel()).name());
  }

  /** Two overlapping squares of one ROI on one slice: even-odd makes the overlap a hole, and the finding says so. */
  @Test
  void overlappingContoursOfOneRoiAreFlagged() throws Exception {
    Fixtures.modify(dir.resolve("RTSTRUCT.dcm"), l -> {
      SequenceAttribute rc = (SequenceAttribute) l.get(Tags.ROIContourSequence);
      AttributeList body = rc.getItem(0).getAttributeList();
      SequenceAttribute cs = (SequenceAttribute) body.get(Tags.ContourSequence);
      AttributeList first = cs.getItem(0).getAttributeList();
      double z = DicomValues.doubles(first, Tags.ContourData)[2];
      AttributeList extra = DicomValues.addItem(cs);
      DicomValues.put(extra, Tags.ContourGeometricType, "CLOSED_PLANAR");
      DicomValues.putInt(extra, Tags.NumberOfContourPoints, 4);
      DicomValues.putDs(extra, Tags.ContourData, 30, -10, z, 60, -10, z, 60, 10, z, 30, 10, z);
    });
    ImportedPatient in = DicomImport.read(dir);
    RoiFinding b = in.rois().get(0);
    assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("1 slice(s) with contours that overlap without nesting")),
        b.notes().toString());
  }

  @Test
  void withoutStructureSetTheLabelsAreEmpty() throws Exception {
    Files.delete(dir.resolve("RTSTRUCT.dcm"));
    ImportedPatient in = DicomImport.read(dir);
    assertArrayEquals(P.hu.data(), in.ct().data());
    assertTrue(in.labels().structures().isEmpty());
    assertTrue(in.rois().isEmpty());
    assertNull(in.source().structureSetSopInstanceUid());
    assertTrue(in.warnings().contains("no RT Structure Set found: the label map is empty"), in.warnings().toString());
  }

  @Test
  void duplicateSliceFilesAndLocalizersAreIgnored() throws Exception {
    Files.copy(dir.resolve("CT_0004.dcm"), dir.resolve("copy of CT_0004.dcm"));
    Path scout = dir.resolve("scout.dcm");
    Files.copy(dir.resolve("CT_0001.dcm"), scout);
    Fixtures.modify(scout, l -> {
      DicomValues.put(l, Tags.ImageType, "ORIGINAL", "PRIMARY", "LOCALIZER");
      DicomValues.put(l, Tags.SeriesInstanceUID, "2.25.123");
      DicomValues.put(l, Tags.SOPInstanceUID, "2.25.124");
      DicomValues.putDs(l, Tags.ImageOrientationPatient, 1, 0, 0, 0, 0, -1);
    });
    ImportedPatient in = DicomImport.read(dir);
    assertSamePatient(in);
    String w = String.join("\n", in.warnings());
    assertTrue(w.contains("1 CT localizer (scout) image(s) ignored"), w);
    assertTrue(w.contains("1 duplicate file(s) of the same CT slice ignored"), w);
  }

  /**
   * A CBCT in the planning frame of reference with the planning structure set beside it: the
   * contours land on the CBCT grid by patient coordinates (the set was drawn on another series).
   */
  @Test
  void cbctWithPlanningStructuresInTheSharedFrame() throws Exception {
    float[] noisy = P.hu.data().clone();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += 0.37f * ((i * 2654435761L) % 7 - 3);
    }
    Path cb = tmp.resolve("cbct");
    ExportedSeries s = DicomExport.writeCbct(cb, new org.twinsim.model.geometry.Volume(P.grid, noisy), exported,
        CbctFrameOfReference.SHARED_WITH_PLANNING, 101, "CBCT fraction 1", ExportOptions.reproducible("cb", Fixtures.WHEN));
    Files.copy(pristine.resolve("RTSTRUCT.dcm"), cb.resolve("RTSTRUCT.dcm"));
    ImportedPatient in = DicomImport.read(cb);
    float[] got = in.ct().data();
    for (int i = 0; i < noisy.length; i++) {
      assertEquals(noisy[i], got[i], s.encoding().rescaleSlope() / 2 + 1e-3);
    }
    assertArrayEquals(P.labels.labels(), in.labels().labels());
    assertTrue(in.warnings().stream().anyMatch(w -> w.contains("drawn on series")), in.warnings().toString());
  }
}
