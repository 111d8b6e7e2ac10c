package org.twinsim.engine.clinic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.engine.scenario.Arrivals;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.timing.DistributionSpec;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/**
 * Queue mode: sessions arriving around the clock as a renewal process (exponential inter-arrivals
 * for {@code sessionsPerHour}, or the scenario's inter-arrival distribution), each one fraction of
 * its own walk-in patient, served by any free room.
 */
public final class SessionStream {
  private SessionStream() {
  }

  public static List<SessionRequest> generate(Scenario s, int replication) {
    Arrivals a = s.arrivals();
    DistributionSpec gap = a.interarrival() != null ? a.interarrival()
        : DistributionSpec.exponential(3600.0 / a.sessionsPerHour());
    RandomStream r = RandomStreams.stream(s.seed(), "arrivals.session", replication);
    double horizonS = s.horizonDays() * 86_400.0;
    LocalDate start = s.fractionation().startDate();
    List<SessionRequest> out = new ArrayList<>();
    int n = 0;
    for (double t = gap.quantile(r.nextDouble()); t < horizonS; t += gap.quantile(r.nextDouble())) {
      long day = (long) Math.floor(t / 86_400.0);
      out.add(new SessionRequest(n++, 0, start.plusDays(day), -1, t - day * 86_400.0));
      if (n > 5_000_000) {
        throw new IllegalArgumentException("more than 5 million sessions over the horizon; shorten arrivals.horizonDays");
      }
    }
    return out;
  }
}
