package org.twinsim.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.twinsim.engine.physics.PriorTraining;
import org.twinsim.engine.run.CourseUnits;
import org.twinsim.engine.run.ProgressListener;
import org.twinsim.engine.run.Variant;
import org.twinsim.model.twin.PopulationPrior;

/**
 * With measured compute timing only: the first pass over one patient ({@link CourseUnits#measure}),
 * returning its measured compute durations for the clinic unit of its replication.
 */
final class MeasureTask implements FlatMapFunction<Iterator<MeasureTask.Patient>, MeasureTask.Measured> {
  private static final long serialVersionUID = 1L;
  private final String runKey;
  private final Broadcast<List<String>> variants;

  /** A patient to measure. */
  record Patient(int variantIndex, int replication, int patient) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A patient's measured durations. */
  record Measured(int variantIndex, int replication, HashMap<String, Double> durations) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  MeasureTask(String runKey, Broadcast<List<String>> variants) {
    this.runKey = runKey;
    this.variants = variants;
  }

  @Override
  public Iterator<Measured> call(Iterator<Patient> it) {
    List<Measured> out = new ArrayList<>();
    while (it.hasNext()) {
      Patient p = it.next();
      Variant v = ExecutorState.variants(runKey, variants.value()).get(p.variantIndex());
      PopulationPrior prior = v.scenario().physics().isFull() ? PriorTraining.train(v.scenario(), p.replication()) : null;
      out.add(new Measured(p.variantIndex(), p.replication(),
          new HashMap<>(CourseUnits.measure(v, p.replication(), p.patient(), prior, ProgressListener.NONE))));
    }
    return out.iterator();
  }
}
