package org.twinsim.model.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.param.InvalidParameterException;

class ImagingPolicyTest {
  /** Per-protocol doses inside the AAPM TG-180 ranges (REFERENCES.md): CBCT 10-90 mGy soft tissue, planar pairs ~1 mGy. */
  @Test
  void protocolDosesLieInTheTg180Ranges() {
    for (ImagingProtocol p : new ImagingProtocol[] {ImagingProtocol.FULL_CBCT, ImagingProtocol.LOW_DOSE_CBCT}) {
      assertTrue(p.softTissueDoseMGy() >= 10 && p.softTissueDoseMGy() <= 90, p.key());
    }
    assertTrue(ImagingProtocol.KV_PAIR.softTissueDoseMGy() <= 2);
    // the low-dose protocol's dose and noise follow its exposure: dose x 0.4, noise SD x 1/sqrt(0.4)
    assertEquals(ImagingProtocol.FULL_CBCT.softTissueDoseMGy() * 0.4, ImagingProtocol.LOW_DOSE_CBCT.softTissueDoseMGy(), 1e-9);
    assertEquals(1.5811, ImagingProtocol.LOW_DOSE_CBCT.registrationErrorFactor(), 1e-4);
    assertEquals(1.0, ImagingProtocol.FULL_CBCT.registrationErrorFactor(), 0);
    assertTrue(!ImagingProtocol.KV_PAIR.showsSoftTissue() && ImagingProtocol.LOW_DOSE_CBCT.showsSoftTissue());
    assertEquals(ImagingProtocol.KV_PAIR, ImagingProtocol.ofKey("kv-pair"));
  }

  @Test
  void dailyCbctAlwaysTakesTheStandardScan() {
    ImagingPolicy p = ImagingPolicy.dailyCbct();
    assertTrue(p.isDailyCbct());
    for (double hw : new double[] {0, 1, 3, 100}) {
      assertEquals(ImagingProtocol.FULL_CBCT, p.protocol(20, hw, false));
    }
  }

  @Test
  void twinGuidedFollowsTheForecastWidthAfterLearning() {
    ImagingPolicy p = new ImagingPolicy("twin-guided", 6.0, 4.5, 5);
    assertEquals(ImagingProtocol.FULL_CBCT, p.protocol(4, 1.0, false), "still learning");
    assertEquals(ImagingProtocol.KV_PAIR, p.protocol(5, 4.49, false));
    assertEquals(ImagingProtocol.LOW_DOSE_CBCT, p.protocol(5, 4.5, false));
    assertEquals(ImagingProtocol.LOW_DOSE_CBCT, p.protocol(9, 5.99, false));
    assertEquals(ImagingProtocol.FULL_CBCT, p.protocol(9, 6.0, false));
    assertEquals(ImagingProtocol.FULL_CBCT, p.protocol(9, 1.0, true), "the day after an alert");
    assertEquals(ImagingProtocol.FULL_CBCT, p.protocol(9, Double.NaN, false), "no forecast");
  }

  @Test
  void badSettingsNameTheField() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new ImagingPolicy("sometimes", null, null, null));
    assertTrue(e.getMessage().contains("policy") && e.getMessage().contains("sometimes"), e.getMessage());
    e = assertThrows(InvalidParameterException.class, () -> new ImagingPolicy("twin-guided", 3.0, 4.0, null));
    assertTrue(e.getMessage().contains("kvPairBelowMm"), e.getMessage());
    e = assertThrows(InvalidParameterException.class, () -> new ImagingPolicy("twin-guided", -1.0, null, null));
    assertTrue(e.getMessage().contains("lowDoseBelowMm"), e.getMessage());
    e = assertThrows(InvalidParameterException.class, () -> new ImagingPolicy("twin-guided", null, null, -2));
    assertTrue(e.getMessage().contains("learningFractions"), e.getMessage());
    assertEquals(3.0, new ImagingPolicy("twin-guided", 3.0, null, null).kvPairBelowMm(), 0, "kV default capped by the low-dose threshold");
  }
}
