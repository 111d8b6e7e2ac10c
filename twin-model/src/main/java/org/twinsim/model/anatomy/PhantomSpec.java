package org.twinsim.model.anatomy;

import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.param.InvalidParameterException;

/**
 * Geometry and resolution of the virtual prostate patients (the pelvis phantom). Every field is
 * optional: {@code null} takes the default given here. Coordinates are DICOM patient axes with the
 * isocentre (the planning prostate centroid) at the origin.
 *
 * @param fovXMm field of view left-right, mm (default 480: a large-bore CT's reconstructed pelvis)
 * @param fovYMm field of view anterior-posterior, mm (default 320)
 * @param fovZMm scan length inferior-superior, mm (default 240)
 * @param spacingMm in-plane voxel size, mm (default 4: 120 x 80 voxels; 2 mm gives 240 x 160)
 * @param sliceSpacingMm slice spacing, mm (default: equal to {@code spacingMm})
 * @param fovCentreZMm z of the scan centre relative to the isocentre, mm (default 40: the scan
 *     runs from 80 mm below to 160 mm above the prostate centre, so a full bladder stays inside)
 * @param prostateVolumeMedianCc median prostate volume (default 40 cc; a log-normal with
 *     {@code prostateVolumeCv}, truncated to [min, max], gives the typical 30-60 cc of
 *     radiotherapy cohorts)
 * @param prostateVolumeCv coefficient of variation of the prostate volume (default 0.25)
 * @param prostateVolumeMinCc lower truncation (default 20 cc)
 * @param prostateVolumeMaxCc upper truncation (default 90 cc)
 * @param bodyWidthMm mean outer body width left-right at the hips (default 380)
 * @param bodyDepthMm mean outer body depth anterior-posterior (default 240)
 * @param bodySizeCv inter-patient coefficient of variation of body size (default 0.06)
 * @param fatThicknessMm mean subcutaneous fat thickness (default 22; SD 30% between patients)
 * @param bladderNeckRadiusMm the bladder neck is the bladder within this distance of the bladder
 *     outlet at the prostate base (default 15)
 * @param paddingZMm the internal planning model extends this far beyond both ends of the scan so
 *     that setup shifts do not pull air into the daily images (default 40)
 * @param rectalGasProbability probability that the rectum holds a gas pocket on a given day
 *     (planning included; default 0.3, a plausible value: gas is seen in a sizeable minority of
 *     pelvic CBCTs despite bowel preparation)
 * @param rectalGasMinCc smallest gas pocket drawn (default 2 cc; log-uniform between min and max;
 *     the part inside the rectal lumen is what appears)
 * @param rectalGasMaxCc largest gas pocket drawn (default 20 cc)
 */
