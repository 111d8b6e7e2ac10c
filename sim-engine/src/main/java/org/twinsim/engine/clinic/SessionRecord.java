package org.twinsim.engine.clinic;

import java.time.LocalDate;
import java.util.List;
import org.twinsim.engine.timing.StepKind;

/**
 * The timeline of one fraction's session; times are simulated seconds since midnight.
 *
 * @param patient patient index
 * @param fraction fraction index, 0-based
 * @param day treatment date
 * @param room room name
 * @param appointmentS booked start
 * @param arrivalS patient arrival
 * @param sessionStartS room granted, setup begins
 * @param steps the executed steps in order
 */
public record SessionRecord(int patient, int fraction, LocalDate day, String room, double appointmentS,
                            double arrivalS, double sessionStartS, List<StepRecord> steps) {

  /** The first executed step of a kind; throws if the workflow has none. */
  public StepRecord step(StepKind kind) {
    for (StepRecord s : steps) {
      if (s.kind() == kind) {
        return s;
      }
    }
    throw new IllegalStateException("session has no step " + kind);
  }

  public double sessionEndS() {
    return steps.get(steps.size() - 1).endS();
  }

  public double cbctS() {
    return step(StepKind.CBCT).endS();
  }

  public double deliveryStartS() {
    return step(StepKind.DELIVERY).startS();
  }

  public double deliveryEndS() {
    return step(StepKind.DELIVERY).endS();
  }

  /** End of the last step before delivery. */
  public double decisionEndS() {
    StepRecord prev = null;
    for (StepRecord s : steps) {
      if (s.kind() == StepKind.DELIVERY) {
        return prev == null ? s.requestedS() : prev.endS();
      }
      prev = s;
    }
    throw new IllegalStateException("session has no delivery");
  }

  /** Time from the end of the CBCT to the middle of the delivery, s. */
  public double cbctToBeamS() {
    return 0.5 * (deliveryStartS() + deliveryEndS()) - cbctS();
  }

  public double waitRoomS() {
    return sessionStartS - arrivalS;
  }

  /** Total wait of steps holding a resource of the given kind, s. */
  public double waitS(StepKind.Resource r) {
    double w = 0;
    for (StepRecord s : steps) {
      if (s.kind().resource() == r) {
        w += s.waitS();
      }
    }
    return w;
  }
}
