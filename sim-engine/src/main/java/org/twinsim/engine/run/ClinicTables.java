package org.twinsim.engine.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.twinsim.engine.clinic.ClinicModel;
import org.twinsim.engine.clinic.SessionRecord;
import org.twinsim.engine.clinic.StepRecord;
import org.twinsim.engine.scenario.Clinic;
import org.twinsim.engine.scenario.Room;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.reports.table.Table;
import umontreal.ssj.stat.Tally;

/** Builds the {@code steps} and {@code clinic_days} rows of one strategy's clinic replay. */
public final class ClinicTables {
  private ClinicTables() {
  }

  /** Appends one row per executed step. */
  public static void steps(Table out, int replication, String strategy, Map<Long, SessionRecord> sessions,
                           java.util.function.IntFunction<String> patientIds) {
    for (Map.Entry<LocalDate, List<SessionRecord>> day : ClinicModel.byDay(sessions).entrySet()) {
      for (SessionRecord s : day.getValue()) {
        String id = patientIds.apply(s.patient());
        for (int i = 0; i < s.steps().size(); i++) {
          StepRecord st = s.steps().get(i);
          out.add(out.newRow().set("replication", replication).set("strategy", strategy)
              .set("patient_id", id).set("fraction", s.fraction() + 1).set("day", s.day())
              .set("room", s.room()).set("step_index", i).set("step", st.kind().key())
              .set("resource", resourceName(st.kind().resource()))
              .set("requested_s", st.requestedS()).set("start_s", st.startS()).set("end_s", st.endS())
              .set("wait_s", st.waitS()).set("duration_s", st.durationS()).set("duration_source", st.source()));
        }
      }
    }
  }

  /**
   * Appends one row per treatment day.
   *
   * @param inClinic time-average patients in the department per day (from the clinic model)
   */
  public static void clinicDays(Table out, int replication, String strategy, Map<Long, SessionRecord> sessions,
                                Clinic clinic, Map<LocalDate, Double> inClinic) {
    double openSum = 0;
    double spanStart = Double.MAX_VALUE;
    double spanEnd = 0;
    for (Room r : clinic.rooms()) {
      openSum += r.closeS() - r.openS();
      spanStart = Math.min(spanStart, r.openS());
      spanEnd = Math.max(spanEnd, r.closeS());
    }
    double span = spanEnd - spanStart;
    for (Map.Entry<LocalDate, List<SessionRecord>> day : ClinicModel.byDay(sessions).entrySet()) {
      Map<String, double[]> perRoom = new TreeMap<>(); // busy, last end
      Tally waitRoom = new Tally();
      Tally waitGpu = new Tally();
      Tally waitPhys = new Tally();
      double gpuBusy = 0;
      double physBusy = 0;
      int delayed = 0;
      int started = 0;
      for (SessionRecord s : day.getValue()) {
        double[] a = perRoom.computeIfAbsent(s.room(), k -> new double[2]);
        a[0] += s.sessionEndS() - s.sessionStartS();
        a[1] = Math.max(a[1], s.sessionEndS());
        waitRoom.add(s.waitRoomS());
        if (s.sessionStartS() - s.appointmentS() > ClinicModel.DELAY_THRESHOLD_S) {
          delayed++;
        }
        if (s.fraction() == 0) {
          started++;
        }
        for (StepRecord st : s.steps()) {
          if (st.kind().resource() == StepKind.Resource.GPU) {
            waitGpu.add(st.waitS());
            gpuBusy += st.durationS();
          } else if (st.kind().resource() == StepKind.Resource.PHYSICIST) {
            waitPhys.add(st.waitS());
            physBusy += st.durationS();
          }
        }
      }
      double busy = 0;
      double overtime = 0;
      double maxOvertime = 0;
      for (Room r : clinic.rooms()) {
        double[] a = perRoom.get(r.name());
        if (a == null) {
          continue;
        }
        busy += a[0];
        double ot = Math.max(0, a[1] - r.closeS());
        overtime += ot;
        maxOvertime = Math.max(maxOvertime, ot);
      }
      out.add(out.newRow().set("replication", replication).set("strategy", strategy).set("day", day.getKey())
          .set("patients_treated", day.getValue().size()).set("rooms", clinic.rooms().size())
          .set("room_open_s", openSum).set("room_busy_s", busy).set("room_utilisation", busy / openSum)
          .set("overtime_s", overtime).set("max_overtime_s", maxOvertime).set("patients_delayed", delayed)
          .set("mean_wait_room_s", mean(waitRoom)).set("mean_wait_gpu_s", mean(waitGpu))
          .set("max_wait_gpu_s", waitGpu.numberObs() == 0 ? 0.0 : waitGpu.max())
          .set("mean_wait_physicist_s", mean(waitPhys))
          .set("gpu_utilisation", gpuBusy / (clinic.gpuServers() * span))
          .set("physicist_utilisation", physBusy / (clinic.physicists() * span))
          .set("mean_patients_in_clinic", inClinic.getOrDefault(day.getKey(), 0.0))
          .set("courses_started", started));
    }
  }

  private static double mean(Tally t) {
    return t.numberObs() == 0 ? 0.0 : t.average();
  }

  static String resourceName(StepKind.Resource r) {
    return switch (r) {
      case NONE -> null;
      case THERAPISTS -> "therapists";
      case PHYSICIST -> "physicist";
      case GPU -> "gpu";
    };
  }
}
