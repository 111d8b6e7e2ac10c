package org.twinsim.model.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanOfTheDayTest {
  private static PlanEvaluation e(String id, double m, double d98, double neck, double rectum, double bladder) {
    return new PlanEvaluation(id, m, d98, neck, rectum, bladder);
  }

  private final SelectionRule rule = SelectionRule.defaults();

  @Test
  void coverageComesFirstThenBladderNeck() {
    List<PlanEvaluation> lib = List.of(e("1.5", 1.5, 93, 40, 30, 20), e("3", 3, 96, 60, 35, 25), e("5", 5, 99, 80, 40, 30));
    assertEquals("3", PlanOfTheDay.choose(lib, rule).planId(), "the 1.5 mm plan misses coverage; 3 mm spares the neck best");
  }

  @Test
  void withoutCoverageTheBestCoveringPlanWins() {
    List<PlanEvaluation> lib = List.of(e("1.5", 1.5, 80, 40, 30, 20), e("3", 3, 90, 60, 35, 25), e("5", 5, 94, 80, 40, 30));
    assertEquals("5", PlanOfTheDay.choose(lib, rule).planId());
  }

  @Test
  void tiesWithinOnePointGoToTheNextOrganThenTheSmallerMargin() {
    List<PlanEvaluation> lib = List.of(e("a", 3, 97, 50.5, 30, 25), e("b", 5, 98, 50.0, 36, 20), e("c", 1.5, 96, 50.8, 30, 25));
    // neck tied (50.0..51.0); rectum: a and c tied at 30; bladder tied; smaller margin: c
    assertEquals("c", PlanOfTheDay.choose(lib, rule).planId());
    assertThrows(IllegalArgumentException.class, () -> PlanOfTheDay.choose(List.of(), rule));
  }
}
