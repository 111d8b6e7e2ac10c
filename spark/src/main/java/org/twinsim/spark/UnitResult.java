package org.twinsim.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.engine.run.WorkUnit;
import org.twinsim.reports.manifest.RunManifest;

/**
 * What a unit's task sends back to the driver: its parts (path and row count), or the error of its
 * last allowed attempt; where and how long it ran.
 *
 * @param unit the unit
 * @param paths its parts, relative to the run folder (empty when it failed)
 * @param rows row count of each part
 * @param error the error (type, message, where), or null when it succeeded
 * @param attempt 0-based attempt number of the task that produced this result
 * @param executor Spark executor id ("driver" in local mode)
 * @param seconds wall time of the unit on its executor
 */
record UnitResult(WorkUnit unit, List<String> paths, long[] rows, String error, int attempt, String executor,
                  double seconds) implements Serializable {
  private static final long serialVersionUID = 1L;

  static UnitResult ok(WorkUnit u, List<RunManifest.Part> parts, int attempt, String executor, double seconds) {
    List<String> p = new ArrayList<>();
    long[] r = new long[parts.size()];
    for (int i = 0; i < r.length; i++) {
      p.add(parts.get(i).path());
      r[i] = parts.get(i).rows();
    }
    return new UnitResult(u, p, r, null, attempt, executor, seconds);
  }

  static UnitResult failed(WorkUnit u, String error, int attempt, String executor, double seconds) {
    return new UnitResult(u, new ArrayList<>(), new long[0], error, attempt, executor, seconds);
  }

  boolean succeeded() {
    return error == null;
  }

  List<RunManifest.Part> parts() {
    List<RunManifest.Part> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(new RunManifest.Part(paths.get(i), rows[i]));
    }
    return out;
  }
}
