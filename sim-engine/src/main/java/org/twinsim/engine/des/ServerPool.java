package org.twinsim.engine.des;

import java.util.ArrayDeque;
import java.util.function.DoubleConsumer;
import umontreal.ssj.simevents.Accumulate;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.stat.Tally;

/**
 * A pool of {@code capacity} identical servers (rooms, therapists, physicists, GPU servers) with
 * a first-come first-served queue, on an SSJ {@link Simulator}. A request for k units waits until
 * k units are free and no earlier request is waiting (strict FIFO, no overtaking).
 *
 * <p>Statistics are SSJ collectors: a {@link Tally} of waits and time-weighted {@link Accumulate}s
 * of busy units and queue length (the M/M/c test of the engine reads them against Erlang C).
 */
public final class ServerPool {
  private final String name;
  private int capacity;
  private final int maxCapacity;
  private final Simulator sim;
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private final Accumulate busy;
  private final Accumulate queueLength;
  private final Tally waits;
  private int inUse;

  private record Request(int units, double requestedAt, DoubleConsumer onGrant) {
  }

  public ServerPool(Simulator sim, String name, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("resource " + name + " needs capacity >= 1, got " + capacity);
    }
    this.sim = sim;
    this.name = name;
    this.capacity = capacity;
    this.maxCapacity = capacity;
    this.busy = new Accumulate(sim, name + " busy");
    this.queueLength = new Accumulate(sim, name + " queue");
    this.waits = new Tally(name + " wait");
  }

  public String name() {
    return name;
  }

  /** Servers available now (0 while off duty). */
  public int capacity() {
    return capacity;
  }

  /**
   * Changes the number of servers on duty (shift start or end). Servers busy beyond a reduced
   * capacity finish their current request; no new request is granted until enough are free.
   */
  public void setCapacity(int newCapacity) {
    if (newCapacity < 0 || newCapacity > maxCapacity) {
      throw new IllegalArgumentException("resource " + name + ": capacity " + newCapacity + " outside 0.." + maxCapacity);
    }
    capacity = newCapacity;
    dispatch();
  }

  public int inUse() {
    return inUse;
  }

  public int waiting() {
    return queue.size();
  }

  /**
   * Asks for {@code units} servers; {@code onGrant} runs (with the wait in seconds) as soon as they
   * are granted, possibly immediately.
   */
  public void request(int units, DoubleConsumer onGrant) {
    if (units < 1 || units > maxCapacity) {
      throw new IllegalArgumentException("resource " + name + ": cannot request " + units + " of " + maxCapacity);
    }
    queue.addLast(new Request(units, sim.time(), onGrant));
    queueLength.update(queue.size());
    dispatch();
  }

  /** Returns {@code units} servers and serves waiting requests. */
  public void release(int units) {
    if (units < 1 || units > inUse) {
      throw new IllegalStateException("resource " + name + ": releasing " + units + " with " + inUse + " in use");
    }
    inUse -= units;
    busy.update(inUse);
    dispatch();
  }

  private void dispatch() {
    while (!queue.isEmpty() && queue.peekFirst().units() <= capacity - inUse) {
      // strict FIFO: the head of the queue blocks later requests
      Request r = queue.pollFirst();
      queueLength.update(queue.size());
      inUse += r.units();
      busy.update(inUse);
      double wait = sim.time() - r.requestedAt();
      waits.add(wait);
      r.onGrant().accept(wait);
    }
  }

  /** Waits of all granted requests, s. */
  public Tally waits() {
    return waits;
  }

  /** Time-weighted number of busy servers. */
  public Accumulate busy() {
    return busy;
  }

  /** Time-weighted queue length. */
  public Accumulate queueLength() {
    return queueLength;
  }

  /** Restarts the statistics at the current time (end of a warm-up). */
  public void resetStatistics() {
    busy.init(inUse);
    queueLength.init(queue.size());
    waits.init();
  }
}
