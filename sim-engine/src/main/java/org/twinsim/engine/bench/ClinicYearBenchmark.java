package org.twinsim.engine.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.clinic.CapacityBooker;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.CourseBooking;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.clinic.SessionRequest;
import org.twinsim.engine.scenario.Arrivals;
import org.twinsim.engine.scenario.Clinic;
import org.twinsim.engine.scenario.Fractionation;
import org.twinsim.engine.scenario.Room;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.engine.strategy.Strategies;
import org.twinsim.engine.timing.SampledStepDurations;

/**
 * Benchmark (not a test): one year of a 4-room clinic running the digital-twin workflow, booked
 * and replayed by the event model; prints the wall time of booking and of the replay, sessions,
 * events and the event rate, as the median of several repeats after a warm-up.
 *
 * <p>Run: {@code java -cp scenarios/target/twinsim.jar org.twinsim.engine.bench.ClinicYearBenchmark [repeats]}
 */
public final class ClinicYearBenchmark {
  private ClinicYearBenchmark() {
  }

  public static void main(String[] args) {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Room> rooms = List.of(new Room("G1", "07:00-19:00"), new Room("G2", "07:00-19:00"),
        new Room("G3", "07:00-19:00"), new Room("G4", "07:00-19:00"));
    Clinic clinic = new Clinic(rooms, 8, 2, 2, 1, null, "07:00-19:00", null);
    Arrivals arrivals = new Arrivals("poisson", 30.0, null, null, 365, 7, 14, List.of(
        new Arrivals.CourseType("28fx", 28, 0.6), new Arrivals.CourseType("20fx", 20, 0.25),
        new Arrivals.CourseType("5fx", 5, 0.15)));
    StrategySpec twin = StrategySpec.named("digital-twin");
    Scenario s = new Scenario("bench-year", "one year, 4 rooms", 4040L, 1, null,
        new Fractionation(null, null, null, LocalDate.of(2026, 1, 5), null), clinic, List.of(twin), null, null, null,
        "capacity", arrivals, null, null, null);
    TreatmentCalendar cal = new TreatmentCalendar(s.fractionation());
    double[] book = new double[repeats];
    double[] replay = new double[repeats];
    long sessions = 0;
    long events = 0;
    for (int r = -1; r < repeats; r++) { // r = -1: warm-up
      long t0 = System.nanoTime();
      ClinicModel cm = new ClinicModel(clinic, twin.name(), Strategies.create(twin, java.util.List.of(1.5), null).workflow(),
          twin.slotMinutes(), new SampledStepDurations(s.timing(), s.seed(), 0), true);
      List<CourseBooking> b = new ArrayList<>();
      for (CapacityBooker.Booked x : CapacityBooker.book(s, 0, cm.slotS(), cal)) {
        b.add(x.booking());
      }
      List<SessionRequest> req = cm.requests(b);
      long t1 = System.nanoTime();
      Map<Long, SessionRecord> out = cm.run(req, s.fractionation().startDate());
      long t2 = System.nanoTime();
      if (r >= 0) {
        book[r] = (t1 - t0) * 1e-9;
        replay[r] = (t2 - t1) * 1e-9;
      }
      sessions = out.size();
      events = cm.eventsExecuted();
    }
    Arrays.sort(book);
    Arrays.sort(replay);
    double b = book[repeats / 2];
    double p = replay[repeats / 2];
    System.out.printf(Locale.ROOT, "one year, 4 rooms, digital-twin workflow: %d sessions, %d events%n", sessions, events);
    System.out.printf(Locale.ROOT, "booking %.2f s, replay %.2f s (median of %d; min %.2f, max %.2f), total %.2f s%n",
        b, p, repeats, replay[0], replay[repeats - 1], b + p);
    System.out.printf(Locale.ROOT, "event rate %.0f events/s; %.0f sessions/s; %d available processors%n",
        events / p, sessions / p, Runtime.getRuntime().availableProcessors());
  }
}
