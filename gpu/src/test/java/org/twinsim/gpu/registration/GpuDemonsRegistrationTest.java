package org.twinsim.gpu.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinsim.gpu.GpuFallback;
import org.twinsim.gpu.emu.HostEmulatedDevice;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.DailyAnatomy;
import org.twinsim.model.anatomy.DailyAnatomyGenerator;
import org.twinsim.model.anatomy.PhantomSpec;
import org.twinsim.model.anatomy.VirtualPatient;
import org.twinsim.model.anatomy.VirtualPatientGenerator;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.registration.DailyRegistration;
import org.twinsim.model.registration.DeformableResult;
import org.twinsim.model.registration.DemonsParameters;
import org.twinsim.model.registration.DemonsRegistration;
import org.twinsim.model.registration.LevelReport;
import org.twinsim.model.registration.RegionOfInterest;
import org.twinsim.model.registration.RegistrationException;
import org.twinsim.model.registration.RegistrationInput;
import org.twinsim.model.registration.RigidTransform;
import org.twinsim.model.registration.TargetRegistrationError;

/**
 * The GPU registration's orchestration and kernels against the CPU reference, on the host
 * emulation of the device (the committed .cu compiled with g++, launches checked against the PTX
 * signatures): the field must be bit-identical to {@link DemonsRegistration}'s for each force and
 * update rule with fixed iteration counts, within the package's backend tolerance with the
 * convergence test on; a device failure must cost nothing but a warning. Skipped without g++.
 * A virtual patient pair at 8 mm keeps the emulation fast (single-threaded, one thread per block).
 */
class GpuDemonsRegistrationTest {
  private static HostEmulatedDevice device;
  private static VirtualPatient vp;
  private static DailyAnatomy day;
  private static RegionOfInterest roi;

  @BeforeAll
  static void setUp() {
    String why = HostEmulatedDevice.unavailableReason();
    assumeTrue(why == null, why);
    device = HostEmulatedDevice.start();
    vp = new VirtualPatientGenerator(PhantomSpec.withSpacing(8), AnatomyVariation.defaults()).generate(7, 0, 0);
    day = DailyAnatomyGenerator.defaults().day(vp, 2);
    roi = DailyRegistration.automaticRoi(vp.planningLabels(), RigidTransform.IDENTITY);
  }

  @AfterAll
  static void tearDown() {
    if (device != null) {
      device.close();
    }
  }

  /** A fallback that turns any fallback into a test failure (the GPU path must not fail here). */
  private static GpuFallback strict() {
    return new GpuFallback(w -> {
      throw new AssertionError("unexpected fallback: " + w);
    });
  }

  private static RegistrationInput input(RigidTransform initial, boolean[] mask) {
    return new RegistrationInput(day.cbct(), vp.planningCt(), initial, roi, mask);
  }

  private static DemonsParameters fixed(int iterations) {
    return DemonsParameters.defaults().withConvergenceMm(0).withMaxIterations(iterations);
  }

  private static void assertSameField(DeformableResult cpu, DeformableResult gpu) {
    assertEquals(DemonsRegistration.NAME, cpu.method());
    assertEquals(GpuDemonsRegistration.NAME, gpu.method());
    assertArrayEquals(cpu.iterationsPerLevel(), gpu.iterationsPerLevel(), "iterations per level");
    assertArrayEquals(cpu.field().ux(), gpu.field().ux(), "ux");
    assertArrayEquals(cpu.field().uy(), gpu.field().uy(), "uy");
    assertArrayEquals(cpu.field().uz(), gpu.field().uz(), "uz");
    for (int l = 0; l < cpu.levels().size(); l++) {
      LevelReport a = cpu.levels().get(l);
      LevelReport b = gpu.levels().get(l);
      assertEquals(a.metricStart(), b.metricStart(), 1e-9 * a.metricStart(), "metric start, level " + a.level());
      assertEquals(a.metricEnd(), b.metricEnd(), 1e-9 * a.metricEnd(), "metric end, level " + a.level());
    }
  }

  @Test
  void symmetricAdditiveFieldIsBitIdentical() {
    DemonsParameters p = fixed(12);
    GpuDemonsRegistration gpu = new GpuDemonsRegistration(device, strict());
    List<String> calls = new ArrayList<>();
    DeformableResult g = gpu.register(input(RigidTransform.IDENTITY, null), p, new org.twinsim.model.registration.RegistrationListener() {
      @Override
      public void iteration(String method, int level, int iteration, double metric, double updateRmsMm) {
        calls.add(level + ":" + iteration);
      }
    });
    DeformableResult c = new DemonsRegistration().register(input(RigidTransform.IDENTITY, null), p);
    assertSameField(c, g);
    assertEquals(3 * 12, calls.size(), "one iteration callback per update, every level");
    assertEquals("2:0", calls.get(0));
    assertEquals("0:11", calls.get(calls.size() - 1));
  }

