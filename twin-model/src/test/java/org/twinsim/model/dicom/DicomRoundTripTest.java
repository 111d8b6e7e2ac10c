package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Warp;

class DicomRoundTripTest {
  @TempDir
  Path tmp;

  @Test
  void exportThenImportReproducesHuExactlyAndStructures() throws Exception {
    Phantom p = Phantom.create();
    ExportedPatient e = DicomExport.writePatient(tmp.resolve("vp1"), p.hu, p.labels, Phantom.dose(),
        DoseSummationType.PLAN, new Pseudonym("VP-0001"),
        ExportOptions.reproducible("round-trip", LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
    ImportedPatient in = DicomImport.read(e.dir());
    String summary = in.summary();
    assertTrue(summary.startsWith("Patient VP-0001\nCT: 40 x 32 x 20 voxels of 2.500 x 2.000 x 3.000 mm"), summary);
    assertTrue(summary.contains("\"PelvicBone\"") && summary.contains("(not imported)") && summary.contains("no contours"),
        summary);
    assertTrue(in.grid().sameAs(p.grid), in.grid() + " vs " + p.grid);
    assertArrayEquals(p.hu.data(), in.ct().data());
    assertEquals("VP-0001", in.pseudonym().value());
    for (Structure s : p.labels.structures()) {
      boolean[] a = p.labels.mask(s.name());
      if (p.labels.voxelCount(s.name()) == 0) {
        continue;
      }
      double dice = Warp.dice(a, in.labels().mask(s.name()));
      assertTrue(dice > 0.98, s.name() + ": Dice " + dice);
    }
    assertArrayEquals(p.labels.labels(), in.labels().labels());
    var pelvis = in.rois().stream().filter(f -> f.roiName().equals(StructureNames.PELVIC_BONE)).findFirst().orElseThrow();
    assertNull(pelvis.structure());
    assertEquals(RoiFinding.Match.NOT_IMPORTED, pelvis.match());
  }

  /** Non-ASCII structure names (a label map imported from a German system) survive in UTF-8. */
  @Test
  void nonAsciiStructureNamesRoundTrip() throws Exception {
    Phantom p = Phantom.create();
    java.util.List<Structure> renamed = new java.util.ArrayList<>();
    for (Structure s : p.labels.structures()) {
      renamed.add(s.name().equals(StructureNames.PELVIC_BONE) ? new Structure(s.label(), "Becken_Knochen_äöü",
          s.priority(), s.parentLabel()) : s);
    }
    var lm = new org.twinsim.model.geometry.LabelMap(p.grid, renamed, p.labels.labels().clone());
    lm.paint("Becken_Knochen_äöü", i -> Phantom.inside(p.grid, i, 0, 20, -20, 30, 6, 6));
    ExportedPatient e = DicomExport.writePatient(tmp.resolve("umlaut"), p.hu, lm, new Pseudonym("VP-0009"),
        ExportOptions.reproducible("umlaut", LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
    ImportedPatient in = DicomImport.read(e.dir());
    assertTrue(in.labels().has("Becken_Knochen_äöü"), in.labels().structures().toString());
    assertEquals(lm.voxelCount("Becken_Knochen_äöü"), in.labels().voxelCount("Becken_Knochen_äöü"));
    if (Fixtures.executable(DicomConformanceTest.DCIODVFY)) {
      DicomConformanceTest.assertValid(e.structureSetFile());
    }
  }

  /** A staging folder of symbolic links to the files imports like the files themselves. */
  @Test
  void symbolicLinksAreFollowed() throws Exception {
    ExportedPatient e = Fixtures.exportPhantom(tmp.resolve("real"), "VP-0010");
    java.nio.file.Path links = tmp.resolve("links");
    java.nio.file.Files.createDirectories(links);
    for (java.nio.file.Path f : Fixtures.files(e.dir())) {
      java.nio.file.Files.createSymbolicLink(links.resolve("l-" + f.getFileName()), f);
    }
    java.nio.file.Files.createSymbolicLink(links.resolve("loop"), links);
    ImportedPatient in = DicomImport.read(links);
    assertArrayEquals(Phantom.create().hu.data(), in.ct().data());
    assertTrue(in.warnings().stream().anyMatch(w -> w.contains("symbolic link loop")), in.warnings().toString());
  }
}
