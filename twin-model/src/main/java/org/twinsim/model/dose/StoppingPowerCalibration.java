package org.twinsim.model.dose;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.twinsim.model.geometry.Volume;
import org.twinsim.model.param.InvalidParameterException;

/**
 * CT number (HU) to proton stopping power relative to water (RSP), a piecewise-linear calibration
 * curve through tissue-group points as in the stoichiometric method.
 *
 * <p>Reference: Schneider, Pedroni and Lomax 1996, Phys Med Biol 41:111 (stoichiometric
 * calibration: tissue groups lung, adipose, soft tissue, bone, each a line segment).
 *
 * <p>The default points are values typical of published stoichiometric curves (air, lung, adipose,
 * water, muscle, cortical bone, dense bone), not a particular scanner's calibration: water (0 HU)
 * maps to exactly 1.0, adipose at -120 HU to 0.93, muscle at 40 HU to 1.04, cortical bone at
 * 1500 HU to 1.82. A clinic supplies its own curve. Below the first and above the last point the
 * end values are kept (flat extrapolation).
 *
 * @param hu CT numbers of the curve points, strictly increasing (HU)
 * @param rsp relative stopping power at each point, >= 0 and finite
 */
public record StoppingPowerCalibration(double[] hu, double[] rsp) {

  private static final double[] DEFAULT_HU = {-1000, -200, -120, 0, 40, 100, 1500, 3000};
  private static final double[] DEFAULT_RSP = {0.001, 0.800, 0.930, 1.000, 1.040, 1.090, 1.820, 2.600};

  public StoppingPowerCalibration {
    if (hu == null || rsp == null) {
      throw new InvalidParameterException(hu == null ? "hu" : "rsp", "expected an array of calibration points");
    }
    if (hu.length != rsp.length || hu.length < 2) {
      throw new InvalidParameterException("hu", "expected at least 2 points and as many rsp values as hu values, got "
          + hu.length + " hu and " + rsp.length + " rsp");
    }
    hu = hu.clone();
    rsp = rsp.clone();
    for (int i = 0; i < hu.length; i++) {
      if (!Double.isFinite(hu[i]) || (i > 0 && !(hu[i] > hu[i - 1]))) {
        throw new InvalidParameterException("hu[" + i + "]", "expected finite, strictly increasing CT numbers, got " + hu[i]);
      }
      if (!Double.isFinite(rsp[i]) || rsp[i] < 0) {
        throw new InvalidParameterException("rsp[" + i + "]", "expected a finite stopping power ratio >= 0, got " + rsp[i]);
      }
    }
  }

  /** The default curve (see the class comment). */
  public static StoppingPowerCalibration defaults() {
    return new StoppingPowerCalibration(DEFAULT_HU, DEFAULT_RSP);
  }

  @Override
  public double[] hu() {
    return hu.clone();
  }

  @Override
  public double[] rsp() {
    return rsp.clone();
  }

  /** RSP of one CT number, linear between points, flat beyond the ends. */
  public double toRsp(double ctNumber) {
    if (ctNumber <= hu[0]) {
      return rsp[0];
    }
    int n = hu.length;
    if (ctNumber >= hu[n - 1]) {
      return rsp[n - 1];
    }
    int i = Arrays.binarySearch(hu, ctNumber);
    if (i >= 0) {
      return rsp[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (ctNumber - hu[lo]) / (hu[hi] - hu[lo]);
    return rsp[lo] + t * (rsp[hi] - rsp[lo]);
  }

  /**
   * The RSP volume of a CT (HU) on the same grid, a new volume; NaN CT numbers become 0 (treated as
   * vacuum) so that they cannot poison path lengths. Parallel over slices.
   */
  public Volume toRsp(Volume ct) {
    float[] in = ct.data();
    float[] out = new float[in.length];
    int slice = ct.grid().nx() * ct.grid().ny();
    IntStream.range(0, ct.grid().nz()).parallel().forEach(k -> {
      for (int n = k * slice, e = n + slice; n < e; n++) {
        float v = in[n];
        out[n] = Float.isNaN(v) ? 0f : (float) toRsp(v);
      }
    });
    return new Volume(ct.grid(), out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoppingPowerCalibration c && Arrays.equals(hu, c.hu) && Arrays.equals(rsp, c.rsp);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hu) + Arrays.hashCode(rsp);
  }

  @Override
  public String toString() {
    return "StoppingPowerCalibration[hu=" + Arrays.toString(hu) + ", rsp=" + Arrays.toString(rsp) + "]";
  }
}
