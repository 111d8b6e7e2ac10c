package org.twinsim.model.anatomy;

import org.twinsim.model.param.InvalidParameterException;

/**
 * One value per anatomical axis, named as the clinical literature names them: left-right (LR),
 * superior-inferior (SI), anterior-posterior (AP). Converted to DICOM patient axes by
 * {@link #toPatientXyz()}: x = LR, y = AP, z = SI.
 *
 * @param lr value along the left-right axis
 * @param si value along the superior-inferior axis
 * @param ap value along the anterior-posterior axis
 */
public record Axes3(Double lr, Double si, Double ap) {
  public Axes3 {
    InvalidParameterException.nonNegative("lr", lr);
    InvalidParameterException.nonNegative("si", si);
    InvalidParameterException.nonNegative("ap", ap);
  }

  public static Axes3 of(double lr, double si, double ap) {
    return new Axes3(lr, si, ap);
  }

  /** As {x, y, z} in DICOM patient axes: {LR, AP, SI}. */
  public double[] toPatientXyz() {
    return new double[] {lr, ap, si};
  }
}
