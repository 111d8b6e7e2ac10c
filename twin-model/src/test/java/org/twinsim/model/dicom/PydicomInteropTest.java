package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Volume;

/**
 * pydicom (Debian python3-pydicom) as an independent implementation on both sides: it reads
 * twinsim's exports (geometry, HU, dose, contours rasterised by its own point-in-polygon test),
 * and it writes a CT series and RT Structure Set that twinsim imports.
 */
class PydicomInteropTest {
  static final String PYTHON = "/usr/bin/python3";

  @TempDir
  static Path tmp;

  @BeforeAll
  static void requirePydicom() throws Exception {
    assumeTrue(Fixtures.executable(PYTHON), "no " + PYTHON);
    Fixtures.Run r = Fixtures.run(Fixtures.cmd(PYTHON, "-c", "import pydicom, numpy"));
    assumeTrue(r.exit() == 0, "pydicom/numpy not importable (apt-get install python3-pydicom): " + r.output());
  }

  static Path script(String name) throws Exception {
    Path p = tmp.resolve(name);
    if (!Files.exists(p)) {
      try (InputStream in = PydicomInteropTest.class.getResourceAsStream(name)) {
        assertNotNull(in, name);
        Files.copy(in, p);
      }
    }
    return p;
  }

  static Map<String, List<String[]>> records(String output) {
    Map<String, List<String[]>> m = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.split("\t", -1);
      m.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
    }
    return m;
  }

  @Test
  void pydicomReadsTheExportWithTheRightGeometryHuDoseAndContours() throws Exception {
    Phantom p = Phantom.create();
    ExportedPatient e = Fixtures.exportPhantom(tmp.resolve("export"), "VP-0003");
    Grid3 g = p.grid;
    int[][] huVoxels = {{0, 0, 0}, {1, 0, 0}, {20, 16, 10}, {39, 31, 19}, {5, 27, 3}, {33, 2, 17}, {21, 18, 9}};
    Volume dose = Phantom.dose();
    Grid3 dg = dose.grid();
    int[][] doseVoxels = {{0, 0, 0}, {9, 7, 4}, {17, 13, 8}, {12, 3, 6}};
    int[] maskSlices = {4, 10, 15};
    Fixtures.Run r = Fixtures.run(Fixtures.cmd(PYTHON, script("check_export.py").toString(), e.dir().toString(),
        triples(huVoxels), triples(doseVoxels), "4,10,15"));
    assertEquals(0, r.exit(), r.output());
    Map<String, List<String[]>> rec = records(r.output());

    List<String[]> ct = rec.get("ct");
    assertEquals(g.nz(), ct.size());
    for (int k = 0; k < g.nz(); k++) {
      String[] c = ct.get(k);
      assertEquals(g.originXMm(), d(c[1]), 1e-9);
      assertEquals(g.originYMm(), d(c[2]), 1e-9);
      assertEquals(g.z(k), d(c[3]), 1e-9);
      double[] iop = {1, 0, 0, 0, 1, 0};
      for (int q = 0; q < 6; q++) {
        assertEquals(iop[q], d(c[4 + q]), 0.0);
      }
      assertEquals(g.spacingYMm(), d(c[10]), 1e-12, "Pixel Spacing value 1 is the row spacing (y)");
      assertEquals(g.spacingXMm(), d(c[11]), 1e-12, "Pixel Spacing value 2 is the column spacing (x)");
      assertEquals(g.ny(), Integer.parseInt(c[12]), "Rows");
      assertEquals(g.nx(), Integer.parseInt(c[13]), "Columns");
      assertEquals(g.spacingZMm(), d(c[14]), 1e-12);
      assertEquals(e.frameOfReferenceUid(), c[15]);
      assertEquals(e.ct().sopInstanceUids().get(k), c[16]);
      assertEquals("VP-0003", c[17]);
      assertEquals("VP-0003", c[18]);
    }
    String[] hu = rec.get("hu").get(0);
    for (int q = 0; q < huVoxels.length; q++) {
      int[] v = huVoxels[q];
      assertEquals(p.hu.get(v[0], v[1], v[2]), d(hu[1 + q]), 0.0, "HU at " + v[0] + "," + v[1] + "," + v[2]);
    }

    String[] ds = rec.get("dose").get(0);
    assertEquals(dg.originXMm(), d(ds[1]), 1e-9);
    assertEquals(dg.originYMm(), d(ds[2]), 1e-9);
    assertEquals(dg.originZMm(), d(ds[3]), 1e-9);
    assertEquals(dg.spacingYMm(), d(ds[4]), 1e-12);
    assertEquals(dg.spacingXMm(), d(ds[5]), 1e-12);
    assertEquals(List.of(dg.nz(), dg.ny(), dg.nx()), List.of(Integer.parseInt(ds[6]), Integer.parseInt(ds[7]),
        Integer.parseInt(ds[8])));
    double scaling = d(ds[9]);
    assertEquals(List.of("GY", "PHYSICAL", "PLAN", e.frameOfReferenceUid()), List.of(ds[10], ds[11], ds[12], ds[13]));
    String[] off = rec.get("doseoffsets").get(0);
    for (int k = 0; k < dg.nz(); k++) {
      assertEquals(k * dg.spacingZMm(), d(off[1 + k]), 1e-9);
    }
    String[] dsmp = rec.get("dosesample").get(0);
    for (int q = 0; q < doseVoxels.length; q++) {
      int[] v = doseVoxels[q];
      assertEquals(dose.get(v[0], v[1], v[2]), d(dsmp[1 + q]), scaling / 2 + 1e-7);
    }
    float max = dose.range()[1];
    assertTrue(scaling * 65535 >= max && scaling * 65535 < max * 1.0001, "scaling uses the full 16-bit range");

    String[] rs = rec.get("rtstruct").get(0);
    assertEquals(e.frameOfReferenceUid(), rs[1]);
    assertEquals(e.ct().seriesInstanceUid(), rs[2]);
    assertEquals(String.valueOf(g.nz()), rs[3]);
    assertEquals(String.join(",", e.ct().sopInstanceUids()), rs[4]);
    Map<String, Integer> contourCounts = new HashMap<>();
    for (String[] roi : rec.get("roi")) {
      contourCounts.put(roi[1], Integer.parseInt(roi[2]));
      if (Integer.parseInt(roi[2]) > 0) {
        assertEquals("CLOSED_PLANAR", roi[3]);
      }
    }
    assertEquals(p.labels.structures().size(), contourCounts.size());
    assertEquals(0, contourCounts.get(StructureNames.PELVIC_BONE));
    // pydicom-side even-odd rasterisation of the contours reproduces each structure's mask (with descendants)
    int checked = 0;
    for (String[] m : rec.get("mask")) {
      boolean[] mask = p.labels.mask(m[1]);
      int k = Integer.parseInt(m[2]);
      String bits = m[3];
      assertEquals(g.nx() * g.ny(), bits.length());
      for (int idx = 0; idx < bits.length(); idx++) {
        assertEquals(mask[k * g.nx() * g.ny() + idx], bits.charAt(idx) == '1', m[1] + " slice " + k + " voxel " + idx);
        checked += bits.charAt(idx) == '1' ? 1 : 0;
      }
    }
    assertTrue(checked > 1000, "the sampled slices hold structure voxels: " + checked);
    assertEquals(p.labels.structures().size() * maskSlices.length, rec.get("mask").size());
  }

  /** A series and structure set written by pydicom: implicit VR, signed pixels, slope 0.5, odd names, bare data sets. */
  @Test
  void importReadsWhatPydicomWrote() throws Exception {
    Path dir = tmp.resolve("pydicom");
    Files.createDirectories(dir);
    Fixtures.Run r = Fixtures.run(Fixtures.cmd(PYTHON, script("pydicom_fixture.py").toString(), dir.toString()));
    assertEquals(0, r.exit(), r.output());
    ImportedPatient in = DicomImport.read(dir);
    Grid3 g = in.grid();
    assertTrue(g.sameAs(new Grid3(24, 20, 10, 1.5, 1.25, 2.5, -17.25, -12.5, -10.0)), g.toString());
    for (int k = 0; k < 10; k++) {
      for (int j = 0; j < 20; j++) {
        for (int i = 0; i < 24; i++) {
          int stored = ((31 * i + 17 * j + 7 * k) % 4000) - 2000;
          assertEquals(0.5f * stored - 1000, in.ct().get(i, j, k), 0.0f);
        }
      }
    }
    // the rectangles of pydicom_fixture.py: count the voxel centres strictly inside each
    assertEquals(rect(g, -15.0, 15.0, -9.9, 9.9) * 10, in.labels().voxelCount(StructureNames.BODY));
    assertEquals(rect(g, -4.1, 4.1, -3.3, 3.3) * 4, in.labels().voxelCount(StructureNames.CTV));
    long femur = rect(g, 5.2, 10.1, -2.4, 2.6) * 4 - rect(g, 6.9, 8.4, -0.7, 0.9);
    assertTrue(femur > 0 && rect(g, 6.9, 8.4, -0.7, 0.9) > 0);
    assertEquals(femur, in.labels().voxelCount(StructureNames.FEMORAL_HEAD_L), "two contours on one slice make a hole");
    Structure ptv = in.labels().structure("PTV_7800");
    assertEquals(StructureNames.BODY, in.labels().structure(ptv.parentLabel()).name(), "unknown ROI inside Body");
    long ptvVoxels = rect(g, -6.0, 5.0, -5.1, 5.1) * 4;
    var f = in.rois().stream().filter(x -> x.roiName().equals("PTV_7800")).findFirst().orElseThrow();
    assertEquals(RoiFinding.Match.OWN_NAME, f.match());
    assertEquals(ptvVoxels, f.voxelsRasterised());
    assertEquals(ptvVoxels - rect(g, -4.1, 4.1, -3.3, 3.3) * 4, f.voxelsInLabelMap(), "the CTV keeps the shared voxels");
    var marker = in.rois().stream().filter(x -> x.roiName().equals("Marker")).findFirst().orElseThrow();
    assertEquals(RoiFinding.Match.NOT_IMPORTED, marker.match());
    assertTrue(marker.notes().get(0).contains("POINT"), marker.notes().toString());
    assertEquals(RoiFinding.Match.SYNONYM, in.rois().stream().filter(x -> x.roiName().equals("External")).findFirst()
        .orElseThrow().match());
    // identity: derived pseudonym, no trace of the name or ID (also not of the file named RS.Doe_Jane.dcm)
    assertEquals(Pseudonym.of("MRN-12345678", "Doe^Jane"), in.pseudonym());
    String all = (in.summary() + in.toString() + in.labels().structures()).toLowerCase(Locale.ROOT);
    assertFalse(all.contains("doe") || all.contains("jane") || all.contains("12345678"), in.summary());
  }

  /** Voxel centres of a slice strictly inside an axis-aligned rectangle. */
  static long rect(Grid3 g, double x0, double x1, double y0, double y1) {
    long n = 0;
    for (int j = 0; j < g.ny(); j++) {
      for (int i = 0; i < g.nx(); i++) {
        if (g.x(i) > x0 && g.x(i) < x1 && g.y(j) > y0 && g.y(j) < y1) {
          n++;
        }
      }
    }
    return n;
  }

  static double d(String s) {
    return Double.parseDouble(s);
  }

  static String triples(int[][] v) {
    StringBuilder b = new StringBuilder();
    for (int[] t : v) {
      b.append(t[0]).append(',').append(t[1]).append(',').append(t[2]).append(';');
    }
    return b.toString();
  }
}