public record PhantomSpec(Double fovXMm, Double fovYMm, Double fovZMm, Double spacingMm,
                          Double sliceSpacingMm, Double fovCentreZMm,
                          Double prostateVolumeMedianCc, Double prostateVolumeCv,
                          Double prostateVolumeMinCc, Double prostateVolumeMaxCc,
                          Double bodyWidthMm, Double bodyDepthMm, Double bodySizeCv,
                          Double fatThicknessMm, Double bladderNeckRadiusMm, Double paddingZMm,
                          Double rectalGasProbability, Double rectalGasMinCc, Double rectalGasMaxCc) {

  public PhantomSpec {
    fovXMm = def("fovXMm", fovXMm, 480.0);
    fovYMm = def("fovYMm", fovYMm, 320.0);
    fovZMm = def("fovZMm", fovZMm, 240.0);
    spacingMm = def("spacingMm", spacingMm, 4.0);
    sliceSpacingMm = def("sliceSpacingMm", sliceSpacingMm, spacingMm);
    fovCentreZMm = def("fovCentreZMm", fovCentreZMm, 40.0);
    prostateVolumeMedianCc = def("prostateVolumeMedianCc", prostateVolumeMedianCc, 40.0);
    prostateVolumeCv = def("prostateVolumeCv", prostateVolumeCv, 0.25);
    prostateVolumeMinCc = def("prostateVolumeMinCc", prostateVolumeMinCc, 20.0);
    prostateVolumeMaxCc = def("prostateVolumeMaxCc", prostateVolumeMaxCc, 90.0);
    bodyWidthMm = def("bodyWidthMm", bodyWidthMm, 380.0);
    bodyDepthMm = def("bodyDepthMm", bodyDepthMm, 240.0);
    bodySizeCv = def("bodySizeCv", bodySizeCv, 0.06);
    fatThicknessMm = def("fatThicknessMm", fatThicknessMm, 22.0);
    bladderNeckRadiusMm = def("bladderNeckRadiusMm", bladderNeckRadiusMm, 15.0);
    paddingZMm = def("paddingZMm", paddingZMm, 40.0);
    rectalGasProbability = def("rectalGasProbability", rectalGasProbability, 0.3);
    rectalGasMinCc = def("rectalGasMinCc", rectalGasMinCc, 2.0);
    rectalGasMaxCc = def("rectalGasMaxCc", rectalGasMaxCc, 20.0);

    InvalidParameterException.inRange("spacingMm", spacingMm, 0.5, 10);
    InvalidParameterException.inRange("sliceSpacingMm", sliceSpacingMm, 0.5, 10);
    InvalidParameterException.inRange("bodyWidthMm", bodyWidthMm, 250, 500);
    InvalidParameterException.inRange("bodyDepthMm", bodyDepthMm, 160, 380);
    InvalidParameterException.inRange("bodySizeCv", bodySizeCv, 0, 0.15);
    InvalidParameterException.inRange("fatThicknessMm", fatThicknessMm, 3, 60);
    // the body at its largest (+3 SD) must fit the field of view with room for setup shifts
    double maxWidth = bodyWidthMm * (1 + 3 * bodySizeCv);
    double maxDepth = bodyDepthMm * (1 + 3 * bodySizeCv);
    if (!(fovXMm >= maxWidth + 20) || fovXMm > 1000) {
      throw new InvalidParameterException("fovXMm", "expected between " + (maxWidth + 20)
          + " mm (the widest body + 20 mm) and 1000 mm, got " + fovXMm);
    }
    if (!(fovYMm >= maxDepth + 20) || fovYMm > 1000) {
      throw new InvalidParameterException("fovYMm", "expected between " + (maxDepth + 20)
          + " mm (the deepest body + 20 mm) and 1000 mm, got " + fovYMm);
    }
    InvalidParameterException.inRange("fovZMm", fovZMm, 160, 1000);
    InvalidParameterException.inRange("fovCentreZMm", fovCentreZMm, -0.5 * fovZMm + 60, 0.5 * fovZMm - 40);
    InvalidParameterException.inRange("prostateVolumeMinCc", prostateVolumeMinCc, 5, 200);
    InvalidParameterException.inRange("prostateVolumeMaxCc", prostateVolumeMaxCc, prostateVolumeMinCc, 200);
    InvalidParameterException.inRange("prostateVolumeMedianCc", prostateVolumeMedianCc,
        prostateVolumeMinCc, prostateVolumeMaxCc);
    InvalidParameterException.inRange("prostateVolumeCv", prostateVolumeCv, 0, 1);
    InvalidParameterException.inRange("bladderNeckRadiusMm", bladderNeckRadiusMm, 3, 40);
    InvalidParameterException.inRange("paddingZMm", paddingZMm, 0, 200);
    InvalidParameterException.inRange("rectalGasProbability", rectalGasProbability, 0, 1);
    InvalidParameterException.inRange("rectalGasMinCc", rectalGasMinCc, 0.1, 100);
    InvalidParameterException.inRange("rectalGasMaxCc", rectalGasMaxCc, rectalGasMinCc, 100);
    long voxels = Math.round(fovXMm / spacingMm) * Math.round(fovYMm / spacingMm)
        * Math.round((fovZMm + 2 * paddingZMm) / sliceSpacingMm);
    if (voxels > 200_000_000L) {
      throw new InvalidParameterException("spacingMm", "expected a voxel size that keeps the padded field of view"
          + " under 200 million voxels; " + spacingMm + " x " + sliceSpacingMm + " mm needs " + voxels);
    }
  }

  /** All defaults: 480 x 320 x 240 mm at 4 mm (120 x 80 x 60 voxels). */
  public static PhantomSpec defaults() {
    return new PhantomSpec(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  /** The defaults at another (isotropic) voxel size, mm. */
  public static PhantomSpec withSpacing(double spacingMm) {
    return new PhantomSpec(null, null, null, spacingMm, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  /** The planning CT grid (the room frame; the isocentre is at the origin). */
  public Grid3 grid() {
    return Grid3.centred(fovXMm, fovYMm, fovZMm, spacingMm, spacingMm, sliceSpacingMm, 0, 0, fovCentreZMm);
  }

  /** The grid of the internal planning model: the scan extended by {@code paddingZMm} at both ends. */
  Grid3 sourceGrid() {
    Grid3 g = grid();
    int pad = (int) Math.ceil(paddingZMm / sliceSpacingMm);
    return new Grid3(g.nx(), g.ny(), g.nz() + 2 * pad, g.spacingXMm(), g.spacingYMm(), g.spacingZMm(),
        g.originXMm(), g.originYMm(), g.originZMm() - pad * g.spacingZMm());
  }

  private static Double def(String field, Double v, double d) {
    if (v != null && (v.isNaN() || v.isInfinite())) {
      throw new InvalidParameterException(field, "expected a finite number, got " + v);
    }
    return v == null ? d : v;
  }
}
