package org.twinsim.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.twinsim.engine.run.ProgressListener;
import org.twinsim.engine.run.WorkUnit;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns the driver's task events of the units job into progress (one step per finished unit) and
 * one line on standard error per failed attempt, naming the unit (Spark's own stack traces are
 * kept out of the terminal by the module's log configuration).
 */
final class ProgressBridge extends SparkListener {
  private final String jobGroup;
  private final List<WorkUnit> units;
  private final ProgressListener progress;
  private final PrintStream err;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failedAttempts = new AtomicInteger();

  ProgressBridge(String jobGroup, List<WorkUnit> units, ProgressListener progress, PrintStream err) {
    this.jobGroup = jobGroup;
    this.units = units;
    this.progress = progress;
    this.err = err;
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    if (e.properties() != null && jobGroup.equals(e.properties().getProperty("spark.jobGroup.id"))) {
      for (Object id : CollectionConverters.asJava(e.stageIds())) {
        stages.add((Integer) id);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    if (!stages.contains(e.stageId())) {
      return;
    }
    if (e.taskInfo().successful()) {
      progress.advance(1);
      return;
    }
    failedAttempts.incrementAndGet();
    int index = e.taskInfo().index();
    String unit = index >= 0 && index < units.size() ? units.get(index).label() : "task " + index;
    String why = e.reason() instanceof TaskFailedReason r ? r.toErrorString().lines().findFirst().orElse("") : e.reason().toString();
    err.printf("twinsim: spark: %s: attempt %d failed on executor %s (%s)%n", unit, e.taskInfo().attemptNumber() + 1,
        e.taskInfo().executorId(), why.length() > 300 ? why.substring(0, 300) + "..." : why);
    err.flush();
  }

  /** Failed task attempts seen so far (retried or not). */
  int failedAttempts() {
    return failedAttempts.get();
  }
}
