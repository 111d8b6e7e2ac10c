package org.twinsim.gpu.dose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.compare.GammaCriteria;
import org.twinsim.gpu.compare.GammaIndex;
import org.twinsim.gpu.compare.GammaResult;
import org.twinsim.gpu.emu.HostEmulatedDevice;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.DoseEngineParams;
import org.twinsim.model.dose.DoseMetrics;
import org.twinsim.model.dose.DoseVolumeHistogram;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.dose.StoppingPowerCalibration;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.planning.Morphology;
import org.twinsim.model.planning.ProstatePlanner;
import org.twinsim.model.planning.SpotPlacementParams;
import org.twinsim.model.planning.SpotPlacer;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * The GPU dose and DVH backends against the CPU references on the host emulation of the device
 * (the committed dose.cu compiled with g++, launches checked against the PTX signatures): a
 * virtual patient at 8 mm, two-beam plans from the spot placer with random weights (some zero).
 * Dose: every voxel within 1e-5 of the maximum dose (the float roundings of sums that differ only
 * by exp's last bits) and a gamma 1%/1 mm pass rate of 100%. DVH: equal counts, so equal
 * quantiles. Failures fall back to the CPU with a warning. Skipped without g++.
 */
class GpuDoseEnginesTest {
  private static HostEmulatedDevice device;
  private static VirtualPatient vp;
  private static DoseContext ctx;
  private static Plan plan;
  private static final BeamModel MODEL = BeamModel.defaults();

  @BeforeAll
  static void setUp() {
    String why = HostEmulatedDevice.unavailableReason();
    assumeTrue(why == null, why);
    device = HostEmulatedDevice.start();
    vp = new VirtualPatientGenerator(PhantomSpec.withSpacing(8), AnatomyVariation.defaults()).generate(11, 0, 0);
    ctx = DoseContext.fromCt(vp.planningCt(), StoppingPowerCalibration.defaults());
    boolean[] target = Morphology.dilate(vp.planningLabels().mask(StructureNames.CTV), vp.planningCt().grid(), 5);
    Vec3 iso = ProstatePlanner.ctvCentroid(vp.planningLabels());
    Plan placed = new SpotPlacer(MODEL, SpotPlacementParams.defaults()).place("test", ctx, target, iso, 0.035, 1.0);
    double[] w = new double[placed.spotCount()];
    RandomStream rs = RandomStreams.stream(3, "test.gpu.spotWeights");
    for (int s = 0; s < w.length; s++) {
      w[s] = rs.nextDouble() < 0.2 ? 0 : 0.5 + 2 * rs.nextDouble();
    }
    plan = placed.withWeights(w);
  }

  @AfterAll
  static void tearDown() {
    if (device != null) {
      device.close();
    }
  }

  private static GpuFallback strict() {
    return new GpuFallback(w -> {
      throw new AssertionError("unexpected fallback: " + w);
    });
  }

  private static void assertSameDose(float[] cpu, float[] gpu, String what) {
    double max = 0;
    for (float v : cpu) {
      max = Math.max(max, v);
    }
    assertTrue(max > 0, what + ": the plan deposits dose");
    double worst = 0;
    int differ = 0;
    for (int i = 0; i < cpu.length; i++) {
      double d = Math.abs((double) cpu[i] - gpu[i]);
      worst = Math.max(worst, d);
      differ += d > 0 ? 1 : 0;
    }
    assertTrue(worst <= 1e-5 * max, what + ": max |gpu - cpu| = " + worst + " Gy (max dose " + max + " Gy), "
        + differ + " voxels differ");
    Volume a = new Volume(ctx.grid(), cpu);
    Volume b = new Volume(ctx.grid(), gpu);
    GammaResult g = GammaIndex.compare(a, b, GammaCriteria.defaults());
    assertEquals(1.0, g.passRate(), 0.0, what + ": " + g);
  }

  @Test
  void forwardDoseEqualsTheCpuNominalAndShiftedWithRangeError() {
    GpuPencilBeamEngine gpu = new GpuPencilBeamEngine(device, MODEL, null, strict());
    CpuPencilBeamEngine cpu = new CpuPencilBeamEngine(MODEL, DoseEngineParams.defaults());
    for (Scenario s : List.of(Scenario.NOMINAL, new Scenario(new Vec3(3, -2, 1.5), 0.035))) {
      float[] c = new float[ctx.grid().size()];
      float[] g = new float[ctx.grid().size()];
      cpu.computeDose(ctx, plan, s, c);
      gpu.computeDose(ctx, plan, s, g);
      assertSameDose(c, g, s.toString());
    }
  }

  @Test
  void depthMapsAreTracedOncePerContextAndSource() {
    GpuPencilBeamEngine gpu = new GpuPencilBeamEngine(device, MODEL, null, strict());
    float[] out = new float[ctx.grid().size()];
    long before = device.launches("wepl_trace");
    gpu.computeDose(ctx, plan, Scenario.NOMINAL, out);
    assertEquals(plan.beams().size(), device.launches("wepl_trace") - before, "one trace per beam source");
    gpu.computeDose(ctx, plan.named("again"), Scenario.NOMINAL, out);
    assertEquals(plan.beams().size(), device.launches("wepl_trace") - before, "the second plan on the CT traces nothing");
    long allocs = device.allocations();
    gpu.computeDose(ctx, plan, Scenario.NOMINAL, out);
    assertEquals(allocs, device.allocations(), "buffers are reused");
    gpu.close();
  }

  @Test
  void aBeamThatMissesThePatientThrowsAsOnTheCpu() {
    Scenario away = new Scenario(new Vec3(0, 0, 2000), 0);
    GpuPencilBeamEngine gpu = new GpuPencilBeamEngine(device, MODEL, null, strict());
    float[] out = new float[ctx.grid().size()];
    assertThrows(IllegalArgumentException.class, () -> new CpuPencilBeamEngine().computeDose(ctx, plan, away, out));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpu.computeDose(ctx, plan, away, out));
    assertTrue(e.getMessage().contains("misses the patient"), e.getMessage());
  }

  @Test
  void aDeviceFailureFallsBackToTheCpuWithAWarning() {
    List<String> warnings = new ArrayList<>();
    GpuPencilBeamEngine gpu = new GpuPencilBeamEngine(device, MODEL, null, new GpuFallback(warnings::add));
    float[] g = new float[ctx.grid().size()];
    float[] c = new float[ctx.grid().size()];
    device.failLaunch(1, "pencil_dose");
    try {
      gpu.computeDose(ctx, plan, Scenario.NOMINAL, g);
    } finally {
      device.failLaunch(0, null);
    }
    new CpuPencilBeamEngine(MODEL, DoseEngineParams.defaults()).computeDose(ctx, plan, Scenario.NOMINAL, c);
    assertArrayEquals(c, g, "the CPU result, exactly");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("pencil_dose"), warnings.get(0));
  }

  @Test
  void dvhEqualsTheCpuReference() {
    float[] dose = new float[ctx.grid().size()];
    new CpuPencilBeamEngine(MODEL, DoseEngineParams.defaults()).computeDose(ctx, plan, Scenario.NOMINAL, dose);
    dose[0] = -0.5f; // negative doses count as 0
    List<String> structures = DoseMetrics.prostateStructures().stream().filter(s -> vp.planningLabels().has(s)
        && vp.planningLabels().voxelCount(s) > 0).toList();
    Map<String, DoseVolumeHistogram> c = DoseMetrics.histograms(dose, vp.planningLabels(), structures);
    Map<String, DoseVolumeHistogram> g = new GpuDvhEngine(device, strict()).histograms(dose, vp.planningLabels(), structures);
    assertEquals(c.keySet(), g.keySet());
    for (String s : structures) {
      DoseVolumeHistogram a = c.get(s);
      DoseVolumeHistogram b = g.get(s);
      assertEquals(a.voxelCount(), b.voxelCount(), s);
      assertEquals(a.binWidthGy(), b.binWidthGy(), 0.0, s);
      assertArrayEquals(a.cumulativePercent(), b.cumulativePercent(), 0.0, s + ": equal counts in every bin");
      assertEquals(a.minGy(), b.minGy(), 0.0, s);
      assertEquals(a.maxGy(), b.maxGy(), 0.0, s);
      assertEquals(a.meanGy(), b.meanGy(), 1e-12 * Math.max(1e-12, a.meanGy()), s);
      for (double pct : new double[] {98, 95, 50, 2}) {
        assertEquals(a.doseAtVolumePercent(pct), b.doseAtVolumePercent(pct), 0.0, s + " D" + pct);
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> new GpuDvhEngine(device, strict()).histograms(dose, vp.planningLabels(), List.of("no such structure")));
  }

  /**
   * A dose grid with NaN goes to the CPU reference unchanged, so the GPU engine behaves exactly as
   * the CPU does (which, as of this writing, fails with an index error: DoseMetrics.histograms does
   * not define a DVH of NaN doses).
   */
  @Test
  void aDoseWithNanIsHandedToTheCpuReference() {
    float[] dose = new float[ctx.grid().size()];
    java.util.Arrays.fill(dose, 1f);
    dose[5] = Float.NaN;
    List<String> one = List.of(StructureNames.CTV);
    Object cpu;
    try {
      cpu = DoseMetrics.histograms(dose, vp.planningLabels(), one).get(StructureNames.CTV).meanGy();
    } catch (RuntimeException e) {
      cpu = e.getClass();
    }
    Object gpu;
    try {
      gpu = new GpuDvhEngine(device, strict()).histograms(dose, vp.planningLabels(), one).get(StructureNames.CTV).meanGy();
    } catch (RuntimeException e) {
      gpu = e.getClass();
    }
    assertEquals(cpu, gpu);
  }
}
