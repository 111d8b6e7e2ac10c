package org.twinsim.model.anatomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.param.InvalidParameterException;

/** (f) Bad parameters are rejected, naming the field and what was expected. */
class SpecValidationTest {

  private static void rejects(String field, Runnable r) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, r::run);
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void phantomSpec() {
    rejects("spacingMm", () -> PhantomSpec.withSpacing(0));
    rejects("spacingMm", () -> PhantomSpec.withSpacing(-4));
    rejects("spacingMm", () -> PhantomSpec.withSpacing(Double.NaN));
    rejects("fovXMm", () -> new PhantomSpec(300.0, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null));
    rejects("fovYMm", () -> new PhantomSpec(null, 200.0, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null));
    rejects("prostateVolumeMedianCc", () -> new PhantomSpec(null, null, null, null, null, null, 10.0, null, null,
        null, null, null, null, null, null, null, null, null, null));
    rejects("rectalGasProbability", () -> new PhantomSpec(null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, 1.5, null, null));
    rejects("rectalGasMaxCc", () -> new PhantomSpec(null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, 5.0, 3.0));
    rejects("spacingMm", () -> new PhantomSpec(1000.0, 1000.0, 1000.0, 0.5, null, null, null, null, null, null,
        null, null, null, null, null, 200.0, null, null, null));
  }

  @Test
  void dailyAnatomySpec() {
    rejects("bladderShareAp", () -> new DailyAnatomySpec(null, null, null, null, null, null, 0.6, 0.6, null, null,
        null, null));
    rejects("prostateBlendMm", () -> new DailyAnatomySpec(null, 2.0, null, null, null, null, null, null, null, null,
        null, null));
    rejects("flowSteps", () -> new DailyAnatomySpec(null, null, null, null, null, null, null, null, null, null,
        null, 0));
    rejects("controlSpacingMm", () -> new DailyAnatomySpec(null, null, null, null, null, null, null, null, null, null,
        0.0, null));
  }

  @Test
  void cbctSpec() {
    rejects("doseFactor", () -> CbctSpec.defaults().withDoseFactor(0));
    rejects("noiseSdHu", () -> new CbctSpec(-1.0, null, null, null, null, null, null, null, null, null));
    rejects("fovDiameterMm", () -> new CbctSpec(null, null, null, null, null, 10.0, null, null, null, null));
    rejects("sliceSpacingMm", () -> new CbctSpec(null, null, null, null, null, null, null, null, null, 2.0));
    rejects("huScale", () -> new CbctSpec(null, null, null, 3.0, null, null, null, null, null, null));
  }

  @Test
  void generatorsNeedTheirSpecs() {
    assertThrows(IllegalArgumentException.class, () -> new VirtualPatientGenerator(null, AnatomyVariation.defaults()));
    assertThrows(IllegalArgumentException.class, () -> new DailyAnatomyGenerator(DailyAnatomySpec.defaults(), null));
  }
}
