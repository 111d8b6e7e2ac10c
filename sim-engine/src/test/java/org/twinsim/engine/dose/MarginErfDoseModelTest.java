package org.twinsim.engine.dose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Vec3;

class MarginErfDoseModelTest {
  private final MarginErfDoseModel model = new MarginErfDoseModel();

  /**
   * Centred target, margin m: full coverage; a 12 mm AP shift with a 5 mm margin loses coverage, but
   * D98 stays above the dose at the CTV's extreme AP point, Phi((19 + 5 + 1.88 x 3 - 31) / 3) = 32.6 %.
   */
  @Test
  void coverageFallsWithResidualBeyondTheMargin() {
    DoseOutcome centred = model.evaluate(Vec3.ZERO, Vec3.ZERO, 5.0);
    assertTrue(centred.ctvD98Pct() > 99.9, "centred D98 " + centred.ctvD98Pct());
    DoseOutcome off = model.evaluate(new Vec3(0, 12, 0), Vec3.ZERO, 5.0);
    double tip = 100 * umontreal.ssj.probdist.NormalDist.cdf01((19 + 5 + 1.88 * 3 - 31) / 3.0);
    assertTrue(off.ctvD98Pct() < 90 && off.ctvD98Pct() > tip, "12 mm off with a 5 mm margin: " + off.ctvD98Pct() + ", tip " + tip);
  }

  /**
   * Range errors with two lateral opposed fields: no error is the plain model; an undershoot
   * delta costs coverage, but less than shrinking the whole margin by |delta| (only the distal half
   * of each side's dose moves); an overshoot never lowers the target dose; the bladder neck, which
   * lies superior (off the beam axis), is untouched.
   */
  @Test
  void rangeErrorMovesOnlyTheDistalHalf() {
    Vec3 res = new Vec3(3, 1, -1);
    DoseOutcome plain = model.evaluate(res, Vec3.ZERO, 3.0);
    assertEquals(plain, model.evaluate(res, Vec3.ZERO, 3.0, 0.0));
    DoseOutcome under = model.evaluate(res, Vec3.ZERO, 3.0, -4.0);
    DoseOutcome shrunk = model.evaluate(res, Vec3.ZERO, -1.0);
    assertTrue(under.ctvD98Pct() < plain.ctvD98Pct() - 1, under.ctvD98Pct() + " vs " + plain.ctvD98Pct());
    assertTrue(under.ctvD98Pct() > shrunk.ctvD98Pct(), under.ctvD98Pct() + " vs margin shrunk " + shrunk.ctvD98Pct());
    assertTrue(model.evaluate(res, Vec3.ZERO, 3.0, 4.0).ctvD98Pct() >= plain.ctvD98Pct());
    assertEquals(plain.bladderNeckDmaxPct(), under.bladderNeckDmaxPct(), 0.5);
  }

  /** Output: every dose metric scales; volume metrics are not recomputed. */
  @Test
  void outputScalesTheDose() {
    DoseOutcome plain = model.evaluate(new Vec3(2, 0, 0), Vec3.ZERO, 5.0);
    DoseOutcome hot = plain.scaled(1.03);
    assertEquals(plain.ctvD98Pct() * 1.03, hot.ctvD98Pct(), 1e-12);
    assertEquals(plain.bladderNeckDmaxPct() * 1.03, hot.bladderNeckDmaxPct(), 1e-12);
    assertTrue(Double.isNaN(hot.ctvV100Pct()));
    FractionDoseModel noRange = new FractionDoseModel() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public DoseOutcome evaluate(Vec3 t, Vec3 b, double m) {
        return plain;
      }
    };
    assertThrows(IllegalStateException.class, () -> noRange.evaluate(Vec3.ZERO, Vec3.ZERO, 5.0, 1.0));
  }
}
