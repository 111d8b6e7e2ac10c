package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Volume;

/** An export that fails leaves nothing behind: neither the target nor a temporary folder. */
class DicomExportAtomicityTest {
  @TempDir
  Path tmp;

  List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void failureHalfWayLeavesNothing() throws Exception {
    Path target = tmp.resolve("patient");
    IOException e = assertThrows(IOException.class, () -> AtomicFolder.write(target, dir -> {
      Files.writeString(dir.resolve("CT_0001.dcm"), "first file");
      Files.writeString(dir.resolve("CT_0002.dcm"), "second file");
      throw new IOException("disk full (simulated)");
    }));
    assertEquals("disk full (simulated)", e.getMessage());
    assertEquals(List.of(), entries());
  }

  @Test
  void nonFiniteHuIsRefusedBeforeWriting() {
    Phantom p = Phantom.create();
    Volume bad = p.hu.copy();
    bad.data()[1234] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomExport.writePatient(
        tmp.resolve("patient"), bad, p.labels, new Pseudonym("VP-1"), ExportOptions.defaults()));
    assertTrue(e.getMessage().contains("voxel 1234 is NaN"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("patient")));
  }

  @Test
  void negativeDoseFailsAfterTheCtWasWrittenAndLeavesNothing() throws Exception {
    Phantom p = Phantom.create();
    Volume dose = Phantom.dose();
    dose.data()[5] = -0.1f;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomExport.writePatient(
        tmp.resolve("patient"), p.hu, p.labels, dose, DoseSummationType.PLAN, new Pseudonym("VP-1"),
        ExportOptions.defaults()));
    assertTrue(e.getMessage().contains("dose at voxel 5 is -0.1 Gy"), e.getMessage());
    assertEquals(List.of(), entries(), "no target and no temporary folder");
  }

  @Test
  void existingNonEmptyTargetIsLeftAlone() throws Exception {
    Phantom p = Phantom.create();
    Path target = tmp.resolve("patient");
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep.txt"), "mine");
    IOException e = assertThrows(IOException.class, () -> DicomExport.writePatient(target, p.hu, p.labels,
        new Pseudonym("VP-1"), ExportOptions.defaults()));
    assertTrue(e.getMessage().contains("exists and is not empty"), e.getMessage());
    try (Stream<Path> s = Files.list(target)) {
      assertEquals(List.of("keep.txt"), s.map(x -> x.getFileName().toString()).toList());
    }
    assertEquals(List.of("patient"), entries());
  }

  @Test
  void emptyTargetFolderIsFilled() throws Exception {
    Phantom p = Phantom.create();
    Path target = tmp.resolve("patient");
    Files.createDirectories(target);
    ExportedPatient e = DicomExport.writePatient(target, p.hu, p.labels, new Pseudonym("VP-1"), ExportOptions.defaults());
    assertEquals(p.grid.nz() + 1, Fixtures.files(target).size());
    assertTrue(Files.isRegularFile(e.structureSetFile()));
    assertEquals(List.of("patient"), entries());
  }

  @Test
  void labelsOnAnotherGridAreRefused() {
    Phantom p = Phantom.create();
    Grid3 other = new Grid3(10, 10, 10, 1, 1, 1, 0, 0, 0);
    LabelMap lm = new LabelMap(other, List.of());
    assertThrows(IllegalArgumentException.class, () -> DicomExport.writePatient(tmp.resolve("x"), p.hu, lm,
        new Pseudonym("VP-1"), ExportOptions.defaults()));
    assertFalse(Files.exists(tmp.resolve("x")));
  }
}
