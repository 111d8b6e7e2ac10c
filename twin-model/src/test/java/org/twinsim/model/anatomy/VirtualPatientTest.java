package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.random.RandomStreams;

/**
 * The planning anatomy of virtual patients against anatomy and CT physics known from outside:
 * grid geometry of the spec, CT numbers of tissues, relative positions of the pelvic organs, the
 * organ volumes the motion model drew, and the distribution of prostate volumes.
 */
class VirtualPatientTest {
  private static final long SEED = 42;
  private static VirtualPatient patient;

  @BeforeAll
  static void generate() {
    patient = VirtualPatientGenerator.defaults().generate(SEED, 0, 0);
  }

  @Test
  void defaultGridIs480x320x240mmAt4mm() {
    Grid3 g = patient.planningCt().grid();
    assertEquals(120, g.nx());
    assertEquals(80, g.ny());
    assertEquals(60, g.nz());
    assertEquals(4.0, g.spacingXMm(), 1e-12);
    Grid3 g2 = PhantomSpec.withSpacing(2).grid();
    assertEquals(240, g2.nx());
    assertEquals(160, g2.ny());
    assertEquals(120, g2.nz());
    // isocentre (origin) inside, scan from 80 mm below to 160 mm above it
    assertEquals(-80.0, g.originZMm() - 0.5 * g.spacingZMm(), 1e-9);
    assertTrue(patient.planningLabels().grid().sameAs(g));
  }

  /**
   * Mean CT numbers of delineated tissues (voxels fully inside the structure) lie in the ranges
   * of clinical CT: urine 0-20 HU, prostate 30-55 HU, rectal wall/content -60..60 HU (gas
   * excluded), trabecular/cortical bone of the femoral head 150-700 HU; air outside -1000 HU.
   */
  @Test
  void tissuesHaveClinicalCtNumbers() {
    LabelMap l = patient.planningLabels();
    float[] ct = patient.planningCt().data();
    double bladder = Occupancy.erodedMean(l, StructureNames.BLADDER, ct);
    double prostate = Occupancy.erodedMean(l, StructureNames.PROSTATE, ct);
    double head = Occupancy.erodedMean(l, StructureNames.FEMORAL_HEAD_L, ct);
    System.out.printf(Locale.ROOT, "mean HU: bladder %.1f, prostate %.1f, femoral head %.1f%n", bladder, prostate, head);
    assertTrue(bladder > 0 && bladder < 20, "bladder " + bladder);
    assertTrue(prostate > 30 && prostate < 55, "prostate " + prostate);
    assertTrue(head > 150 && head < 700, "femoral head " + head);
    Grid3 g = l.grid();
    assertEquals(-1000f, ct[g.index(0, 0, 0)], 1e-3f, "corner of the scan is air");
    // subcutaneous fat: a voxel 10 mm inside the skin on the left, at the level of the isocentre
    double xSkin = 0;
    for (int i = g.nx() - 1; i >= 0; i--) {
      if (l.labels()[g.index(i, (int) Math.round(g.fj(0)), (int) Math.round(g.fk(0)))] != 0) {
        xSkin = g.x(i);
        break;
      }
    }
    float fat = patient.planningCt().sample(xSkin - 10, 0, 0, 0f);
    assertTrue(fat > -140 && fat < -60, "subcutaneous fat " + fat + " HU at x = " + (xSkin - 10));
  }

  /**
   * Pelvic anatomy: bladder superior (and anterior) to the prostate, rectum posterior to it,
   * left femoral head at +x (DICOM: patient's left), right at -x, at the level of the prostate
   * base +-30 mm, about 150-200 mm apart; every organ inside the body.
   */
  @Test
  void organsSitWhereAnatomySaysTheyDo() {
    LabelMap l = patient.planningLabels();
    double[] pr = Occupancy.centroid(l, StructureNames.PROSTATE);
    double[] bl = Occupancy.centroid(l, StructureNames.BLADDER);
    double[] re = Occupancy.centroid(l, StructureNames.RECTUM);
    double[] fl = Occupancy.centroid(l, StructureNames.FEMORAL_HEAD_L);
    double[] fr = Occupancy.centroid(l, StructureNames.FEMORAL_HEAD_R);
    double[] neck = Occupancy.centroid(l, StructureNames.BLADDER_NECK);
    double[] sv = Occupancy.centroid(l, StructureNames.SEMINAL_VESICLES);
    assertEquals(0, pr[0], 0.5, "prostate centroid at the isocentre (x)");
    assertEquals(0, pr[1], 0.5, "prostate centroid at the isocentre (y)");
    assertEquals(0, pr[2], 0.5, "prostate centroid at the isocentre (z)");
    assertTrue(bl[2] > pr[2] + 30, "bladder above the prostate");
    assertTrue(bl[1] < pr[1], "bladder anterior to the prostate centre");
    assertTrue(re[1] > pr[1] + 15, "rectum posterior to the prostate");
    assertTrue(neck[2] > pr[2] && neck[2] < bl[2], "bladder neck between prostate and bladder centre");
    assertTrue(sv[2] > pr[2] && sv[1] > pr[1], "seminal vesicles superior-posterior to the prostate");
    assertTrue(fl[0] > 60 && fr[0] < -60, "left femoral head at +x, right at -x: " + fl[0] + ", " + fr[0]);
    assertTrue(Math.abs(fl[2] - pr[2]) < 40 && Math.abs(fr[2] - pr[2]) < 40, "femoral heads at the level of the prostate");
    double sep = fl[0] - fr[0];
    assertTrue(sep > 150 && sep < 230, "femoral heads (with necks) " + sep + " mm apart");
    assertTrue(l.volumeCc(StructureNames.PELVIC_BONE) > 150, "pelvic bone " + l.volumeCc(StructureNames.PELVIC_BONE) + " cc");
    // urethra inside the prostate (it is the prostate's child: its voxels are prostate voxels)
    assertTrue(l.voxelCount(StructureNames.URETHRA) > 0);
    assertTrue(l.volumeCc(StructureNames.URETHRA) < 0.2 * l.volumeCc(StructureNames.PROSTATE));
  }