  @Test
  void everyForceAndUpdateRuleWithARotationAndAMaskIsBitIdentical() {
    RigidTransform rot = new RigidTransform(new Vec3(1.5, -2.0, 0.7), new Vec3(0.02, -0.015, 0.01), new Vec3(5, -3, 10));
    Grid3 fg = day.cbct().grid();
    boolean[] fov = new boolean[fg.size()];
    for (int k = 0; k < fg.nz(); k++) {
      for (int j = 0; j < fg.ny(); j++) {
        for (int i = 0; i < fg.nx(); i++) {
          double x = fg.x(i);
          double y = fg.y(j);
          fov[fg.index(i, j, k)] = x * x + y * y < 130.0 * 130.0; // a cylindrical field of view
        }
      }
    }
    GpuDemonsRegistration gpu = new GpuDemonsRegistration(device, strict());
    DemonsRegistration cpu = new DemonsRegistration();
    for (DemonsParameters.Force f : DemonsParameters.Force.values()) {
      for (DemonsParameters.UpdateRule u : DemonsParameters.UpdateRule.values()) {
        DemonsParameters p = fixed(8).withForce(f).withUpdateRule(u);
        assertSameField(cpu.register(input(rot, fov), p), gpu.register(input(rot, fov), p));
      }
    }
  }

  @Test
  void withTheConvergenceTestTheFieldIsWithinTheBackendTolerance() {
    DemonsParameters p = DemonsParameters.defaults().withMaxIterations(30);
    DeformableResult g = new GpuDemonsRegistration(device, strict()).register(input(RigidTransform.IDENTITY, null), p);
    DeformableResult c = new DemonsRegistration().register(input(RigidTransform.IDENTITY, null), p);
    TargetRegistrationError d = TargetRegistrationError.of(g.field(), c.field(), roiMask(day.cbct(), roi));
    assertTrue(d.rmsMm() <= 0.05 && d.maxMm() <= 0.5, "GPU vs CPU over the region: " + d);
  }

  @Test
  void aDeviceFailureFallsBackToTheCpuWithAWarningAndTheSameField() {
    List<String> warnings = new ArrayList<>();
    GpuFallback fb = new GpuFallback(warnings::add);
    GpuDemonsRegistration gpu = new GpuDemonsRegistration(device, fb);
    DemonsParameters p = fixed(5);
    device.failLaunch(10, "reg_forces"); // in the second level
    DeformableResult g;
    try {
      g = gpu.register(input(RigidTransform.IDENTITY, null), p);
    } finally {
      device.failLaunch(0, null);
    }
    DeformableResult c = new DemonsRegistration().register(input(RigidTransform.IDENTITY, null), p);
    assertEquals(DemonsRegistration.NAME, g.method(), "the result says it was computed on the CPU");
    assertArrayEquals(c.field().ux(), g.field().ux());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("reg_forces") && warnings.get(0).contains("CPU"), warnings.get(0));
    assertTrue(!fb.gpuEnabled(), "a launch failure is sticky: the GPU is given up");
  }

  @Test
  void buffersAreReusedAcrossCallsOfTheSameSizes() {
    GpuDemonsRegistration gpu = new GpuDemonsRegistration(device, strict());
    DemonsParameters p = fixed(3);
    gpu.register(input(RigidTransform.IDENTITY, null), p);
    long allocs = device.allocations();
    DeformableResult second = gpu.register(input(RigidTransform.IDENTITY, null), p);
    assertEquals(allocs, device.allocations(), "no new device allocation for a second fraction of the same grids");
    assertEquals(GpuDemonsRegistration.NAME, second.method());
    gpu.close();
  }

  @Test
  void illPosedInputThrowsAsOnTheCpu() {
    Volume constant = new Volume(day.cbct().grid(), new float[day.cbct().grid().size()]);
    GpuDemonsRegistration gpu = new GpuDemonsRegistration(device, strict());
    RegistrationException e = assertThrows(RegistrationException.class, () -> gpu.register(
        new RegistrationInput(constant, vp.planningCt(), RigidTransform.IDENTITY, roi, null), fixed(2)));
    assertTrue(e.getMessage().contains("constant"), e.getMessage());
  }

  /** The voxels of the fixed grid inside the region. */
  static boolean[] roiMask(Volume fixed, RegionOfInterest r) {
    Grid3 g = fixed.grid();
    boolean[] m = new boolean[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double x = g.x(i);
          double y = g.y(j);
          double z = g.z(k);
          m[g.index(i, j, k)] = x >= r.minMm().x() && x <= r.maxMm().x() && y >= r.minMm().y() && y <= r.maxMm().y()
              && z >= r.minMm().z() && z <= r.maxMm().z();
        }
      }
    }
    return m;
  }

}
