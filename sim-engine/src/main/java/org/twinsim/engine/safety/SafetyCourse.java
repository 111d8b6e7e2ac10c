package org.twinsim.engine.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.observe.ErrorModelObserver;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.anatomy.AnatomyVariation;
import org.twinsim.model.anatomy.FractionMotion;
import org.twinsim.model.anatomy.MotionModel;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.qa.ImagingPolicy;
import org.twinsim.model.qa.ImagingProtocol;
import org.twinsim.model.qa.Severity;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * The safety layer over one patient's course (geometric physics): injects the scenario's anomalies
 * from seeded streams, observes every fraction as the clinic does (the error-model registration),
 * runs the per-fraction detectors and decides the holds. A pure function of (scenario, replication,
 * patient): the clinic unit calls it to know which sessions are re-imaged, the patient unit to
 * replay and score the same course.
 *
 * <p>Detectors, each a Mahalanobis distance graded by the scenario's thresholds:
 * <ul>
 *   <li>{@code couch}: the couch's executed-position readback against the correction the
 *   registration commanded; 3 degrees of freedom with the readback SD (a record-and-verify check;
 *   the only evidence of a wrong shift entered after the image);</li>
 *   <li>{@code position}: the measured bony setup and prostate shifts against the twin's
 *   predictive distribution ({@link TwinForecast}); 6 degrees of freedom, chi-square under the
 *   motion model (statistical process control on the patient's own measurements, Montgomery,
 *   Introduction to Statistical Quality Control, ch. 6). A held fraction is not learned.</li>
 * </ul>
 * A hold re-images the patient before the beam (a re-imaging step in the event model): a wrong
 * couch shift is then found and corrected (a recurring one for the rest of the course); a transient
 * prostate displacement (rectal gas) is taken as resolved by the usual response - the patient
 * empties the rectum and is re-imaged - so the strategies decide, and the beam is delivered, on the
 * fraction's anatomy without it (the re-image is approximated by the first image's measurement of
 * that anatomy, same registration error).
 *
 * @param observations the clinic's observations, anomalies included in truth and measurement
 * @param couchErrorMm per fraction, the wrong couch shift in effect at delivery (zero when none or corrected)
 * @param hold per fraction, whether it was held
 * @param events the injected events with their truth, in start order
 * @param alerts the alerts (info, review, hold), in fraction order
 * @param protocol per fraction, the image taken
 * @param couchScore per fraction, the couch detector's score (readback SDs)
 * @param positionScore per fraction, the position detector's score (SDs of the twin's forecast)
 */
