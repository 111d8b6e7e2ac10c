package org.twinsim.engine.des;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/** An SSJ event that runs a callback: the one event class the clinic model schedules. */
public final class CallbackEvent extends Event {
  private final Runnable action;

  public CallbackEvent(Simulator sim, Runnable action) {
    super(sim);
    this.action = action;
  }

  @Override
  public void actions() {
    action.run();
  }

  /** Schedules {@code action} after {@code delayS} simulated seconds. */
  public static void after(Simulator sim, double delayS, Runnable action) {
    new CallbackEvent(sim, action).schedule(Math.max(0, delayS));
  }

  /** Schedules {@code action} at absolute simulated time {@code timeS} (now if already past). */
  public static void at(Simulator sim, double timeS, Runnable action) {
    after(sim, timeS - sim.time(), action);
  }
}
