package org.twinsim.model.anatomy;

import org.twinsim.model.param.InvalidParameterException;

/**
 * Parameters of inter- and intra-fraction anatomical variation. Every field is optional in a
 * scenario; a missing one takes the published default cited on its record.
 *
 * @param setup bony setup error (systematic and random standard deviations)
 * @param prostate prostate motion relative to bone, and its rotation about LR
 * @param bladder bladder filling
 * @param rectum rectal filling
 * @param intrafraction drift of the prostate between imaging and delivery
 */
public record AnatomyVariation(SetupVariation setup, ProstateVariation prostate, Filling bladder,
                               Filling rectum, IntrafractionDrift intrafraction) {

  public AnatomyVariation {
    setup = setup == null ? SetupVariation.DEFAULT : setup;
    prostate = prostate == null ? ProstateVariation.DEFAULT : prostate;
    bladder = Filling.merge(bladder, Filling.BLADDER_DEFAULT);
    rectum = Filling.merge(rectum, Filling.RECTUM_DEFAULT);
    intrafraction = intrafraction == null ? IntrafractionDrift.DEFAULT : intrafraction;
  }

  /** All defaults (REFERENCES.md). */
  public static AnatomyVariation defaults() {
    return new AnatomyVariation(null, null, null, null, null);
  }

  /**
   * Bony setup error, mm: systematic (per patient) and random (per fraction) standard deviations.
   * Default from Graf et al. 2009 (23 patients): Sigma LR/SI/AP 1.6/2.1/2.4, sigma 2.3/2.7/2.7.
   */
  public record SetupVariation(Axes3 systematicMm, Axes3 randomMm) {
    private static final Axes3 DEFAULT_SYS = Axes3.of(1.6, 2.1, 2.4);
    private static final Axes3 DEFAULT_RND = Axes3.of(2.3, 2.7, 2.7);
    public static final SetupVariation DEFAULT = new SetupVariation(null, null);

    public SetupVariation {
      systematicMm = systematicMm == null ? DEFAULT_SYS : systematicMm;
      randomMm = randomMm == null ? DEFAULT_RND : randomMm;
    }
  }

  /**
   * Prostate translation relative to bone, mm, and rotation about the LR axis, degrees.
   * Defaults: translation Graf et al. 2009, Sigma LR/SI/AP 1.1/1.9/2.3, sigma 1.4/2.3/2.7;
   * rotation Sigma 4.6 deg, sigma 4.1 deg (REFERENCES.md).
   */
  public record ProstateVariation(Axes3 systematicMm, Axes3 randomMm,
                                  Double rotationSystematicDeg, Double rotationRandomDeg) {
    private static final Axes3 DEFAULT_SYS = Axes3.of(1.1, 1.9, 2.3);
    private static final Axes3 DEFAULT_RND = Axes3.of(1.4, 2.3, 2.7);
    public static final ProstateVariation DEFAULT = new ProstateVariation(null, null, null, null);

    public ProstateVariation {
      systematicMm = systematicMm == null ? DEFAULT_SYS : systematicMm;
      randomMm = randomMm == null ? DEFAULT_RND : randomMm;
      rotationSystematicDeg = rotationSystematicDeg == null ? 4.6
          : InvalidParameterException.inRange("rotationSystematicDeg", rotationSystematicDeg, 0, 45);
      rotationRandomDeg = rotationRandomDeg == null ? 4.1
          : InvalidParameterException.inRange("rotationRandomDeg", rotationRandomDeg, 0, 45);
    }
  }

  /**
   * Organ filling: volume at planning (mean and inter-patient SD, mL) and the inter-fraction
   * coefficient of variation of the daily volume. Defaults: bladder 375 mL (SD 140) with CV 0.35;
   * rectum 70 mL (SD 25) with CV 0.21 (REFERENCES.md; rectal planning volume is a typical value).
   */
  public record Filling(Double planningVolumeMl, Double planningVolumeSdMl, Double volumeCv) {
    public static final Filling BLADDER_DEFAULT = new Filling(375.0, 140.0, 0.35);
    public static final Filling RECTUM_DEFAULT = new Filling(70.0, 25.0, 0.21);

    public Filling {
      if (planningVolumeMl != null) {
        InvalidParameterException.positive("planningVolumeMl", planningVolumeMl);
      }
      if (planningVolumeSdMl != null) {
        InvalidParameterException.nonNegative("planningVolumeSdMl", planningVolumeSdMl);
      }
      if (volumeCv != null) {
        InvalidParameterException.inRange("volumeCv", volumeCv, 0, 2);
      }
    }

    /** {@code f}'s fields where given, {@code d}'s otherwise. */
    static Filling merge(Filling f, Filling d) {
      if (f == null) {
        return d;
      }
      return new Filling(f.planningVolumeMl() == null ? d.planningVolumeMl() : f.planningVolumeMl(),
          f.planningVolumeSdMl() == null ? d.planningVolumeSdMl() : f.planningVolumeSdMl(),
          f.volumeCv() == null ? d.volumeCv() : f.volumeCv());
    }
  }

  /**
   * Intra-fraction prostate drift as a random walk (Ballhausen et al. 2015, Phys Med Biol 60:549,
   * "intra-fraction motion of the prostate is a random walk"): per axis a Brownian motion whose SD
   * after 10 minutes is {@code sigmaMmAt10Min}. The default LR/SI/AP 0.9/1.5/1.7 mm gives a 3D
   * mean displacement of about 2.3 mm at 10 minutes (REFERENCES.md: 2.3 +/- 1.6 mm).
   */
  public record IntrafractionDrift(Axes3 sigmaMmAt10Min) {
    public static final IntrafractionDrift DEFAULT = new IntrafractionDrift(null);

    public IntrafractionDrift {
      sigmaMmAt10Min = sigmaMmAt10Min == null ? Axes3.of(0.9, 1.5, 1.7) : sigmaMmAt10Min;
    }
  }
}
