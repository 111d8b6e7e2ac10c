package org.twinsim.engine.safety;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.twinsim.model.qa.MachineQaTwin;
import org.twinsim.model.qa.MachineQuantity;
import org.twinsim.model.qa.MachineState;
import org.twinsim.model.qa.QaAlert;
import org.twinsim.model.qa.Severity;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Daily machine QA of one room over the clinic's treatment days: the true state from the injected
 * drift (reset by each recalibration), the measured deviations (true + Gaussian noise, stream
 * (seed, "safety.machine-qa", replication, room, day)), the twin's alerts, and the recalibrations
 * they trigger. A pure function of its arguments.
 */
public final class MachineQa {
  private MachineQa() {
  }

  /**
   * One room-day of QA.
   *
   * @param treatmentDay 0-based index among the clinic's treatment days
   * @param date the date
   * @param trueBefore the machine's true state at QA, before any recalibration
   * @param measured the measured deviations
   * @param alerts the twin's alerts
   * @param recalibrated whether the room was recalibrated that morning
   * @param delivered the true state the day's fractions are treated with
   * @param driftUncorrected the true state had the machine never been recalibrated (for "flagged before tolerance")
   */
  public record Day(int treatmentDay, LocalDate date, MachineState trueBefore, Map<MachineQuantity, Double> measured,
                    List<QaAlert> alerts, boolean recalibrated, MachineState delivered, MachineState driftUncorrected) {
    /** The highest severity of the day's alerts, or null. */
    public Severity severity() {
      return alerts.stream().map(QaAlert::severity).max(Enum::compareTo).orElse(null);
    }

    public String reasons() {
      return alerts.stream().map(QaAlert::reason).collect(Collectors.joining("; "));
    }
  }

  /** Replays a room's QA over {@code dates} (the clinic's treatment days, in order). */
  public static List<Day> room(MachineSpec spec, long seed, int replication, int room, List<LocalDate> dates) {
    MachineQaTwin twin = new MachineQaTwin(spec.baselineDays(), 0.5, 5.0);
    Severity trigger = spec.recalibrateOn().equals("review") ? Severity.REVIEW : Severity.HOLD;
    int lastRecal = -1;
    List<Day> out = new ArrayList<>();
    for (int d = 0; d < dates.size(); d++) {
      MachineState state = spec.drift().atQa(d, lastRecal);
      RandomStream s = RandomStreams.stream(seed, "safety.machine-qa", replication, room, d);
      Map<MachineQuantity, Double> measured = new EnumMap<>(MachineQuantity.class);
      Map<MachineQuantity, Double> repeat = new EnumMap<>(MachineQuantity.class);
      for (MachineQuantity q : MachineQuantity.values()) {
        measured.put(q, state.get(q) + spec.noise().sd(q) * NormalDist.inverseF01(s.nextDouble()));
      }
      for (MachineQuantity q : MachineQuantity.values()) {
        repeat.put(q, state.get(q) + spec.noise().sd(q) * NormalDist.inverseF01(s.nextDouble()));
      }
      List<QaAlert> alerts = twin.observe(d, measured, repeat::get);
      boolean recal = alerts.stream().anyMatch(a -> a.severity().compareTo(trigger) >= 0);
      if (recal) {
        lastRecal = d;
        twin.recalibrated();
      }
      out.add(new Day(d, dates.get(d), state, Map.copyOf(measured), List.copyOf(alerts), recal,
          spec.drift().at(d, lastRecal), spec.drift().at(d, -1)));
    }
    return out;
  }
}