  /** The planning structures have the volumes that were drawn: prostate (phantom), bladder and rectum (motion model). */
  @Test
  void planningVolumesAreTheDrawnOnes() {
    LabelMap l = patient.planningLabels();
    double p = l.volumeCc(StructureNames.PROSTATE);
    double b = l.volumeCc(StructureNames.BLADDER);
    double r = l.volumeCc(StructureNames.RECTUM);
    System.out.printf(Locale.ROOT, "planning volumes (labels vs drawn): prostate %.1f/%.1f, bladder %.0f/%.0f, rectum %.1f/%.1f%n",
        p, patient.anatomy().prostateVolumeCc(), b, patient.motion().bladderPlanningMl(), r, patient.motion().rectumPlanningMl());
    assertEquals(patient.anatomy().prostateVolumeCc(), p, 0.05 * p);
    assertEquals(patient.motion().bladderPlanningMl(), b, 0.03 * b);
    assertEquals(patient.motion().rectumPlanningMl(), r, 0.06 * r);
  }

  /**
   * Prostate volumes across patients follow the configured log-normal (median 40 cc, CV 0.25):
   * the sample median lies within its 99.9% band and 30-60 cc holds about 83% of patients
   * (binomial, 4 SD).
   */
  @Test
  void prostateVolumesSpanTheTypical30to60cc() {
    PhantomSpec spec = PhantomSpec.defaults();
    int n = 40;
    double[] v = new double[n];
    int typical = 0;
    for (int p = 0; p < n; p++) {
      PelvisPhantom ph = PelvisPhantom.draw(spec, RandomStreams.stream(7, "anatomy.phantom", 0, p), 375, 70);
      v[p] = ph.prostateVolumeCc();
      if (v[p] >= 30 && v[p] <= 60) {
        typical++;
      }
      assertTrue(v[p] >= spec.prostateVolumeMinCc() && v[p] <= spec.prostateVolumeMaxCc());
    }
    Arrays.sort(v);
    double median = 0.5 * (v[n / 2 - 1] + v[n / 2]);
    double sigma = Math.sqrt(Math.log(1 + 0.25 * 0.25));
    // SD of a sample median of a normal (log scale) ~ 1.2533 sigma / sqrt(n)
    double band = 3.3 * 1.2533 * sigma / Math.sqrt(n);
    assertTrue(Math.abs(Math.log(median / 40)) < band, "median prostate volume " + median + " cc");
    double pTypical = 0.8256; // Phi(ln(60/40)/sigma) - Phi(ln(30/40)/sigma), sigma = 0.2462
    assertEquals(n * pTypical, typical, 4 * Math.sqrt(n * pTypical * (1 - pTypical)), "patients with 30-60 cc");
  }

  /** Different patients of one run differ; the body and the prostate vary between patients. */
  @Test
  void patientsDiffer() {
    PhantomSpec spec = PhantomSpec.defaults();
    PelvisPhantom a = PelvisPhantom.draw(spec, RandomStreams.stream(SEED, "anatomy.phantom", 0, 1), 375, 70);
    PelvisPhantom b = PelvisPhantom.draw(spec, RandomStreams.stream(SEED, "anatomy.phantom", 0, 2), 375, 70);
    assertTrue(a.prostateVolumeCc() != b.prostateVolumeCc());
    assertTrue(a.body.halfWidthMm != b.body.halfWidthMm);
    assertTrue(a.prostate.taper != b.prostate.taper, "prostate shape varies");
  }
}
