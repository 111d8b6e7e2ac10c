package org.twinsim.model.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.dose.Beam;
import org.twinsim.model.dose.EnergyLayer;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Spot;
import org.twinsim.model.geometry.Vec3;

class PlanLibraryTest {
  static PlanningResult planFor(double setupMm) {
    Plan p = new Plan("p" + setupMm, List.of(new Beam("G90", 90, Vec3.ZERO,
        List.of(new EnergyLayer(150, List.of(new Spot(0, 0, 1)))))));
    OptimizationResult o = new OptimizationResult(p, 0, 0, 0, 0, 0, true, "test", List.of(), 21, 0, 0, 0, 0);
    return new PlanningResult(p, new UncertaintySetting(setupMm, 0.035), o, 0, 1);
  }

  /** The library hands out the tightest plan that still covers the requested setup error. */
  @Test
  void choosesTheTightestCoveringPlan() {
    PlanLibrary lib = new PlanLibrary(List.of(planFor(1.5), planFor(3), planFor(5)), 2.5);
    assertEquals(1.5, lib.coveringSetup(0.5).setting().setupMm());
    assertEquals(3.0, lib.coveringSetup(2.0).setting().setupMm());
    assertEquals(3.0, lib.coveringSetup(3.0).setting().setupMm());
    assertEquals(5.0, lib.coveringSetup(4.2).setting().setupMm());
    assertEquals(5.0, lib.coveringSetup(9.0).setting().setupMm()); // nothing covers: the widest
    assertThrows(IllegalArgumentException.class, () -> new PlanLibrary(List.of(), 2.5));
  }
}
