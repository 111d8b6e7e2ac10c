package org.twinsim.model.twin;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.model.geometry.Vec3;

/**
 * The twin's forecast for one future fraction: per patient axis (x/y/z, mm) the marginal
 * distribution of the prostate shift relative to bone, and optionally of the bladder volume (mL).
 * The axes are forecast independently (three GPs), so the joint distribution is their product.
 *
 * @param time the forecast's time input (fraction index or days)
 * @param level probability of each axis' central interval
 * @param target what is forecast (the next measurement, the true shift, or the latent position)
 * @param x forecast along x (right to left), mm
 * @param y forecast along y (anterior to posterior), mm
 * @param z forecast along z (inferior to superior), mm
 * @param bladderVolumeMl bladder volume forecast, mL, or null without a bladder channel
 * @param observations number of fractions the twin had observed
 */
public record Forecast(double time, double level, ForecastTarget target, AxisForecast x, AxisForecast y,
                       AxisForecast z, AxisForecast bladderVolumeMl, int observations) {

  /** Axis 0 (x), 1 (y), 2 (z). */
  public AxisForecast axis(int axis) {
    return switch (axis) {
      case 0 -> x;
      case 1 -> y;
      case 2 -> z;
      default -> throw new IndexOutOfBoundsException("axis " + axis + ": expected 0 (x), 1 (y) or 2 (z)");
    };
  }

  public Vec3 meanMm() {
    return new Vec3(x.mean(), y.mean(), z.mean());
  }

  public Vec3 sdMm() {
    return new Vec3(x.sd(), y.sd(), z.sd());
  }

  /** Lower ends of the central intervals per axis, mm. */
  public Vec3 lowerMm() {
    return new Vec3(x.lower(), y.lower(), z.lower());
  }

  /** Upper ends of the central intervals per axis, mm. */
  public Vec3 upperMm() {
    return new Vec3(x.upper(), y.upper(), z.upper());
  }

  /** Quantile p of each axis' shift, mm. */
  public Vec3 quantileMm(double p) {
    return new Vec3(x.quantile(p), y.quantile(p), z.quantile(p));
  }

  /**
   * Per axis the largest distance of the central interval from the planning position (shift 0),
   * max(|lower|, |upper|), mm: the setup-uncertainty magnitude a robust plan must cover for this
   * fraction at {@link #level()} per axis.
   */
  public Vec3 robustnessMarginMm() {
    return new Vec3(Math.max(Math.abs(x.lower()), Math.abs(x.upper())),
        Math.max(Math.abs(y.lower()), Math.abs(y.upper())),
        Math.max(Math.abs(z.lower()), Math.abs(z.upper())));
  }

  /**
   * Seven shift scenarios for a plan library or robust optimisation: the mean, then per axis
   * (x, y, z) the mean with that axis at its interval's lower and upper end, mm.
   */
  public List<Vec3> axisScenariosMm() {
    Vec3 m = meanMm();
    List<Vec3> s = new ArrayList<>(7);
    s.add(m);
    s.add(new Vec3(x.lower(), m.y(), m.z()));
    s.add(new Vec3(x.upper(), m.y(), m.z()));
    s.add(new Vec3(m.x(), y.lower(), m.z()));
    s.add(new Vec3(m.x(), y.upper(), m.z()));
    s.add(new Vec3(m.x(), m.y(), z.lower()));
    s.add(new Vec3(m.x(), m.y(), z.upper()));
    return List.copyOf(s);
  }

  /** Whether each axis' interval covers the corresponding component of {@code shiftMm}. */
  public boolean[] covers(Vec3 shiftMm) {
    return new boolean[] {x.covers(shiftMm.x()), y.covers(shiftMm.y()), z.covers(shiftMm.z())};
  }
}
