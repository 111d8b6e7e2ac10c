package org.twinsim.model.qa;

/**
 * Daily imaging protocols of a pelvic IGRT session and their concomitant dose (AAPM TG-180,
 * Ding et al. 2018, Med Phys 45:e84; REFERENCES.md).
 *
 * <ul>
 *   <li>{@link #FULL_CBCT}: standard pelvis kV CBCT, 35 mGy to soft tissue (TG-180: 10-90 mGy per
 *   scan depending on patient size and protocol) and about 5 mSv effective dose (Hauri et al. 2017,
 *   JACMP);</li>
 *   <li>{@link #LOW_DOSE_CBCT}: a reduced-exposure pelvis protocol at 40% of the standard mAs
 *   (BJR 2020, 93:20200412: 50-63% lower exposure kept image quality), 14 mGy; its noise SD grows as
 *   1/sqrt(0.4);</li>
 *   <li>{@link #KV_PAIR}: orthogonal planar kV images, 1 mGy to soft tissue (TG-180: planar pelvis
 *   pairs of order 1 mGy); bone only - the prostate is not seen.</li>
 * </ul>
 */
public enum ImagingProtocol {
  FULL_CBCT("cbct", 1.0, 35.0, true),
  LOW_DOSE_CBCT("low-dose-cbct", 0.4, 14.0, true),
  KV_PAIR("kv-pair", 0.0, 1.0, false);

  private final String key;
  private final double relativeExposure;
  private final double softTissueDoseMGy;
  private final boolean softTissue;

  ImagingProtocol(String key, double relativeExposure, double softTissueDoseMGy, boolean softTissue) {
    this.key = key;
    this.relativeExposure = relativeExposure;
    this.softTissueDoseMGy = softTissueDoseMGy;
    this.softTissue = softTissue;
  }

  public String key() {
    return key;
  }

  /** Exposure relative to the standard CBCT (sets the CBCT simulator's noise); 0 for planar images. */
  public double relativeExposure() {
    return relativeExposure;
  }

  /** Concomitant dose to soft tissue per session, mGy. */
  public double softTissueDoseMGy() {
    return softTissueDoseMGy;
  }

  /** Whether the images show soft tissue (the prostate), not only bone. */
  public boolean showsSoftTissue() {
    return softTissue;
  }
}
