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
 */
public record Clinic(List<Room> rooms, Integer therapists, Integer therapistsPerSession, Integer physicists,
                     Integer gpuServers) {
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
  }
}
