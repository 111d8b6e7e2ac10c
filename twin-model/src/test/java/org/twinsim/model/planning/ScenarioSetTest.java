package org.twinsim.model.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.param.InvalidParameterException;

class ScenarioSetTest {
  /** 7 setup positions x 3 range errors = 21 distinct scenarios, nominal first (seed study). */
  @Test
  void twentyOneScenarios() {
    List<Scenario> s = ScenarioSet.of(5, 0.035);
    assertEquals(21, s.size());
    assertTrue(s.get(0).isNominal());
    assertEquals(21, new HashSet<>(s).size());
    long shifted = s.stream().filter(x -> x.shiftMm().norm() > 0).count();
    assertEquals(18, shifted);
    for (Scenario x : s) {
      assertTrue(x.shiftMm().norm() == 0 || Math.abs(x.shiftMm().norm() - 5) < 1e-12);
      assertTrue(x.rangeError() == 0 || Math.abs(Math.abs(x.rangeError()) - 0.035) < 1e-12);
    }
  }

  /** A posterior patient displacement of 3 mm is a beam shift of -3 mm in y. */
  @Test
  void anisotropicSetupAndSign() {
    List<Scenario> s = ScenarioSet.anisotropic(5, 5, 5, 3, 5, 5, 0.035);
    assertEquals(21, s.size());
    assertTrue(s.stream().anyMatch(x -> x.shiftMm().y() == -3.0));
    assertTrue(s.stream().noneMatch(x -> x.shiftMm().y() == -5.0));
    assertEquals(1, ScenarioSet.of(0, 0).size());
    assertEquals(3, ScenarioSet.of(0, 0.035).size());
    assertThrows(InvalidParameterException.class, () -> ScenarioSet.of(-1, 0.035));
  }
}
