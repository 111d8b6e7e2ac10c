package org.twinsim.engine.scenario;

import java.util.List;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The clinic's rooms and shared resources. Defaults: two gantries open 07:30-18:00, four
 * therapists (two per session), two physicists, one GPU server.
 *
 * @param rooms treatment rooms
 * @param therapists radiation therapists on duty
 * @param therapistsPerSession therapists a setup, imaging or delivery step needs at once
 * @param physicists physicists available for adaptive review and plan QA
 * @param gpuServers GPU servers for registration, dose and optimisation
 * @param roomAssignment "pinned" (default: each course keeps its room) or "pooled" (a session takes
 *     any free room; used in queue mode)
 * @param physicistHours hours the physicists are on duty, "HH:MM-HH:MM" (default: always)
 * @param therapistHours hours the therapists are on duty, "HH:MM-HH:MM" (default: always)
 */
public record Clinic(List<Room> rooms, Integer therapists, Integer therapistsPerSession, Integer physicists,
                     Integer gpuServers, String roomAssignment, String physicistHours, String therapistHours) {
  public static final List<String> ASSIGNMENTS = List.of("pinned", "pooled");

  public Clinic {
    rooms = rooms == null ? List.of(new Room("G1", null), new Room("G2", null)) : List.copyOf(rooms);
    if (rooms.isEmpty()) {
      throw new InvalidParameterException("rooms", "expected at least one room");
    }
    for (int i = 0; i < rooms.size(); i++) {
      if (rooms.get(i) == null) {
        throw new InvalidParameterException("rooms[" + i + "]", "expected a room with a name and hours");
      }
      for (int j = 0; j < i; j++) {
        if (rooms.get(j).name().equals(rooms.get(i).name())) {
          throw new InvalidParameterException("rooms[" + i + "].name", "room name '" + rooms.get(i).name() + "' is used twice");
        }
      }
    }
    therapistsPerSession = therapistsPerSession == null ? 2
        : InvalidParameterException.atLeast("therapistsPerSession", therapistsPerSession, 1);
    therapists = therapists == null ? 2 * rooms.size() : InvalidParameterException.atLeast("therapists", therapists, 1);
    if (therapists < therapistsPerSession) {
      throw new InvalidParameterException("therapists", "expected at least therapistsPerSession (" + therapistsPerSession
          + ") therapists, got " + therapists);
    }
    physicists = physicists == null ? 2 : InvalidParameterException.atLeast("physicists", physicists, 1);
    gpuServers = gpuServers == null ? 1 : InvalidParameterException.atLeast("gpuServers", gpuServers, 1);
    roomAssignment = roomAssignment == null ? "pinned" : roomAssignment;
    if (!ASSIGNMENTS.contains(roomAssignment)) {
      throw new InvalidParameterException("roomAssignment", "expected one of " + ASSIGNMENTS + ", got '" + roomAssignment + "'");
    }
    if (physicistHours != null) {
      Room.parseHours("physicistHours", physicistHours);
    }
    if (therapistHours != null) {
      Room.parseHours("therapistHours", therapistHours);
    }
  }

  /** Physicists' duty hours as {openS, closeS}, or null when always on duty. */
  public double[] physicistShiftS() {
    return physicistHours == null ? null : Room.parseHours("physicistHours", physicistHours);
  }

  /** Therapists' duty hours as {openS, closeS}, or null when always on duty. */
  public double[] therapistShiftS() {
    return therapistHours == null ? null : Room.parseHours("therapistHours", therapistHours);
  }
}
