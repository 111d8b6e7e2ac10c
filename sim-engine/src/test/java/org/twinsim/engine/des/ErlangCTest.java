package org.twinsim.engine.des;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.probdist.ExponentialDist;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.stat.Tally;

/**
 * Validates the event core (ServerPool + CallbackEvent on SSJ) against the analytic M/M/c queue:
 * the Erlang C mean wait Wq = C(c, a) / (c mu - lambda), a = lambda / mu.
 */
class ErlangCTest {

  /** Erlang C probability of waiting, computed from its definition (independent of the engine). */
  static double erlangC(int c, double a) {
    double sum = 0;
    double term = 1;
    for (int k = 0; k < c; k++) {
      if (k > 0) {
        term *= a / k;
      }
      sum += term;
    }
    double last = term * a / c; // a^c / c!
    double top = last * c / (c - a);
    return top / (sum + top);
  }

  static double wq(int c, double lambda, double mu) {
    return erlangC(c, lambda / mu) / (c * mu - lambda);
  }

  /** One replication: mean wait in queue after a warm-up. */
  static double replicate(int c, double lambda, double mu, double warmup, double horizon, int rep) {
    Simulator sim = new Simulator();
    sim.init();
    ServerPool pool = new ServerPool(sim, "servers", c);
    RandomStream arrivals = RandomStreams.stream(2024, "test.mmc.arrivals", rep);
    RandomStream services = RandomStreams.stream(2024, "test.mmc.services", rep);
    ExponentialDist inter = new ExponentialDist(lambda);
    ExponentialDist service = new ExponentialDist(mu);
    Runnable[] arrive = new Runnable[1];
    arrive[0] = () -> {
      pool.request(1, wait -> CallbackEvent.after(sim, service.inverseF(services.nextDouble()), () -> pool.release(1)));
      CallbackEvent.after(sim, inter.inverseF(arrivals.nextDouble()), arrive[0]);
    };
    CallbackEvent.after(sim, inter.inverseF(arrivals.nextDouble()), arrive[0]);
    CallbackEvent.at(sim, warmup, pool::resetStatistics);
    CallbackEvent.at(sim, horizon, sim::stop);
    sim.start();
    return pool.waits().average();
  }

  private static void check(int c, double lambda, double mu) {
    double expected = wq(c, lambda, mu);
    Tally t = new Tally("Wq");
    int reps = 20;
    for (int r = 0; r < reps; r++) {
      t.add(replicate(c, lambda, mu, 2_000, 22_000, r));
    }
    double half = new TDistribution(reps - 1).inverseCumulativeProbability(0.995)
        * t.standardDeviation() / Math.sqrt(reps);
    assertTrue(Math.abs(t.average() - expected) <= half,
        String.format("M/M/%d lambda %.2f mu %.2f: Wq %.4f +/- %.4f (99%% CI) vs Erlang C %.4f",
            c, lambda, mu, t.average(), half, expected));
  }

  @Test
  void erlangCFormulaMatchesThePublishedExample() {
    assertEquals(1.2857, wq(2, 1.5, 1.0), 1e-4); // REFERENCES.md
  }

  @Test
  void mm2MatchesErlangC() {
    check(2, 1.5, 1.0);
  }

  @Test
  void mm4MatchesErlangC() {
    check(4, 3.2, 1.0);
  }

  /** Requests for several units at once are served in order and never exceed the capacity. */
  @Test
  void multiUnitRequestsRespectCapacityAndOrder() {
    Simulator sim = new Simulator();
    sim.init();
    ServerPool pool = new ServerPool(sim, "therapists", 4);
    StringBuilder order = new StringBuilder();
    CallbackEvent.at(sim, 0, () -> pool.request(3, w -> {
      order.append('a');
      CallbackEvent.after(sim, 10, () -> pool.release(3));
    }));
    CallbackEvent.at(sim, 1, () -> pool.request(2, w -> {
      order.append('b');
      assertEquals(9.0, w, 1e-9);
      CallbackEvent.after(sim, 5, () -> pool.release(2));
    }));
    CallbackEvent.at(sim, 2, () -> pool.request(1, w -> {
      order.append('c');
      assertEquals(8.0, w, 1e-9, "FIFO: c waits behind b although one unit was free");
      CallbackEvent.after(sim, 5, () -> pool.release(1));
    }));
    sim.start();
    assertEquals("abc", order.toString());
    assertEquals(0, pool.inUse());
  }
}
