package org.twinsim.gpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.compare.GammaCriteria;
import org.twinsim.gpu.compare.GammaIndex;
import org.twinsim.gpu.compare.GammaResult;
import org.twinsim.gpu.dose.GpuDvhEngine;
import org.twinsim.gpu.dose.GpuPencilBeamEngine;
import org.twinsim.gpu.emu.HostEmulatedDevice;
import org.twinsim.gpu.ops.CpuVolumeKernels;
import org.twinsim.gpu.registration.GpuDemonsRegistration;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DvhEngine;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.registration.DemonsRegistration;
import org.twinsim.model.selection.PlanEvaluation;

/**
 * The digital twin's per-fraction decision with the GPU backends (on the host emulation of the
 * device) against the CPU references, end to end on a virtual patient at 8 mm with a three-plan
 * robust library: the same plan of the day, each library dose with a gamma 1%/1 mm pass rate of at
 * least 99% (the GPU issue's criterion), the selection metrics within 0.05 percentage points.
 * Skipped without g++.
 */
class PlanOfTheDayPipelineTest {
  @Test
  void gpuBackendsMakeTheSameDecisionAsTheCpu() {
    String why = HostEmulatedDevice.unavailableReason();
    assumeTrue(why == null, why);
    List<String> log = new ArrayList<>();
    BenchPatient p = BenchPatient.create(8, 5, 3, log::add);
    assertEquals(3, p.library().size());
    PlanOfTheDayPipeline.Outcome cpu = new PlanOfTheDayPipeline(new DemonsRegistration(), new CpuPencilBeamEngine(),
        DvhEngine.cpu(), new CpuVolumeKernels()).run(p);
    PlanOfTheDayPipeline.Outcome gpu;
    try (HostEmulatedDevice device = HostEmulatedDevice.start()) {
      GpuFallback strict = new GpuFallback(w -> {
        throw new AssertionError("unexpected fallback: " + w);
      });
      gpu = new PlanOfTheDayPipeline(new GpuDemonsRegistration(device, strict),
          new GpuPencilBeamEngine(device, null, null, strict), new GpuDvhEngine(device, strict), new CpuVolumeKernels()).run(p);
    }
    assertEquals(cpu.chosen().planId(), gpu.chosen().planId(), "the plan of the day");
    for (int i = 0; i < 3; i++) {
      PlanEvaluation a = cpu.evaluations().get(i);
      PlanEvaluation b = gpu.evaluations().get(i);
      assertEquals(a.ctvD98Pct(), b.ctvD98Pct(), 0.05, a.planId());
      assertEquals(a.bladderNeckD2ccPct(), b.bladderNeckD2ccPct(), 0.05, a.planId());
      assertEquals(a.rectumD2ccPct(), b.rectumD2ccPct(), 0.05, a.planId());
      assertEquals(a.bladderD2ccPct(), b.bladderD2ccPct(), 0.05, a.planId());
      var grid = p.day().cbct().grid();
      GammaResult g = GammaIndex.compare(new Volume(grid, cpu.doses().get(i)), new Volume(grid, gpu.doses().get(i)),
          GammaCriteria.defaults());
      assertTrue(g.passRate() >= 0.99, a.planId() + ": " + g);
    }
    assertTrue(cpu.describe().contains("chose " + cpu.chosen().planId()), cpu.describe());
  }
}
