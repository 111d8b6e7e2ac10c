package org.twinsim.spark;

import java.io.Serializable;
import java.util.Set;
import org.twinsim.engine.run.PartSink;
import org.twinsim.engine.run.WorkUnit;

/**
 * Deliberate unit failures, to show on a real engine that retries and failures keep the outputs
 * exactly-once (engine settings {@code inject.failOnce} and {@code inject.failAlways}: unit labels
 * such as {@code variant=base replication=0 patient=2}, separated by ';'). An injected unit fails
 * after writing its FIRST part, so the failed attempt leaves an incomplete unit on disk - the case
 * a retry or {@code --resume} must repair. Off unless a setting names a unit.
 *
 * @param failOnce units whose first attempt fails
 * @param failAlways units whose every attempt fails
 */
record FaultInjection(Set<String> failOnce, Set<String> failAlways) implements Serializable {
  private static final long serialVersionUID = 1L;

  static final FaultInjection NONE = new FaultInjection(Set.of(), Set.of());

  FaultInjection {
    failOnce = Set.copyOf(failOnce);
    failAlways = Set.copyOf(failAlways);
  }

  /** Thrown by an injected failure. */
  static final class InjectedFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    InjectedFailure(String message) {
      super(message);
    }
  }

  /** The sink of {@code u}'s attempt {@code attempt} (0-based): {@code sink} itself unless a failure is injected. */
  PartSink wrap(WorkUnit u, int attempt, PartSink sink) {
    String label = u.label();
    if (!failAlways.contains(label) && !(failOnce.contains(label) && attempt == 0)) {
      return sink;
    }
    return new PartSink() {
      private int written;

      @Override
      public org.twinsim.reports.manifest.RunManifest.Part write(String rel, org.twinsim.reports.table.Table rows)
          throws java.io.IOException {
        org.twinsim.reports.manifest.RunManifest.Part p = sink.write(rel, rows);
        if (++written == 1) {
          throw new InjectedFailure("injected failure after the unit's first part (" + rel + ")");
        }
        return p;
      }
    };
  }
}
