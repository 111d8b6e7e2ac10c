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
    System.out.println(in.summary());
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
}