public record SafetyCourse(List<FractionObservation> observations, Vec3[] couchErrorMm, boolean[] hold,
                           List<SafetyEvent> events, List<SafetyAlert> alerts, ImagingProtocol[] protocol,
                           double[] couchScore, double[] positionScore) {
  /** Prior weight, in measurements, of the population's daily variance when the twin learns the patient's own. */
  public static final double PRIOR_DOF = 5;
  private static final double Z95 = 1.959963984540054;

  /** Screens patient {@code patient} of replication {@code replication}. */
  public static SafetyCourse screen(Scenario s, int replication, int patient) {
    return screen(s, replication, patient, s.safety().imaging());
  }

  /**
   * Concomitant imaging dose of fraction {@code f}, mGy to soft tissue: its protocol's, plus a
   * standard CBCT when a hold re-imaged it.
   */
  public double imagingDoseMGy(int f) {
    return protocol[f].softTissueDoseMGy() + (hold[f] ? ImagingProtocol.FULL_CBCT.softTissueDoseMGy() : 0);
  }

  /**
   * Screens the course with another imaging policy (anomalies, anatomy and registration errors
   * are the same draws: the policy's paired reference).
   *
   * <p>Imaging: a low-dose CBCT measures with the registration errors of a standard one scaled by
   * {@link ImagingProtocol#registrationErrorFactor()} (the same draws); a kV pair measures bone only,
   * and the prostate shift the strategies use is the twin's forecast mean (an injected prostate
   * displacement is not seen); the prostate twin learns nothing that day and the position detector
   * checks the bony setup alone. A re-image after a hold is a standard CBCT.
   */
  public static SafetyCourse screen(Scenario s, int replication, int patient, ImagingPolicy policy) {
    SafetySpec spec = s.safety();
    int nf = s.fractionation().fractions();
    long seed = s.seed();
    MotionModel motion = new MotionModel(s.anatomy(), seed, replication, patient);
    ErrorModelObserver observer = new ErrorModelObserver(motion, seed, replication, patient,
        s.registration().boneErrorSdMm(), s.registration().prostateErrorSdMm());
    List<Draft> drafts = inject(spec, seed, replication, patient, nf);
    AnatomyVariation av = s.anatomy();
    TwinForecast setupTwin = new TwinForecast(av.setup().systematicMm(), av.setup().randomMm(), s.registration().boneErrorSdMm());
    TwinForecast prostateTwin = new TwinForecast(av.prostate().systematicMm(), av.prostate().randomMm(),
        s.registration().prostateErrorSdMm());
    DetectorSpec couch = spec.detector("couch");
    DetectorSpec position = spec.detector("position");
    double sd = spec.couchReadbackSdMm();
    List<FractionObservation> obs = new ArrayList<>();
    Vec3[] couchErr = new Vec3[nf];
    boolean[] hold = new boolean[nf];
    List<SafetyAlert> alerts = new ArrayList<>();
    ImagingProtocol[] protocol = new ImagingProtocol[nf];
    double[] couchScores = new double[nf];
    double[] positionScores = new double[nf];
    boolean afterAlert = false;
    for (int f = 0; f < nf; f++) {
      Vec3 learnedSd = prostateTwin.learnedSdMm(PRIOR_DOF);
      double halfWidth = Z95 * Math.max(learnedSd.x(), Math.max(learnedSd.y(), learnedSd.z()));
      ImagingProtocol proto = policy.protocol(f, halfWidth, afterAlert);
      protocol[f] = proto;
      FractionObservation standard = observer.observe(f);
      FractionObservation o = imaged(standard, proto, prostateTwin.meanMm());
      Vec3 prostateShift = Vec3.ZERO;
      Vec3 couchShift = Vec3.ZERO;
      List<Draft> active = new ArrayList<>();
      for (Draft d : drafts) {
        if (d.activeAt(f)) {
          active.add(d);
          if (d.kind == AnomalyKind.PROSTATE_SHIFT) {
            prostateShift = prostateShift.plus(d.vectorMm);
          } else {
            couchShift = couchShift.plus(d.vectorMm);
          }
        }
      }
      // the re-image after a hold is a standard CBCT
      FractionObservation unshifted = standard;
      if (!prostateShift.equals(Vec3.ZERO)) {
        FractionMotion t = o.truth();
        FractionMotion shifted = new FractionMotion(t.fraction(), t.setupMm(), t.prostateMm().plus(prostateShift),
            t.prostateRotationDeg(), t.bladderVolumeMl(), t.rectumVolumeMl());
        Vec3 seen = proto.showsSoftTissue() ? o.obsProstateMm().plus(prostateShift) : o.obsProstateMm();
        o = new FractionObservation(o.fraction(), shifted, o.obsSetupMm(), seen,
            o.method(), o.treMeanMm(), o.treP95Mm(), o.prostateDice(), o.measuredS());
      }
      obs.add(o);
      List<SafetyAlert> today = new ArrayList<>();
      RandomStream rs = RandomStreams.stream(seed, "safety.couch-readback", replication, patient, f);
      Vec3 readback = couchShift.plus(new Vec3(sd * z(rs), sd * z(rs), sd * z(rs)));
      double couchScore = readback.norm() / sd;
      couchScores[f] = couchScore;
      Severity cs = couch.grade(couchScore);
      if (cs != null) {
        today.add(new SafetyAlert(f, "couch", cs, couchScore, String.format(Locale.ROOT,
            "executed couch position differs from the commanded correction by %s mm (%.1f readback SD)",
            fmt(readback), couchScore), match(active, AnomalyKind.GROSS_SETUP)));
      }
      Vec3 sm = setupTwin.meanMm();
      Vec3 ss = setupTwin.sdMm();
      Vec3 pm = prostateTwin.meanMm();
      Vec3 ps = prostateTwin.sdMm();
      double posScore = TwinForecast.positionScore(o.obsSetupMm(), sm, ss,
          proto.showsSoftTissue() ? o.obsProstateMm() : null, pm, ps);
      positionScores[f] = posScore;
      Severity ps2 = position.grade(posScore);
      if (ps2 != null) {
        today.add(new SafetyAlert(f, "position", ps2, posScore, String.format(Locale.ROOT,
            "measured setup %s and prostate %s mm are %.1f SD from the twin's forecast (setup %s, prostate %s mm)",
            fmt(o.obsSetupMm()), fmt(o.obsProstateMm()), posScore, fmt(sm), fmt(pm)),
            match(active, AnomalyKind.PROSTATE_SHIFT)));
      }
      boolean held = today.stream().anyMatch(a -> a.severity() == Severity.HOLD);
      hold[f] = held;
      for (SafetyAlert a : today) {
        if (a.eventId() == null || a.severity() == Severity.INFO) {
          continue;
        }
        AnomalyKind designed = a.detector().equals("couch") ? AnomalyKind.GROSS_SETUP : AnomalyKind.PROSTATE_SHIFT;
        for (Draft d : active) {
          // the matched event, and every other active event of the kind the detector looks for
          if (d.id.equals(a.eventId()) || d.kind == designed) {
            d.firstAlert = d.firstAlert < 0 ? f : d.firstAlert;
            if (a.severity() == Severity.HOLD) {
              d.detected = d.detected < 0 ? f : d.detected;
            }
          }
        }
      }
      alerts.addAll(today);
      afterAlert = today.stream().anyMatch(a -> a.severity() != Severity.INFO);
      if (held) {
        couchErr[f] = Vec3.ZERO;
        // the re-image after the hold: a transient displacement (gas released) is gone, the
        // strategies decide and the beam is delivered on the anatomy without it
        obs.set(f, unshifted);
        for (Draft d : active) {
          if (d.kind == AnomalyKind.GROSS_SETUP && d.recurring) {
            d.end = f;
          }
        }
      } else {
        couchErr[f] = couchShift;
        setupTwin.update(o.obsSetupMm());
        if (proto.showsSoftTissue()) {
          prostateTwin.update(o.obsProstateMm());
        }
      }
    }
    List<SafetyEvent> events = new ArrayList<>();
    for (Draft d : drafts) {
      events.add(new SafetyEvent(d.id, d.kind, d.recurring, d.start, d.end, d.sizeMm, d.vectorMm, d.detected, d.firstAlert));
    }
    return new SafetyCourse(List.copyOf(obs), couchErr, hold, List.copyOf(events), List.copyOf(alerts), protocol, couchScores,
        positionScores);
  }

  /**
   * A standard CBCT's observation as protocol {@code proto} would give it: registration errors
   * scaled for a low-dose CBCT; for a kV pair, the prostate shift replaced by the twin's forecast.
   */
  static FractionObservation imaged(FractionObservation standard, ImagingProtocol proto, Vec3 forecastProstateMm) {
    if (proto == ImagingProtocol.FULL_CBCT) {
      return standard;
    }
    FractionMotion t = standard.truth();
    Vec3 setup = t.setupMm().plus(standard.obsSetupMm().minus(t.setupMm()).times(proto.registrationErrorFactor()));
    Vec3 prostate = proto.showsSoftTissue()
        ? t.prostateMm().plus(standard.obsProstateMm().minus(t.prostateMm()).times(proto.registrationErrorFactor()))
        : forecastProstateMm;
    return new FractionObservation(standard.fraction(), t, setup, prostate, standard.method(),
        standard.treMeanMm(), standard.treP95Mm(), standard.prostateDice(), standard.measuredS());
  }

  /** Session keys ({@link ClinicModel#key}) of the held fractions of every patient of a replication. */
  public static Set<Long> holdKeys(Scenario s, int replication) {
    Set<Long> keys = new HashSet<>();
    for (int p = 0; p < s.cohort().patients(); p++) {
      SafetyCourse c = screen(s, replication, p);
      for (int f = 0; f < c.hold.length; f++) {
        if (c.hold[f]) {
          keys.add(ClinicModel.key(p, f));
        }
      }
    }
    return keys;
  }

  /** The id of the active event the detector is designed for, else of any active event, else null. */
  private static String match(List<Draft> active, AnomalyKind designedFor) {
    for (Draft d : active) {
      if (d.kind == designedFor) {
        return d.id;
      }
    }
    return active.isEmpty() ? null : active.get(0).id;
  }

  /** The anomalies of one course, from streams (seed, "safety.anomaly", replication, patient, spec index[, fraction]). */
  private static List<Draft> inject(SafetySpec spec, long seed, int replication, int patient, int nf) {
    List<Draft> out = new ArrayList<>();
    for (int i = 0; i < spec.anomalies().size(); i++) {
      AnomalySpec a = spec.anomalies().get(i);
      if (a.perCourse() != null) {
        RandomStream r = RandomStreams.stream(seed, "safety.anomaly.course", replication, patient, i);
        if (r.nextDouble() < a.perCourse()) {
          int start = Math.min(nf - 1, (int) (r.nextDouble() * nf));
          out.add(draft(a, r, start, nf - 1, true));
        }
      } else {
        for (int f = 0; f < nf; f++) {
          RandomStream r = RandomStreams.stream(seed, "safety.anomaly.fraction", replication, patient, i, f);
          if (r.nextDouble() < a.perFraction()) {
            out.add(draft(a, r, f, f, false));
          }
        }
      }
    }
    out.sort(Comparator.comparingInt((Draft d) -> d.start).thenComparing(d -> d.kind));
    for (int k = 0; k < out.size(); k++) {
      out.get(k).id = String.format(Locale.ROOT, "r%d-p%d-e%02d", replication, patient + 1, k + 1);
    }
    return out;
  }

  private static Draft draft(AnomalySpec a, RandomStream r, int start, int end, boolean recurring) {
    double size = a.minMm() + (a.maxMm() - a.minMm()) * r.nextDouble();
    Vec3 v;
    if (a.anomalyKind() == AnomalyKind.GROSS_SETUP) {
      int axis = Math.min(2, (int) (3 * r.nextDouble()));
      double sign = r.nextDouble() < 0.5 ? -1 : 1;
      double[] x = new double[3];
      x[axis] = sign * size;
      v = Vec3.of(x);
    } else {
      double cz = 2 * r.nextDouble() - 1;
      double phi = 2 * Math.PI * r.nextDouble();
      double rho = Math.sqrt(1 - cz * cz);
      v = new Vec3(size * rho * Math.cos(phi), size * rho * Math.sin(phi), size * cz);
    }
    return new Draft(a.anomalyKind(), recurring, start, end, size, v);
  }

  private static double z(RandomStream s) {
    return NormalDist.inverseF01(s.nextDouble());
  }

  private static String fmt(Vec3 v) {
    return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", v.x(), v.y(), v.z());
  }

  /** An event while the course is screened (its end and detection are found on the way). */
  private static final class Draft {
    final AnomalyKind kind;
    final boolean recurring;
    final int start;
    final double sizeMm;
    final Vec3 vectorMm;
    int end;
    String id;
    int detected = -1;
    int firstAlert = -1;

    Draft(AnomalyKind kind, boolean recurring, int start, int end, double sizeMm, Vec3 vectorMm) {
      this.kind = kind;
      this.recurring = recurring;
      this.start = start;
      this.end = end;
      this.sizeMm = sizeMm;
      this.vectorMm = vectorMm;
    }

    boolean activeAt(int f) {
      return f >= start && f <= end;
    }
  }
}
