package org.twinsim.engine.clinic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.twinsim.engine.des.CallbackEvent;
import org.twinsim.engine.des.ServerPool;
import org.twinsim.engine.scenario.Clinic;
import org.twinsim.engine.scenario.Room;
import org.twinsim.engine.timing.StepDurations;
import org.twinsim.engine.timing.StepKind;
import umontreal.ssj.simevents.Simulator;

/**
 * The clinic as a discrete-event model on SSJ: rooms, therapists, physicists and GPU servers as
 * {@link ServerPool}s; every booked fraction is a session that arrives near its appointment, waits
 * for its room, then runs its strategy's workflow step by step, each step waiting for the shared
 * resource it holds. One model replays every treatment day of one strategy in one replication
 * (time runs over the whole calendar: day d starts at d x 86400 s).
 */
public final class ClinicModel {
  /** A session starting later than this after its appointment counts as delayed, s. */
  public static final double DELAY_THRESHOLD_S = 900;
  private static final double DAY_S = 86_400;

  private final Clinic clinic;
  private final String strategy;
  private final List<StepKind> workflow;
  private final double slotS;
  private final StepDurations durations;

  public ClinicModel(Clinic clinic, String strategy, List<StepKind> workflow, double slotMinutes,
                     StepDurations durations) {
    if (!workflow.contains(StepKind.CBCT) || !workflow.contains(StepKind.DELIVERY)) {
      throw new IllegalArgumentException("workflow of " + strategy + " needs a CBCT and a delivery step");
    }
    this.clinic = clinic;
    this.strategy = strategy;
    this.workflow = List.copyOf(workflow);
    this.slotS = slotMinutes * 60;
    this.durations = durations;
  }

  /** Replays every booked session; returns them keyed by {@link #key(int, int)}, in no particular order. */
  public Map<Long, SessionRecord> run(List<CourseBooking> bookings, LocalDate epoch) {
    Simulator sim = new Simulator();
    sim.init();
    List<Room> rooms = clinic.rooms();
    ServerPool[] roomPools = new ServerPool[rooms.size()];
    for (int r = 0; r < roomPools.length; r++) {
      roomPools[r] = new ServerPool(sim, "room " + rooms.get(r).name(), 1);
    }
    Map<StepKind.Resource, ServerPool> shared = new HashMap<>();
    shared.put(StepKind.Resource.THERAPISTS, new ServerPool(sim, "therapists", clinic.therapists()));
    shared.put(StepKind.Resource.PHYSICIST, new ServerPool(sim, "physicists", clinic.physicists()));
    shared.put(StepKind.Resource.GPU, new ServerPool(sim, "gpu", clinic.gpuServers()));
    Map<Long, SessionRecord> out = new HashMap<>();
    for (CourseBooking b : bookings) {
      Room room = rooms.get(b.room());
      for (int f = 0; f < b.dates().size(); f++) {
        LocalDate day = b.dates().get(f);
        double dayStart = (day.toEpochDay() - epoch.toEpochDay()) * DAY_S;
        double appointment = room.openS() + b.slot() * slotS;
        double arrival = appointment + durations.durationS(StepKind.ARRIVAL, strategy, b.patient(), f);
        arrival = Math.max(arrival, 0);
        Session s = new Session(sim, roomPools[b.room()], shared, b.patient(), f, day, room.name(), dayStart,
            appointment, arrival, out);
        CallbackEvent.at(sim, dayStart + arrival, s::arrive);
      }
    }
    sim.start();
    if (out.size() != bookings.stream().mapToInt(x -> x.dates().size()).sum()) {
      throw new IllegalStateException("clinic model for " + strategy + " finished with sessions still open");
    }
    return out;
  }

  public static long key(int patient, int fraction) {
    return (long) patient * 1000 + fraction;
  }

  /** One fraction's session: a chain of callbacks through the workflow. */
  private final class Session {
    private final Simulator sim;
    private final ServerPool room;
    private final Map<StepKind.Resource, ServerPool> shared;
    private final int patient;
    private final int fraction;
    private final LocalDate day;
    private final String roomName;
    private final double dayStart;
    private final double appointment;
    private final double arrival;
    private final Map<Long, SessionRecord> out;
    private final List<StepRecord> steps = new ArrayList<>();
    private double sessionStart;

    Session(Simulator sim, ServerPool room, Map<StepKind.Resource, ServerPool> shared, int patient, int fraction,
            LocalDate day, String roomName, double dayStart, double appointment, double arrival,
            Map<Long, SessionRecord> out) {
      this.sim = sim;
      this.room = room;
      this.shared = shared;
      this.patient = patient;
      this.fraction = fraction;
      this.day = day;
      this.roomName = roomName;
      this.dayStart = dayStart;
      this.appointment = appointment;
      this.arrival = arrival;
      this.out = out;
    }

    void arrive() {
      room.request(1, wait -> {
        sessionStart = sim.time() - dayStart;
        step(0);
      });
    }

    void step(int i) {
      if (i == workflow.size()) {
        room.release(1);
        out.put(key(patient, fraction), new SessionRecord(patient, fraction, day, roomName, appointment, arrival,
            sessionStart, List.copyOf(steps)));
        return;
      }
      StepKind k = workflow.get(i);
      double requested = sim.time() - dayStart;
      double d = durations.durationS(k, strategy, patient, fraction);
      ServerPool pool = shared.get(k.resource());
      int units = k.resource() == StepKind.Resource.THERAPISTS ? clinic.therapistsPerSession() : 1;
      if (pool == null) {
        run(i, k, requested, d, null, 0);
      } else {
        pool.request(units, w -> run(i, k, requested, d, pool, units));
      }
    }

    private void run(int i, StepKind k, double requested, double d, ServerPool pool, int units) {
      double start = sim.time() - dayStart;
      CallbackEvent.after(sim, d, () -> {
        steps.add(new StepRecord(k, requested, start, sim.time() - dayStart, durations.source(k)));
        if (pool != null) {
          pool.release(units);
        }
        step(i + 1);
      });
    }
  }

  /** Sessions of one strategy grouped by day, in time order within the day. */
  public static TreeMap<LocalDate, List<SessionRecord>> byDay(Map<Long, SessionRecord> sessions) {
    TreeMap<LocalDate, List<SessionRecord>> m = new TreeMap<>();
    for (SessionRecord s : sessions.values()) {
      m.computeIfAbsent(s.day(), d -> new ArrayList<>()).add(s);
    }
    for (List<SessionRecord> l : m.values()) {
      l.sort(Comparator.comparingDouble(SessionRecord::sessionStartS).thenComparingInt(SessionRecord::patient));
    }
    return m;
  }
}
