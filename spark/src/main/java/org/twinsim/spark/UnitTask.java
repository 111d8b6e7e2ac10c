package org.twinsim.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.twinsim.engine.run.CourseUnits;
import org.twinsim.engine.run.PartSink;
import org.twinsim.engine.run.ProgressListener;
import org.twinsim.engine.run.RunLedger;
import org.twinsim.engine.run.UnitWork;
import org.twinsim.engine.run.Variant;
import org.twinsim.engine.run.WorkUnit;

/**
 * The Spark task of a unit (one unit per partition): runs it through {@link UnitWork} - the same
 * code as the local engine - writing its parts atomically into the run folder. A failing attempt
 * is rethrown while Spark has attempts left (so Spark retries it, possibly on another executor);
 * the last allowed attempt returns the failure instead, so the other units still finish and the
 * driver can name the unit that failed for good.
 */
final class UnitTask implements FlatMapFunction<Iterator<WorkUnit>, UnitResult> {
  private static final long serialVersionUID = 1L;
  private final String runKey;
  private final Broadcast<List<String>> variants;
  private final Broadcast<HashMap<String, HashMap<String, Double>>> measured;
  private final String root;
  private final int attempts;
  private final FaultInjection faults;

  /**
   * @param runKey identifies the run in the executors' caches
   * @param variants the variants' JSON forms ({@link VariantCodec})
   * @param measured with measured compute timing, per "variantIndex/replication" the measured
   *     durations; else null
   * @param root the run's staging folder, as seen by the executors
   * @param attempts attempts Spark makes of a task (its maxFailures)
   * @param faults injected failures (none in normal runs)
   */
  UnitTask(String runKey, Broadcast<List<String>> variants, Broadcast<HashMap<String, HashMap<String, Double>>> measured,
           String root, int attempts, FaultInjection faults) {
    this.runKey = runKey;
    this.variants = variants;
    this.measured = measured;
    this.root = root;
    this.attempts = attempts;
    this.faults = faults;
  }

  @Override
  public Iterator<UnitResult> call(Iterator<WorkUnit> units) throws Exception {
    List<UnitResult> out = new ArrayList<>();
    while (units.hasNext()) {
      out.add(run(units.next()));
    }
    return out.iterator();
  }

  private UnitResult run(WorkUnit u) throws Exception {
    TaskContext tc = TaskContext.get();
    int attempt = tc == null ? 0 : tc.attemptNumber();
    String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
    long t0 = System.nanoTime();
    try {
      Variant v = ExecutorState.variants(runKey, variants.value()).get(u.variantIndex());
      PartSink sink = faults.wrap(u, attempt, PartSink.atomicFiles(Path.of(root), v.scenario()));
      UnitWork.Output o = UnitWork.run(u, v, (vv, rep) -> ExecutorState.context(runKey + "/" + u.variantIndex() + "/" + rep,
          () -> CourseUnits.clinic(vv, rep, measuredOf(u.variantIndex(), rep))), sink, ProgressListener.NONE);
      return UnitResult.ok(u, o.parts(), attempt, executor, (System.nanoTime() - t0) * 1e-9);
    } catch (Exception | Error e) {
      if (attempt + 1 < attempts) {
        throw e;
      }
      return UnitResult.failed(u, RunLedger.describe(e) + " (attempt " + (attempt + 1) + " of " + attempts + ", executor "
          + executor + ")", attempt, executor, (System.nanoTime() - t0) * 1e-9);
    }
  }

  private Map<String, Double> measuredOf(int variantIndex, int rep) {
    if (measured == null) {
      return null;
    }
    Map<String, Double> m = measured.value().get(variantIndex + "/" + rep);
    if (m == null) {
      throw new IllegalStateException("no measured compute durations for variant " + variantIndex + " replication " + rep);
    }
    return m;
  }
}
