package org.twinsim.engine.clinic;

import java.time.LocalDate;
import java.util.ArrayDeque;
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
import umontreal.ssj.simevents.Accumulate;
import umontreal.ssj.simevents.Simulator;

/**
 * The clinic as a discrete-event model on SSJ: rooms, therapists, physicists and GPU servers as
 * {@link ServerPool}s; every session arrives (near its appointment, or exactly at it for walk-in
 * sessions), waits for its room (its own, or any free one when rooms are pooled), then runs its
 * strategy's workflow step by step, each step waiting for the shared resource it holds. Staff with
 * duty hours are on duty only then (a request outside waits for the next shift). One model replays
 * every day of one strategy in one replication; day d starts at d x 86400 s after the epoch.
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
  private final boolean sampleArrival;
  private final Map<LocalDate, Double> inClinicAverage = new HashMap<>();
  private long executed;
  private java.util.Set<Long> reimaged = java.util.Set.of();
  private List<RoomClosure> closures = List.of();

  /**
   * A room out of service (e.g. for recalibration after machine QA) from its opening for some hours.
   *
   * @param room index of the room in the scenario's list
   * @param day the date
   * @param hours hours from the room's opening
   */
  public record RoomClosure(int room, LocalDate day, double hours) {
  }

  /**
   * @param sampleArrival whether patients arrive at appointment + the timing model's arrival offset
   *     (scheduled sessions) or exactly at the appointment (walk-in sessions)
   */
  public ClinicModel(Clinic clinic, String strategy, List<StepKind> workflow, double slotMinutes,
                     StepDurations durations, boolean sampleArrival) {
    if (!workflow.contains(StepKind.CBCT) || !workflow.contains(StepKind.DELIVERY)) {
      throw new IllegalArgumentException("workflow of " + strategy + " needs a CBCT and a delivery step");
    }
    this.clinic = clinic;
    this.strategy = strategy;
    this.workflow = List.copyOf(workflow);
    this.slotS = slotMinutes * 60;
    this.durations = durations;
    this.sampleArrival = sampleArrival;
  }

  /**
   * Sessions (keys of {@link #key}) held by the safety layer: each runs a {@link StepKind#REIMAGING}
   * step just before its delivery. Empty by default.
   */
  public ClinicModel reimaging(java.util.Set<Long> sessionKeys) {
    this.reimaged = java.util.Set.copyOf(sessionKeys);
    return this;
  }

  /** Rooms out of service from their opening (machine recalibration); none by default. */
  public ClinicModel roomClosures(List<RoomClosure> c) {
    this.closures = List.copyOf(c);
    return this;
  }

  /** Length of an appointment slot of this strategy, s. */
  public double slotS() {
    return slotS;
  }

  /** Appointment requests of booked courses: room open + slot x slot length on each treatment date. */
  public List<SessionRequest> requests(List<CourseBooking> bookings) {
    List<SessionRequest> r = new ArrayList<>();
    for (CourseBooking b : bookings) {
      Room room = clinic.rooms().get(b.room());
      for (int f = 0; f < b.dates().size(); f++) {
        r.add(new SessionRequest(b.patient(), f, b.dates().get(f), b.room(), room.openS() + b.slot() * slotS));
      }
    }
    return r;
  }

  /** Replays every session; returns them keyed by {@link #key(int, int)}, in no particular order. */
  public Map<Long, SessionRecord> run(List<SessionRequest> requests, LocalDate epoch) {
    Simulator sim = new Simulator();
    sim.init();
    List<Room> rooms = clinic.rooms();
    boolean pooled = clinic.roomAssignment().equals("pooled");
    ServerPool[] roomPools;
    ArrayDeque<Integer> freeRooms = new ArrayDeque<>();
    if (pooled) {
      roomPools = new ServerPool[] {new ServerPool(sim, "rooms", rooms.size())};
      for (int r = 0; r < rooms.size(); r++) {
        freeRooms.add(r);
      }
    } else {
      roomPools = new ServerPool[rooms.size()];
      for (int r = 0; r < roomPools.length; r++) {
        roomPools[r] = new ServerPool(sim, "room " + rooms.get(r).name(), 1);
      }
    }
    Map<StepKind.Resource, ServerPool> shared = new HashMap<>();
    shared.put(StepKind.Resource.THERAPISTS, new ServerPool(sim, "therapists", clinic.therapists()));
    shared.put(StepKind.Resource.PHYSICIST, new ServerPool(sim, "physicists", clinic.physicists()));
    shared.put(StepKind.Resource.GPU, new ServerPool(sim, "gpu", clinic.gpuServers()));
    Accumulate inClinic = new Accumulate(sim, "patients in clinic");
    int[] present = new int[1];
    Map<Long, SessionRecord> out = new HashMap<>();
    long firstDay = Long.MAX_VALUE;
    long lastDay = Long.MIN_VALUE;
    for (SessionRequest q : requests) {
      if (!pooled && (q.room() < 0 || q.room() >= rooms.size())) {
        throw new IllegalArgumentException("session of patient " + q.patient() + " has no room but rooms are pinned");
      }
      long d = q.day().toEpochDay() - epoch.toEpochDay();
      firstDay = Math.min(firstDay, d);
      lastDay = Math.max(lastDay, d);
      double dayStart = d * DAY_S;
      double arrival = q.appointmentS();
      if (sampleArrival) {
        arrival = Math.max(0, arrival + durations.durationS(StepKind.ARRIVAL, strategy, q.patient(), q.fraction()));
      }
      Room room = pooled ? null : rooms.get(q.room());
      Session s = new Session(sim, pooled ? roomPools[0] : roomPools[q.room()], pooled ? freeRooms : null,
          shared, q, room == null ? null : room.name(), dayStart, arrival, out, inClinic, present);
      CallbackEvent.at(sim, dayStart + arrival, s::arrive);
    }
    for (RoomClosure c : closures) {
      ServerPool pool = pooled ? roomPools[0] : roomPools[c.room()];
      double open = (c.day().toEpochDay() - epoch.toEpochDay()) * DAY_S + rooms.get(c.room()).openS();
      CallbackEvent.at(sim, open, () -> pool.setCapacity(pool.capacity() - 1));
      CallbackEvent.at(sim, open + c.hours() * 3600, () -> pool.setCapacity(pool.capacity() + 1));
    }
    if (!requests.isEmpty()) {
      scheduleShifts(sim, shared.get(StepKind.Resource.PHYSICIST), clinic.physicistShiftS(), clinic.physicists(), firstDay, lastDay + 2);
      scheduleShifts(sim, shared.get(StepKind.Resource.THERAPISTS), clinic.therapistShiftS(), clinic.therapists(), firstDay, lastDay + 2);
      scheduleDailyAverages(sim, inClinic, epoch, firstDay, lastDay + 1);
    }
    executed = 0;
    sim.start();
    if (out.size() != requests.size()) {
      throw new IllegalStateException("clinic model for " + strategy + " finished with "
          + (requests.size() - out.size()) + " sessions never served (a resource never comes on duty?)");
    }
    return out;
  }

  /** Events executed by the last {@link #run} (arrivals, step ends, shift changes). */
  public long eventsExecuted() {
    return executed;
  }

  /**
   * Time-average number of patients in the department (arrived, not yet left) over each day's
   * room opening span, from the last {@link #run}.
   */
  public Map<LocalDate, Double> patientsInClinicAverage() {
    return inClinicAverage;
  }

  private void scheduleShifts(Simulator sim, ServerPool pool, double[] shift, int n, long firstDay, long lastDay) {
    if (shift == null) {
      return;
    }
    pool.setCapacity(0);
    for (long d = firstDay; d <= lastDay; d++) {
      double start = d * DAY_S;
      CallbackEvent.at(sim, start + shift[0], () -> pool.setCapacity(n));
      CallbackEvent.at(sim, start + shift[1], () -> pool.setCapacity(0));
    }
  }

  private void scheduleDailyAverages(Simulator sim, Accumulate inClinic, LocalDate epoch, long firstDay, long lastDay) {
    double open = Double.MAX_VALUE;
    double close = 0;
    for (Room r : clinic.rooms()) {
      open = Math.min(open, r.openS());
      close = Math.max(close, r.closeS());
    }
    inClinicAverage.clear();
    final double o = open;
    final double c = close;
    for (long d = firstDay; d <= lastDay; d++) {
      long day = d;
      CallbackEvent.at(sim, d * DAY_S + o, () -> inClinic.init(inClinic.getLastValue()));
      CallbackEvent.at(sim, d * DAY_S + c, () -> {
        inClinic.update(inClinic.getLastValue());
        inClinicAverage.put(epoch.plusDays(day), inClinic.average());
      });
    }
  }

  public static long key(int patient, int fraction) {
    return (long) patient * 1000 + fraction;
  }

  /** One fraction's session: a chain of callbacks through the workflow. */
  private final class Session {
    private final Simulator sim;
    private final ServerPool room;
    private final ArrayDeque<Integer> freeRooms;
    private final Map<StepKind.Resource, ServerPool> shared;
    private final SessionRequest request;
    private final double dayStart;
    private final double arrival;
    private final Map<Long, SessionRecord> out;
    private final Accumulate inClinic;
    private final int[] present;
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<StepKind> flow;
    private String roomName;
    private int roomIndex = -1;
    private double sessionStart;

    Session(Simulator sim, ServerPool room, ArrayDeque<Integer> freeRooms, Map<StepKind.Resource, ServerPool> shared,
            SessionRequest request, String roomName, double dayStart, double arrival, Map<Long, SessionRecord> out,
            Accumulate inClinic, int[] present) {
      this.sim = sim;
      this.room = room;
      this.freeRooms = freeRooms;
      this.shared = shared;
      this.request = request;
      this.roomName = roomName;
      this.dayStart = dayStart;
      this.arrival = arrival;
      this.out = out;
      this.inClinic = inClinic;
      this.present = present;
      if (reimaged.contains(key(request.patient(), request.fraction()))) {
        List<StepKind> w = new ArrayList<>(workflow);
        w.add(w.indexOf(StepKind.DELIVERY), StepKind.REIMAGING);
        this.flow = List.copyOf(w);
      } else {
        this.flow = workflow;
      }
    }

    void arrive() {
      executed++;
      inClinic.update(++present[0]);
      room.request(1, wait -> {
        if (freeRooms != null) {
          roomIndex = freeRooms.pollFirst();
          roomName = clinic.rooms().get(roomIndex).name();
        }
        sessionStart = sim.time() - dayStart;
        step(0);
      });
    }

    void step(int i) {
      if (i == flow.size()) {
        if (freeRooms != null) {
          freeRooms.addFirst(roomIndex);
        }
        room.release(1);
        inClinic.update(--present[0]);
        out.put(key(request.patient(), request.fraction()), new SessionRecord(request.patient(), request.fraction(),
            request.day(), roomName, request.appointmentS(), arrival, sessionStart, List.copyOf(steps)));
        return;
      }
      StepKind k = flow.get(i);
      double requested = sim.time() - dayStart;
      double d = durations.durationS(k, strategy, request.patient(), request.fraction());
      ServerPool pool = shared.get(k.resource());
      int units = k.resource() == StepKind.Resource.THERAPISTS ? clinic.therapistsPerSession() : 1;
      if (pool == null) {
        start(i, k, requested, d, null, 0);
      } else {
        pool.request(units, w -> start(i, k, requested, d, pool, units));
      }
    }

    private void start(int i, StepKind k, double requested, double d, ServerPool pool, int units) {
      double start = sim.time() - dayStart;
      CallbackEvent.after(sim, d, () -> {
        executed++;
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
