package org.twinsim.model.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MachineDriftTest {
  /** A step between two daily checks: treated with on its day, seen by QA from the next morning, ended by a later recalibration. */
  @Test
  void outputStepHappensAfterTheMorningQa() {
    MachineDrift d = new MachineDrift(0, null, null, null, 3.0, 7);
    assertEquals(0.0, d.at(6, -1).outputPct(), 0);
    assertEquals(0.0, d.atQa(7, -1).outputPct(), 0, "the morning QA of the step day does not see it");
    assertEquals(3.0, d.at(7, -1).outputPct(), 0, "that day's fractions are treated with it");
    assertEquals(3.0, d.atQa(8, -1).outputPct(), 0, "the next morning's QA sees it");
    assertEquals(3.0, d.at(9, 7).outputPct(), 0, "a recalibration on the step day's morning came before it");
    assertEquals(0.0, d.at(8, 8).outputPct(), 0, "a recalibration after it ends it");
    assertEquals(0.0, d.gradual().at(9, -1).outputPct(), 0);
  }

  /** Linear drift in weeks of 5 treatment days from the start day, restarting from a recalibration. */
  @Test
  void rangeDriftIsLinearAndRestarts() {
    MachineDrift d = new MachineDrift(10, 0.2, null, null, null, null);
    assertEquals(0.0, d.at(10, -1).rangeMm(), 1e-12);
    assertEquals(0.4, d.at(20, -1).rangeMm(), 1e-12);
    assertEquals(0.2, d.at(20, 15).rangeMm(), 1e-12);
    assertEquals(d.at(20, 15).rangeMm(), d.atQa(20, 15).rangeMm(), 0);
  }
}
