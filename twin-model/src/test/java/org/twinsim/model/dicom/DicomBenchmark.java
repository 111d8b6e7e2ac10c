package org.twinsim.model.dicom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Structure;
import org.twinsim.model.geometry.Warp;

/**
 * Export and import times at clinical size: 512 x 512 x 120 CT (0.977 x 0.977 x 3 mm), the phantom
 * scaled to pelvic size, 11 structures, plus a 2.5 mm dose grid. Run:
 * <pre>
 * ./mvnw -B -ntp -o -q -pl twin-model test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp twin-model/target/classes:twin-model/target/test-classes:$(cat twin-model/target/cp.txt) \
 *     org.twinsim.model.dicom.DicomBenchmark [work-folder]
 * </pre>
 */
public final class DicomBenchmark {
  private DicomBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("dicom-bench");
    Grid3 g = new Grid3(512, 512, 120, 0.9765625, 0.9765625, 3.0, -249.51171875, -249.51171875, -178.5);
    Phantom p = Phantom.create(g, 4, 2.5);
    var dose = org.twinsim.model.geometry.Volume.class.cast(new org.twinsim.model.geometry.Volume(
        new Grid3(160, 120, 100, 2.5, 2.5, 2.5, -198.75, -148.75, -123.75)));
    float[] d = dose.data();
    Grid3 dg = dose.grid();
    for (int k = 0; k < dg.nz(); k++) {
      for (int j = 0; j < dg.ny(); j++) {
        for (int i = 0; i < dg.nx(); i++) {
          double r2 = dg.x(i) * dg.x(i) + dg.y(j) * dg.y(j) + dg.z(k) * dg.z(k);
          d[dg.index(i, j, k)] = (float) (78 * Math.exp(-r2 / (2 * 40.0 * 40.0)));
        }
      }
    }
    for (int run = 1; run <= 3; run++) {
      Path dir = work.resolve("run" + run);
      long t0 = System.nanoTime();
      ExportedPatient e = DicomExport.writePatient(dir, p.hu, p.labels, dose, DoseSummationType.PLAN,
          new Pseudonym("VP-BENCH"), ExportOptions.defaults());
      long t1 = System.nanoTime();
      ImportedPatient in = DicomImport.read(dir);
      long t2 = System.nanoTime();
      long bytes = 0;
      for (Path f : Fixtures.files(dir)) {
        bytes += Files.size(f);
      }
      double minDice = 1;
      for (Structure s : p.labels.structures()) {
        if (p.labels.voxelCount(s.name()) > 0) {
          minDice = Math.min(minDice, Warp.dice(p.labels.mask(s.name()), in.labels().mask(s.name())));
        }
      }
      System.out.printf(Locale.ROOT, "run %d: export %.2f s, import %.2f s, %d files, %.1f MB, RTSTRUCT %.2f MB, "
              + "HU exact %b, labels exact %b, min Dice %.6f%n", run, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
          Fixtures.files(dir).size(), bytes / 1e6, Files.size(e.structureSetFile()) / 1e6,
          Arrays.equals(p.hu.data(), in.ct().data()), Arrays.equals(p.labels.labels(), in.labels().labels()), minDice);
      AtomicFolder.deleteRecursively(dir);
    }
  }
}
