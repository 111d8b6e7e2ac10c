package org.twinsim.engine.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.qa.Severity;
import org.twinsim.model.random.RandomStreams;
import org.twinsim.model.twin.Forecast;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * The safety layer's detectors over a full-physics course, in monitor mode: no anomaly is injected
 * and no hold is acted on (the event model schedules the sessions before the image-based
 * registration runs, so a hold cannot add its re-imaging step there yet); every fraction is scored
 * and graded as in the geometric replay, which measures the false-alert rates of the real pipeline.
 * <ul>
 *   <li>{@code couch}: the couch readback (SD {@code couchReadbackSdMm}) against the commanded
 *   correction; with no wrong shift injected it is readback noise only (chi with 3 degrees of freedom);</li>
 *   <li>{@code position}: the image registration's prostate shift against the GP twin's forecast of
 *   the next MEASUREMENT (its own predictive mean and SD per axis), and the bony setup against the
 *   population setup twin ({@link TwinForecast}); chi with 6 degrees of freedom if both are calibrated.</li>
 * </ul>
 * Not thread-safe; one per patient course, fed the fractions in order.
 */
public final class PhysicsSafetyMonitor {
  private final SafetySpec spec;
  private final long seed;
  private final int replication;
  private final int patient;
  private final TwinForecast setupTwin;

  /**
   * One fraction's scores and alerts.
   *
   * @param couchScore couch detector score, readback SDs
   * @param positionScore position detector score, forecast SDs
   * @param alerts alerts of grade info or above (event id null: nothing is injected)
   */
  public record Result(double couchScore, double positionScore, List<SafetyAlert> alerts) {
  }

  public PhysicsSafetyMonitor(Scenario s, int replication, int patient) {
    this.spec = s.safety();
    this.seed = s.seed();
    this.replication = replication;
    this.patient = patient;
    AnatomyVariation av = s.anatomy();
    this.setupTwin = new TwinForecast(av.setup().systematicMm(), av.setup().randomMm(), s.registration().boneErrorSdMm());
  }

  /**
   * Scores fraction {@code f}.
   *
   * @param o what the image registration measured
   * @param measurementForecast the GP twin's forecast of this fraction's measured prostate shift, made before the image
   */
  public Result observe(int f, FractionObservation o, Forecast measurementForecast) {
    List<SafetyAlert> alerts = new ArrayList<>();
    double sd = spec.couchReadbackSdMm();
    RandomStream rs = RandomStreams.stream(seed, "safety.couch-readback", replication, patient, f);
    Vec3 readback = new Vec3(sd * z(rs), sd * z(rs), sd * z(rs));
    double couchScore = readback.norm() / sd;
    Severity cs = spec.detector("couch").grade(couchScore);
    if (cs != null) {
      alerts.add(new SafetyAlert(f, "couch", cs, couchScore, String.format(Locale.ROOT,
          "executed couch position differs from the commanded correction by %.1f readback SD (monitor mode)", couchScore), null));
    }
    Vec3 sm = setupTwin.meanMm();
    Vec3 ss = setupTwin.sdMm();
    Vec3 pm = measurementForecast.meanMm();
    Vec3 ps = measurementForecast.sdMm();
    double posScore = TwinForecast.positionScore(o.obsSetupMm(), sm, ss, o.obsProstateMm(), pm, ps);
    Severity ps2 = spec.detector("position").grade(posScore);
    if (ps2 != null) {
      alerts.add(new SafetyAlert(f, "position", ps2, posScore, String.format(Locale.ROOT,
          "measured setup (%.1f, %.1f, %.1f) and prostate (%.1f, %.1f, %.1f) mm are %.1f SD from the twin's forecast"
              + " (prostate (%.1f, %.1f, %.1f) mm; monitor mode: not acted on)",
          o.obsSetupMm().x(), o.obsSetupMm().y(), o.obsSetupMm().z(), o.obsProstateMm().x(), o.obsProstateMm().y(),
          o.obsProstateMm().z(), posScore, pm.x(), pm.y(), pm.z()), null));
    }
    setupTwin.update(o.obsSetupMm());
    return new Result(couchScore, posScore, List.copyOf(alerts));
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }
}
