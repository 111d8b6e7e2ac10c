package org.twinsim.model.planning;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.model.dose.Scenario;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The uncertainty scenarios of robust optimisation: rigid setup errors along each patient axis in
 * both directions plus none (7), times range errors of +/- the given fraction plus none (3): 21
 * scenarios, as in the seed study (Chang et al. 2025, REFERENCES.md; the scenario grid of
 * Fredriksson et al. 2011, Med Phys 38:1672). The nominal scenario is first.
 *
 * <p>Setup errors are patient displacements in the room; each becomes the opposite beam shift of
 * {@link Scenario} (a patient 5 mm too far left sees the beams 5 mm to its right).
 */
public final class ScenarioSet {
  private ScenarioSet() {
  }

  /** Isotropic setup error {@code setupMm} and range error {@code rangeFraction}; 1 scenario if both are 0. */
  public static List<Scenario> of(double setupMm, double rangeFraction) {
    return anisotropic(setupMm, setupMm, setupMm, setupMm, setupMm, setupMm, rangeFraction);
  }

  /**
   * Setup errors per direction (patient displacement, mm; 0 drops that scenario) and range error.
   * Example: the seed study's clinical plans, 5 mm with 3 mm posterior:
   * {@code anisotropic(5, 5, 5, 3, 5, 5, 0.035)}.
   */
  public static List<Scenario> anisotropic(double rightMm, double leftMm, double anteriorMm, double posteriorMm,
                                           double inferiorMm, double superiorMm, double rangeFraction) {
    InvalidParameterException.nonNegative("rightMm", rightMm);
    InvalidParameterException.nonNegative("leftMm", leftMm);
    InvalidParameterException.nonNegative("anteriorMm", anteriorMm);
    InvalidParameterException.nonNegative("posteriorMm", posteriorMm);
    InvalidParameterException.nonNegative("inferiorMm", inferiorMm);
    InvalidParameterException.nonNegative("superiorMm", superiorMm);
    InvalidParameterException.inRange("rangeFraction", rangeFraction, 0, 0.2);
    // patient displacement e in DICOM axes (x: right->left, y: anterior->posterior, z: inf->sup)
    List<Vec3> setups = new ArrayList<>();
    setups.add(Vec3.ZERO);
    if (rightMm > 0) {
      setups.add(new Vec3(-rightMm, 0, 0));
    }
    if (leftMm > 0) {
      setups.add(new Vec3(leftMm, 0, 0));
    }
    if (anteriorMm > 0) {
      setups.add(new Vec3(0, -anteriorMm, 0));
    }
    if (posteriorMm > 0) {
      setups.add(new Vec3(0, posteriorMm, 0));
    }
    if (inferiorMm > 0) {
      setups.add(new Vec3(0, 0, -inferiorMm));
    }
    if (superiorMm > 0) {
      setups.add(new Vec3(0, 0, superiorMm));
    }
    double[] ranges = rangeFraction > 0 ? new double[] {0, rangeFraction, -rangeFraction} : new double[] {0};
    List<Scenario> out = new ArrayList<>();
    for (Vec3 e : setups) {
      for (double r : ranges) {
        out.add(new Scenario(e.times(-1.0), r));
      }
    }
    return List.copyOf(out);
  }
}
