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

  /**
   * Factor on the registration error SDs of a standard CBCT: for an intensity-based registration
   * limited by image noise, the Cramer-Rao bound on a shift's SD grows linearly with the noise SD
   * (Robinson and Milanfar 2004, IEEE Trans Image Process 13:1185), and quantum noise SD grows as
   * 1/sqrt(exposure); so 1/sqrt(relative exposure). An upper bound: errors that do not come from
   * noise (contouring, deformation) do not grow. 1 for planar images (their bony match is the
   * standard one; they give no prostate position).
   */
  public double registrationErrorFactor() {
    return relativeExposure > 0 ? 1 / Math.sqrt(relativeExposure) : 1.0;
  }

  /** The protocol of a key ("cbct", "low-dose-cbct", "kv-pair"). */
  public static ImagingProtocol ofKey(String key) {
    for (ImagingProtocol p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown imaging protocol '" + key + "'");
  }

  /** Whether the images show soft tissue (the prostate), not only bone. */
  public boolean showsSoftTissue() {
    return softTissue;
  }
}
