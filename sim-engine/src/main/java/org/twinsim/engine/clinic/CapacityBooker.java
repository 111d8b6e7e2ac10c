package org.twinsim.engine.clinic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.twinsim.engine.calendar.TreatmentCalendar;
import org.twinsim.engine.scenario.Arrivals;
import org.twinsim.engine.scenario.Room;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.ExponentialDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Capacity mode: new patients referred as a Poisson (or regular) process are booked into the
 * clinic. Each patient is ready {@code leadDays} after referral; the booker gives the course the
 * first treatment day from which one room has the same slot free on every day of the course
 * (first fit: earliest day, then room order, then earliest slot), as a booking office with fixed
 * daily appointment times does. Referrals and course types come from streams that do not depend
 * on the strategy, so every strategy sees the same patients (common random numbers); the bookings
 * differ because slot lengths do.
 */
public final class CapacityBooker {
  private CapacityBooker() {
  }

  /** One referred patient's course as booked. */
  public record Booked(CourseBooking booking, LocalDate referral, LocalDate ready, String courseType) {
  }

  /** Referral times (days since the start date, fractional) over the horizon. */
  public static double[] referrals(Scenario s, int replication) {
    Arrivals a = s.arrivals();
    double meanGapDays = 7.0 / a.patientsPerWeek();
    List<Double> t = new ArrayList<>();
    if (a.process().equals("regular")) {
      for (double x = 0.5 * meanGapDays; x < s.horizonDays(); x += meanGapDays) {
        t.add(x);
      }
    } else {
      RandomStream r = RandomStreams.stream(s.seed(), "arrivals.referral", replication);
      ExponentialDist gap = new ExponentialDist(1.0 / meanGapDays);
      for (double x = gap.inverseF(r.nextDouble()); x < s.horizonDays(); x += gap.inverseF(r.nextDouble())) {
        t.add(x);
      }
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Books every referred patient for a strategy whose appointment slot lasts {@code slotS} seconds. */
  public static List<Booked> book(Scenario s, int replication, double slotS, TreatmentCalendar calendar) {
    Arrivals a = s.arrivals();
    List<Room> rooms = s.clinic().rooms();
    int[] slotsPerDay = new int[rooms.size()];
    for (int r = 0; r < rooms.size(); r++) {
      slotsPerDay[r] = (int) Math.floor((rooms.get(r).closeS() - rooms.get(r).openS()) / slotS + 1e-9);
      if (slotsPerDay[r] < 1) {
        throw new IllegalArgumentException("room " + rooms.get(r).name() + " is open for less than one "
            + (slotS / 60) + " min slot");
      }
    }
    double totalWeight = a.courseMix().stream().mapToDouble(Arrivals.CourseType::weight).sum();
    // occupancy[r].get(day * maxSlots + slot): a slot booked on a treatment day (index in the calendar)
    int maxSlots = java.util.Arrays.stream(slotsPerDay).max().orElse(1);
    BitSet[] occupied = new BitSet[rooms.size()];
    for (int r = 0; r < rooms.size(); r++) {
      occupied[r] = new BitSet();
    }
    List<Booked> out = new ArrayList<>();
    double[] ref = referrals(s, replication);
    LocalDate start = s.fractionation().startDate();
    for (int p = 0; p < ref.length; p++) {
      RandomStream u = RandomStreams.stream(s.seed(), "arrivals.course", replication, p);
      Arrivals.CourseType type = pick(a.courseMix(), totalWeight, u.nextDouble());
      LocalDate referral = start.plusDays((long) Math.floor(ref[p]));
      LocalDate ready = referral.plusDays(a.leadDays());
      int first = firstTreatmentDayOnOrAfter(calendar, ready);
      int f = type.fractions();
      boolean booked = false;
      for (int d = first; !booked; d++) {
        if (d > first + 3660) {
          throw new IllegalStateException("no free slot within ten years for patient " + p);
        }
        for (int r = 0; r < rooms.size() && !booked; r++) {
          for (int slot = 0; slot < slotsPerDay[r] && !booked; slot++) {
            boolean free = true;
            for (int k = 0; k < f && free; k++) {
              free = !occupied[r].get((d + k) * maxSlots + slot);
            }
            if (free) {
              for (int k = 0; k < f; k++) {
                occupied[r].set((d + k) * maxSlots + slot);
              }
              out.add(new Booked(new CourseBooking(p, calendar.course(d, f), r, slot), referral, ready, type.name()));
              booked = true;
            }
          }
        }
      }
    }
    return out;
  }

  private static Arrivals.CourseType pick(List<Arrivals.CourseType> mix, double total, double u) {
    double acc = 0;
    for (Arrivals.CourseType c : mix) {
      acc += c.weight() / total;
      if (u < acc) {
        return c;
      }
    }
    return mix.get(mix.size() - 1);
  }

  private static int firstTreatmentDayOnOrAfter(TreatmentCalendar cal, LocalDate d) {
    int lo = 0;
    int hi = 1;
    while (cal.treatmentDay(hi).isBefore(d)) {
      lo = hi;
      hi *= 2;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cal.treatmentDay(mid).isBefore(d)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
