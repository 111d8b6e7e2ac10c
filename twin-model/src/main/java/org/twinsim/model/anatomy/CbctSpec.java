package org.twinsim.model.anatomy;

import org.twinsim.model.param.InvalidParameterException;

/**
 * How the daily cone-beam CT is simulated from the true daily CT. Every field is optional:
 * {@code null} takes the default given here. The defaults describe a typical linac- or
 * gantry-mounted kV CBCT of the pelvis (half-fan): plausible values, to be replaced by a clinic's
 * measured ones.
 *
 * @param noiseSdHu noise standard deviation of the simulated CBCT's voxels at the reference
 *     imaging dose, HU (default 20; clinical pelvis CBCTs show 20-50 HU in soft tissue at about
 *     1 x 1 x 2 mm voxels, less once averaged into the coarser voxels simulated here)
 * @param doseFactor imaging dose relative to the reference protocol (default 1). Quantum noise
 *     variance is inversely proportional to dose, so the noise SD is
 *     {@code noiseSdHu / sqrt(doseFactor)} (e.g. Hsieh, <i>Computed Tomography</i>, 2nd ed.,
 *     2009, sec. 10.2)
 * @param cuppingHu depression of the CT number of water at the centre of the field of view
 *     relative to its edge, HU (default 40; scatter and beam hardening cause cupping, Siewerdsen
 *     and Jaffray 2001, Med Phys 28:220). Modelled as a multiplicative attenuation error
 *     {@code (HU + 1000) (1 - c (1 - r^2/R^2))} with {@code c = cuppingHu / 1000}
 * @param huScale multiplicative CT number error (default 1.0)
 * @param huBiasHu additive CT number error, HU (default -25; uncorrected CBCT numbers are commonly
 *     off by tens of HU)
 * @param fovDiameterMm diameter of the reconstructed cylinder, mm (default 450, half-fan pelvis)
 * @param fovLengthMm length of the reconstructed cylinder along z, mm (default 180)
 * @param fillHu value outside the reconstructed cylinder, HU (default -1000)
 * @param spacingMm voxel size of the CBCT grid, mm; {@code null} (default): the CT's grid
 * @param sliceSpacingMm slice spacing of the CBCT grid, mm (default: {@code spacingMm})
 */
public record CbctSpec(Double noiseSdHu, Double doseFactor, Double cuppingHu, Double huScale,
                       Double huBiasHu, Double fovDiameterMm, Double fovLengthMm, Double fillHu,
                       Double spacingMm, Double sliceSpacingMm) {

  public CbctSpec {
    noiseSdHu = def("noiseSdHu", noiseSdHu, 20.0);
    doseFactor = def("doseFactor", doseFactor, 1.0);
    cuppingHu = def("cuppingHu", cuppingHu, 40.0);
    huScale = def("huScale", huScale, 1.0);
    huBiasHu = def("huBiasHu", huBiasHu, -25.0);
    fovDiameterMm = def("fovDiameterMm", fovDiameterMm, 450.0);
    fovLengthMm = def("fovLengthMm", fovLengthMm, 180.0);
    fillHu = def("fillHu", fillHu, -1000.0);
    if (spacingMm != null) {
      InvalidParameterException.inRange("spacingMm", spacingMm, 0.25, 10);
      sliceSpacingMm = def("sliceSpacingMm", sliceSpacingMm, spacingMm);
      InvalidParameterException.inRange("sliceSpacingMm", sliceSpacingMm, 0.25, 10);
    } else if (sliceSpacingMm != null) {
      throw new InvalidParameterException("sliceSpacingMm", "expected null unless spacingMm is given (it sets the CBCT's own grid), got " + sliceSpacingMm);
    }
    InvalidParameterException.inRange("noiseSdHu", noiseSdHu, 0, 500);
    if (!(doseFactor > 0) || doseFactor > 100) {
      throw new InvalidParameterException("doseFactor", "expected a number in (0, 100], got " + doseFactor);
    }
    InvalidParameterException.inRange("cuppingHu", cuppingHu, -300, 500);
    InvalidParameterException.inRange("huScale", huScale, 0.5, 1.5);
    InvalidParameterException.inRange("huBiasHu", huBiasHu, -500, 500);
    InvalidParameterException.inRange("fovDiameterMm", fovDiameterMm, 50, 1000);
    InvalidParameterException.inRange("fovLengthMm", fovLengthMm, 20, 1000);
    InvalidParameterException.inRange("fillHu", fillHu, -3000, 3000);
  }

  /** All defaults. */
  public static CbctSpec defaults() {
    return new CbctSpec(null, null, null, null, null, null, null, null, null, null);
  }

  /** This protocol at another relative imaging dose. */
  public CbctSpec withDoseFactor(double factor) {
    return new CbctSpec(noiseSdHu, factor, cuppingHu, huScale, huBiasHu, fovDiameterMm, fovLengthMm, fillHu,
        spacingMm, sliceSpacingMm);
  }

  /** Noise SD at this protocol's dose, HU: {@code noiseSdHu / sqrt(doseFactor)}. */
  public double effectiveNoiseSdHu() {
    return noiseSdHu / Math.sqrt(doseFactor);
  }

  private static Double def(String field, Double v, double d) {
    if (v != null && (v.isNaN() || v.isInfinite())) {
      throw new InvalidParameterException(field, "expected a finite number, got " + v);
    }
    return v == null ? d : v;
  }
}
