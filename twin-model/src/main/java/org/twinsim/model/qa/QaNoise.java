package org.twinsim.model.qa;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Measurement noise (SD) of daily QA. Defaults from the statistical process control of proton QA
 * over 6 years in 4 rooms (JACMP 2020, PMC7497929; REFERENCES.md): output 3-sigma 1.3-2.1% gives
 * sigma about 0.5%; range 3-sigma within 1 mm gives sigma about 0.3 mm; isocentre 0.3 mm; CBCT HU
 * 5 HU.
 */
public record QaNoise(Double outputPct, Double rangeMm, Double isocentreMm, Double cbctHu) {
  public static final QaNoise DEFAULT = new QaNoise(null, null, null, null);

  public QaNoise {
    outputPct = outputPct == null ? 0.5 : InvalidParameterException.positive("outputPct", outputPct);
    rangeMm = rangeMm == null ? 0.3 : InvalidParameterException.positive("rangeMm", rangeMm);
    isocentreMm = isocentreMm == null ? 0.3 : InvalidParameterException.positive("isocentreMm", isocentreMm);
    cbctHu = cbctHu == null ? 5.0 : InvalidParameterException.positive("cbctHu", cbctHu);
  }

  public double sd(MachineQuantity q) {
    return switch (q) {
      case OUTPUT_PCT -> outputPct;
      case RANGE_MM -> rangeMm;
      case ISOCENTRE_MM -> isocentreMm;
      case CBCT_HU -> cbctHu;
    };
  }
}
