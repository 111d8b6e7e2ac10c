package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Warp;

/**
 * The same patient at 2 mm: the grid of the spec, the same anatomy and motion as at 4 mm,
 * invertible fields, the prostate moving by the drawn motion, and the warped planning label map
 * agreeing with the day's (reported next to the 4 mm value: both are limited by nearest-neighbour
 * rasterisation, not by the field, see DailyAnatomyTest).
 */
class HighResolutionTest {

  @Test
  void twoMillimetreAnatomyIsConsistent() {
    VirtualPatient fine = new VirtualPatientGenerator(PhantomSpec.withSpacing(2), AnatomyVariation.defaults())
        .generate(5, 0, 0);
    VirtualPatient coarse = VirtualPatientGenerator.defaults().generate(5, 0, 0);
    Grid3 g = fine.planningCt().grid();
    assertEquals(240, g.nx());
    assertEquals(160, g.ny());
    assertEquals(120, g.nz());
    assertEquals(coarse.anatomy().prostateVolumeCc(), fine.anatomy().prostateVolumeCc(), 1e-9,
        "the anatomy does not depend on the voxel size");
    double vFine = fine.planningLabels().volumeCc(StructureNames.PROSTATE);
    assertEquals(fine.anatomy().prostateVolumeCc(), vFine, 0.02 * vFine);

    DailyAnatomyGenerator days = DailyAnatomyGenerator.defaults();
    double[] c0 = Occupancy.centroid(fine.planningLabels(), StructureNames.PROSTATE);
    for (int f : new int[] {1, 3}) {
      DailyAnatomy d = days.day(fine, f);
      float[] jac = Warp.jacobianDeterminant(d.trueField());
      float min = Float.POSITIVE_INFINITY;
      for (float v : jac) {
        min = Math.min(min, v);
      }
      assertTrue(min > 0, "fx " + f + ": min Jacobian " + min);
      double[] c = Occupancy.centroid(d.trueLabels(), StructureNames.PROSTATE);
      Vec3 e = d.motion().prostateTotalMm();
      for (int a = 0; a < 3; a++) {
        assertEquals(e.get(a), c[a] - c0[a], 0.5, "fx " + f + " centroid axis " + a);
      }
      DailyAnatomy dc = days.anatomy(coarse, coarse.motion().fraction(f));
      double diceFine = Warp.dice(Warp.labels(fine.planningLabels(), d.trueField()).mask(StructureNames.PROSTATE),
          d.trueLabels().mask(StructureNames.PROSTATE));
      double diceCoarse = Warp.dice(Warp.labels(coarse.planningLabels(), dc.trueField()).mask(StructureNames.PROSTATE),
          dc.trueLabels().mask(StructureNames.PROSTATE));
      System.out.printf(Locale.ROOT, "fx %d: min Jacobian %.3f at 2 mm; prostate label-map Dice after warping: 2 mm %.3f, 4 mm %.3f%n",
          f, min, diceFine, diceCoarse);
      assertTrue(diceFine > 0.93, "2 mm prostate Dice " + diceFine);
      // the thin seminal vesicles through the stored 2 mm field vs their analytic rigid motion (1 mm lattice)
      FractionMotion m = d.motion();
      double th = Math.toRadians(m.prostateRotationDeg());
      double sv = Occupancy.latticeDice(fine.anatomy().ctvBox.grow(15), 1.0, fine.anatomy(),
          fine.planningLabels().labelsWithin(StructureNames.SEMINAL_VESICLES),
          (x, y, z, out) -> {
            double[] u = new double[3]; // per call: the lattice is evaluated in parallel
            d.trueField().sample(x, y, z, u);
            out[0] = x + u[0];
            out[1] = y + u[1];
            out[2] = z + u[2];
          },
          (x, y, z, out) -> {
            double qx = x - m.setupMm().x() - m.prostateMm().x();
            double qy = y - m.setupMm().y() - m.prostateMm().y();
            double qz = z - m.setupMm().z() - m.prostateMm().z();
            out[0] = qx;
            out[1] = qy * Math.cos(th) - qz * Math.sin(th);
            out[2] = qy * Math.sin(th) + qz * Math.cos(th);
          });
      System.out.printf(Locale.ROOT, "fx %d: seminal vesicles through the 2 mm field, Dice %.4f%n", f, sv);
      assertTrue(sv > 0.99, "seminal vesicles at 2 mm: " + sv);
      assertEquals(d.motion(), dc.motion(), "the motion does not depend on the voxel size");
    }
  }
}
