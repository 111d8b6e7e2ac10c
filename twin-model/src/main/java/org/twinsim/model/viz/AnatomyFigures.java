package org.twinsim.model.viz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.twinsim.model.anatomy.DailyAnatomy;
import org.twinsim.model.anatomy.DailyAnatomyGenerator;
import org.twinsim.model.anatomy.FractionMotion;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.anatomy.AnatomyVariation;

/**
 * Figures of virtual patients for a physicist's eye: planning CT, the true CT of a day and its
 * CBCT side by side, axial through the isocentre, through the seminal vesicles (8 mm above the
 * bladder outlet) and through the bladder (35 mm above it), sagittal through the midline, with the
 * structures outlined. All panels show the same room coordinates, so setup error and organ motion
 * appear as motion against the isocentre cross.
 *
 * <p>Command line: {@code AnatomyFigures OUT_DIR [spacingMm=4] [patients=2] [fractions=0,5]
 * [seed=1]} writes {@code OUT_DIR/patient<p>_fx<k>.png}.
 */
public final class AnatomyFigures {
  /** Structures outlined by default. */
  public static final List<String> STRUCTURES = List.of(StructureNames.BODY, StructureNames.PROSTATE,
      StructureNames.URETHRA, StructureNames.SEMINAL_VESICLES, StructureNames.BLADDER, StructureNames.BLADDER_NECK,
      StructureNames.RECTUM, StructureNames.RECTAL_WALL, StructureNames.FEMORAL_HEAD_L, StructureNames.FEMORAL_HEAD_R,
      StructureNames.PELVIC_BONE);

  private AnatomyFigures() {
  }

  /** Writes the planning / true day / CBCT comparison of one day. */
  public static void writeComparison(Path png, VirtualPatient patient, DailyAnatomy day) throws IOException {
    FractionMotion m = day.motion();
    String title = String.format(Locale.ROOT,
        "patient %d fraction %d | setup (%.1f, %.1f, %.1f) mm, prostate (%.1f, %.1f, %.1f) mm, rot %.1f deg, "
            + "bladder %.0f -> %.0f mL, rectum %.0f -> %.0f mL, gas %.1f cc",
        patient.patient(), day.fraction(), m.setupMm().x(), m.setupMm().y(), m.setupMm().z(),
        m.prostateMm().x(), m.prostateMm().y(), m.prostateMm().z(), m.prostateRotationDeg(),
        patient.motion().bladderPlanningMl(), m.bladderVolumeMl(), patient.motion().rectumPlanningMl(),
        m.rectumVolumeMl(), day.rectalGasCc());
    List<SliceFigure.Panel> panels = List.of(
        new SliceFigure.Panel("planning CT", patient.planningCt(), patient.planningLabels()),
        new SliceFigure.Panel("true CT fx " + day.fraction(), day.trueCt(), day.trueLabels()),
        new SliceFigure.Panel("CBCT fx " + day.fraction(), day.cbct(), day.trueLabels()));
    double outletZ = patient.anatomy().bladderOutletMm().z();
    List<SliceFigure.Slice> slices = List.of(SliceFigure.Slice.axialAt(0), SliceFigure.Slice.axialAt(outletZ + 8),
        SliceFigure.Slice.axialAt(outletZ + 35), SliceFigure.Slice.sagittalAt(0));
    SliceFigure.write(png, title, panels, slices, STRUCTURES, SliceFigure.SOFT_TISSUE, 1.25);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: AnatomyFigures OUT_DIR [spacingMm=4] [patients=2] [fractions=0,5] [seed=1]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    double spacing = args.length > 1 ? Double.parseDouble(args[1]) : 4;
    int patients = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String[] fx = (args.length > 3 ? args[3] : "0,5").split(",");
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    VirtualPatientGenerator gen = new VirtualPatientGenerator(PhantomSpec.withSpacing(spacing), AnatomyVariation.defaults());
    DailyAnatomyGenerator days = DailyAnatomyGenerator.defaults();
    for (int p = 0; p < patients; p++) {
      VirtualPatient vp = gen.generate(seed, 0, p);
      for (String f : fx) {
        int k = Integer.parseInt(f.trim());
        Path png = out.resolve("patient" + p + "_fx" + k + ".png");
        DailyAnatomy day = days.day(vp, k);
        writeComparison(png, vp, day);
        System.out.printf(Locale.ROOT, "%s (rectal gas %.1f cc)%n", png, day.rectalGasCc());
      }
    }
  }
}
