package org.twinsim.engine.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.qa.MachineDrift;
import org.twinsim.model.qa.Severity;

class MachineQaTest {
  static List<LocalDate> days(int n) {
    List<LocalDate> d = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      d.add(LocalDate.of(2026, 1, 5).plusDays(i));
    }
    return d;
  }

  /**
   * A range drift of 0.2 mm per week from day 20 reaches the 1 mm TG-224 tolerance after 25
   * treatment days; the twin's CUSUM on 0.3 mm QA noise flags it before then in nearly every room.
   */
  @Test
  void slowRangeDriftIsFlaggedBeforeTolerance() {
    MachineSpec spec = new MachineSpec(new MachineDrift(20, 0.2, null, null, null, null), null, null, null, null);
    int flagged = 0;
    int n = 200;
    for (int rep = 0; rep < n; rep++) {
      List<MachineQa.Day> ds = MachineQa.room(spec, 42, rep, 0, days(60));
      int first = -1;
      for (MachineQa.Day d : ds) {
        if (d.treatmentDay() >= 20 && d.severity() != null && d.severity() != Severity.INFO) {
          first = d.treatmentDay();
          break;
        }
      }
      if (first >= 0 && first < 46) {
        flagged++;
      }
    }
    System.out.println("range drift flagged before tolerance: " + flagged + " of " + n);
    assertTrue(flagged >= 0.9 * n, flagged + " of " + n);
  }

  /** A recalibration resets the delivered state; without drift nothing is recalibrated once the baseline is set. */
  @Test
  void recalibrationResetsTheDeliveredState() {
    MachineSpec spec = new MachineSpec(new MachineDrift(20, 1.0, null, null, null, null), null, null, "review", 2.0);
    List<MachineQa.Day> ds = MachineQa.room(spec, 7, 0, 1, days(60));
    boolean any = false;
    for (MachineQa.Day d : ds) {
      if (d.recalibrated()) {
        any = true;
        assertEquals(0.0, d.delivered().rangeMm(), 0.0);
      }
      assertEquals(d.driftUncorrected().rangeMm(), spec.drift().at(d.treatmentDay(), -1).rangeMm(), 0.0);
    }
    assertTrue(any);
    assertFalse(ds.get(59).delivered().outOfTolerance(), "recalibrations keep the machine in tolerance");
  }
}
